package chain

import (
	"bytes"
	"testing"

	"golang.org/x/crypto/sha3"
)

// TestAuthMethodKeyID recomputes the tagged id with an independent Keccak,
// and checks it differs from Lit's untagged id and across types.
func TestAuthMethodKeyID(t *testing.T) {
	amID := [32]byte{1, 2, 3}
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte("flint/auth-method-key-id/v1"))
	h.Write(append(make([]byte, 31), 6))
	h.Write(amID[:])
	got := AuthMethodKeyID(6, amID)
	if !bytes.Equal(got[:], h.Sum(nil)) {
		t.Fatalf("AuthMethodKeyID = %x, want %x", got, h.Sum(nil))
	}
	if got == amID || got == AuthMethodKeyID(8, amID) {
		t.Fatal("the key id is not separated from the auth method id or from another type")
	}
}
