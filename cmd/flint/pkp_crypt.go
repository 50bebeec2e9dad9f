package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/pkpenc"
)

// flint pkp encrypt / decrypt: data only a PKP's controller can read (docs/pkp-encryption.md).

// pkpCryptIO are the flags of where the data comes from and goes to.
type pkpCryptIO struct {
	pubkey, in, text, out, aad string
}

func (p *pkpCryptIO) register(cmd *cobra.Command, inWhat string) {
	fl := cmd.Flags()
	fl.StringVar(&p.pubkey, "pubkey", "", "the PKP's public key (hex)")
	fl.StringVar(&p.in, "in", "", "read the "+inWhat+" from this file (- for stdin)")
	fl.StringVar(&p.text, "text", "", "the "+inWhat+" itself, instead of --in")
	fl.StringVar(&p.out, "out", "", "write the result to this file instead of stdout")
	fl.StringVar(&p.aad, "aad", "", "associated data: authenticated, not stored, and needed again to decrypt (a file name, a context)")
}

// input reads --in or --text, at most limit bytes.
func (p *pkpCryptIO) input(cmd *cobra.Command, limit int) ([]byte, error) {
	switch {
	case p.in != "" && cmd.Flags().Changed("text"):
		return nil, usagef("give --in or --text, not both")
	case cmd.Flags().Changed("text"):
		return []byte(p.text), nil
	case p.in == "":
		return nil, usagef("give --in FILE or --text T")
	}
	var r io.Reader
	if p.in == "-" {
		r = cmd.InOrStdin()
	} else {
		f, err := os.Open(p.in)
		if err != nil {
			return nil, usagef("--in: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("--in: %w", err)
	}
	if len(b) > limit {
		return nil, usagef("--in: more than %d bytes", limit)
	}
	return b, nil
}

func (p *pkpCryptIO) aadBytes() ([]byte, error) {
	if len(p.aad) > pkpenc.MaxAAD {
		return nil, usagef("--aad: %d bytes, at most %d", len(p.aad), pkpenc.MaxAAD)
	}
	if p.aad == "" {
		return nil, nil
	}
	return []byte(p.aad), nil
}

// write writes b to --out (mode 0600: it may be a secret), or stdout.
func (p *pkpCryptIO) write(cmd *cobra.Command, b []byte) error {
	if p.out == "" {
		_, err := cmd.OutOrStdout().Write(b)
		return err
	}
	if err := os.WriteFile(p.out, b, 0o600); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

/* ========== encrypt ========== */

type pkpEncryptResult struct {
	PublicKey  string `json:"publicKey"`
	EthAddress string `json:"ethAddress"`
	Bytes      int    `json:"bytes"`                // plaintext length
	Ciphertext string `json:"ciphertext,omitempty"` // base64, when not written to --out
	Out        string `json:"out,omitempty"`
}

func newPKPEncryptCmd() *cobra.Command {
	var f netFlags
	var p pkpCryptIO
	cmd := &cobra.Command{
		Use:   "encrypt --pubkey P (--in FILE | --text T) [--out FILE]",
		Short: "Encrypt data that only the PKP's controller can decrypt",
		Long: `Encrypts to the PKP's public key (ECIES on secp256k1 with AES-256-GCM, docs/pkp-encryption.md).
Whoever controls the PKP when decrypting — the NFT's owner then, and the addresses it permits with
scope 1 — can have the nodes decrypt it with "flint pkp decrypt"; nobody else can, the nodes
included. Selling the NFT hands the data to the buyer. No key is needed: the network's chain is
only asked whether the key is a PKP of this network (data sent to another key could never be
decrypted here).

The ciphertext goes to --out as raw bytes, or to stdout in base64. --aad is associated data, needed
again to decrypt.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(p.pubkey)
			if err != nil {
				return err
			}
			data, err := p.input(cmd, pkpenc.MaxPlaintext)
			if err != nil {
				return err
			}
			aad, err := p.aadBytes()
			if err != nil {
				return err
			}
			c, err := f.onChain(cmd, false)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, cc := c.ctx, c.cc
			if _, err := cc.PKP(ctx, chain.TokenID(pub)); err != nil {
				return explainChainErr("encrypt", err, pub)
			}
			ct, err := client.EncryptToPKP(pub, data, aad)
			if err != nil {
				return fmt.Errorf("encrypt: %w", err)
			}
			res := pkpEncryptResult{PublicKey: hex0x(pub), EthAddress: chain.EthAddress(pub).Hex(), Bytes: len(data), Out: p.out}
			if p.out != "" {
				if err := p.write(cmd, ct); err != nil {
					return err
				}
			} else {
				res.Ciphertext = base64.StdEncoding.EncodeToString(ct)
			}
			switch {
			case f.json:
				return writeJSON(cmd.OutOrStdout(), res)
			case p.out == "":
				fmt.Fprintln(cmd.OutOrStdout(), res.Ciphertext)
			default:
				fmt.Fprintf(cmd.ErrOrStderr(), "flint: encrypted %d bytes to PKP %s into %s\n", len(data), res.EthAddress, p.out)
			}
			return nil
		},
	}
	f.register(cmd)
	p.register(cmd, "data")
	return cmd
}

/* ========== decrypt ========== */

type pkpDecryptResult struct {
	PublicKey   string       `json:"publicKey"`
	Bytes       int          `json:"bytes"`
	Plaintext   *string      `json:"plaintext,omitempty"`       // when it is UTF-8 and not written to --out
	Base64      string       `json:"plaintextBase64,omitempty"` // when not written to --out
	Out         string       `json:"out,omitempty"`
	Epoch       uint64       `json:"epoch"`
	BadNodes    []string     `json:"badNodes"`
	FailedNodes []failedNode `json:"failedNodes"`
}

// readCiphertext takes a ciphertext as raw bytes (its first byte is the version, 0x01, which base64
// never starts with) or as base64, as encrypt writes it.
func readCiphertext(b []byte) ([]byte, error) {
	if len(b) > 0 && b[0] == pkpenc.Version {
		return b, nil
	}
	ct, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(b)))
	if err != nil {
		return nil, usagef("the ciphertext is neither raw (as --out writes it) nor base64 (as stdout gets it)")
	}
	return ct, nil
}

func newPKPDecryptCmd() *cobra.Command {
	var f netFlags
	var p pkpCryptIO
	cmd := &cobra.Command{
		Use:   "decrypt --pubkey P (--in FILE | --text BASE64) [--out FILE]",
		Short: "Decrypt data encrypted to a PKP (its owner or a permitted address)",
		Long: `Has the nodes decrypt a ciphertext from "flint pkp encrypt", authorised by a session key that
--key grants, as "flint pkp sign" is. Each node checks that the PKP permits the --key address right
now — it owns the NFT, or its owner permits it with scope 1; grants made before the PKP's last sale
do not count — and that the ciphertext was made for this PKP, then answers its decryption share.
The client combines them, checks the result against the ciphertext and decrypts, naming nodes that
failed or sent bad shares.

--in is the ciphertext file (raw, as --out wrote it, or base64); --text is the base64 ciphertext.
The plaintext goes to --out, or stdout.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(p.pubkey)
			if err != nil {
				return err
			}
			raw, err := p.input(cmd, 2*(pkpenc.Overhead+pkpenc.MaxPlaintext))
			if err != nil {
				return err
			}
			ct, err := readCiphertext(raw)
			if err != nil {
				return err
			}
			aad, err := p.aadBytes()
			if err != nil {
				return err
			}
			s, err := f.signedSession(cmd)
			if err != nil {
				return err
			}
			defer s.cancel()
			ctx, key, cl, session := s.ctx, s.key, s.cl, s.sess
			got, err := cl.DecryptWithPKP(ctx, session, pub, ct, aad)
			if err != nil {
				return explainPKPDecryptErr(err, crypto.PubkeyToAddress(key.PublicKey), pub)
			}
			res := pkpDecryptResult{PublicKey: hex0x(pub), Bytes: len(got.Data), Out: p.out, Epoch: got.Epoch,
				BadNodes: append([]string{}, got.BadNodes...), FailedNodes: failedNodes(got.Failed)}
			for _, u := range res.BadNodes {
				fmt.Fprintf(cmd.ErrOrStderr(), "flint: warning: node %s sent a decryption share that does not fit\n", u)
			}
			for _, n := range res.FailedNodes {
				if !slices.Contains(res.BadNodes, n.URL) {
					fmt.Fprintf(cmd.ErrOrStderr(), "flint: warning: node %s failed: %s\n", n.URL, n.Message)
				}
			}
			if p.out != "" {
				if err := p.write(cmd, got.Data); err != nil {
					return err
				}
			}
			if !f.json {
				if p.out == "" {
					return p.write(cmd, got.Data)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "flint: decrypted %d bytes into %s\n", len(got.Data), p.out)
				return nil
			}
			if p.out == "" {
				res.Base64 = base64.StdEncoding.EncodeToString(got.Data)
				if utf8.Valid(got.Data) {
					s := string(got.Data)
					res.Plaintext = &s
				}
			}
			return writeJSON(cmd.OutOrStdout(), res)
		},
	}
	f.register(cmd)
	p.register(cmd, "ciphertext")
	return cmd
}

func failedNodes(nodes []*client.NodeError) []failedNode {
	out := []failedNode{}
	for _, n := range nodes {
		msg := n.Message
		if n.Err != nil {
			msg = n.Err.Error()
		}
		out = append(out, failedNode{URL: n.URL, Status: n.Status, Code: n.Code, Message: msg})
	}
	return out
}

// explainPKPDecryptErr adds what the user can do when every node refused for one reason.
func explainPKPDecryptErr(err error, caller common.Address, pub []byte) error {
	if errors.Is(err, client.ErrPKPCiphertext) {
		return fmt.Errorf("decrypt: %w (was it encrypted to PKP %s, and is it whole?)", err, chain.EthAddress(pub).Hex())
	}
	return explainPKPRefusal("decrypt", "decrypt with", "", err, caller, pub)
}
