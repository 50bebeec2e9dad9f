package dkg

import (
	"crypto/sha256"

	"github.com/drand/kyber"
	"github.com/drand/kyber/encrypt/ecies"
)

func eciesEncrypt(pub kyber.Point, msg []byte) ([]byte, error) {
	return ecies.Encrypt(suite, pub, msg, sha256.New)
}
