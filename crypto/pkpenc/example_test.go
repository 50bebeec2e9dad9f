package pkpenc_test

import (
	"fmt"

	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// A PKP key Shamir-shared among four nodes with t = 1: the sender encrypts
// to the public key, three nodes answer with decryption shares, the client
// checks each against the node's public share and opens the ciphertext.
func Example() {
	// The network (in Flint the DKG and crypto/hd produce this).
	const n, t = 4, 1
	key, _ := secp.RandomScalar(nil)
	poly, _ := vss.Random(&key, t, nil)
	commit := poly.Commit()
	pkp := commit[0] // X' = x'·G

	// Anyone: encrypt to the PKP.
	raw, err := pkpenc.Encrypt(&pkp, []byte("for whoever holds the NFT"), []byte("doc-42"))
	if err != nil {
		panic(err)
	}

	// The client sends the header to the nodes; each node checks that the
	// caller may use the PKP and that the ciphertext was made for it, and
	// answers.
	c, err := pkpenc.Parse(raw)
	if err != nil {
		panic(err)
	}
	var shares []*pkpenc.Share
	for i := uint32(2); i <= n; i++ {
		h, err := pkpenc.ParseHeader(c.Header())
		if err != nil {
			panic(err)
		}
		x := poly.Eval(i) // node i's share x'_i
		sh, err := pkpenc.DecryptionShare(&x, i, &pkp, h)
		if err != nil {
			panic(err)
		}
		shares = append(shares, sh)
	}

	// The client checks every share against X'_i and combines.
	for _, sh := range shares {
		pub := commit.Eval(sh.Index)
		if err := pkpenc.VerifyShare(sh, &pub, &c.U); err != nil {
			panic(err)
		}
	}
	xU, err := pkpenc.Combine(shares, t)
	if err != nil {
		panic(err)
	}
	plaintext, err := pkpenc.Open(&pkp, c, &xU, []byte("doc-42"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", plaintext)
	// Output: for whoever holds the NFT
}
