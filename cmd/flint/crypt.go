package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/client"
)

func init() { commands = append(commands, newEncryptCmd, newDecryptCmd) }

// encryptedFile is what flint encrypt writes and flint decrypt reads: the
// ciphertext with everything needed to decrypt it, as the Lit SDK's
// encryptToJson keeps it (the conditions under the field of their kind).
type encryptedFile struct {
	client.Encrypted
	Kind       string          `json:"kind"`       // the conditions' field: accessControlConditions, …
	Conditions json.RawMessage `json:"conditions"` // canonical, as hashed
	Hash       string          `json:"conditionsHash"`
}

// maxPlaintext bounds what flint encrypt reads: the ciphertext travels in
// JSON and is decrypted in memory.
const maxPlaintext = 64 << 20

// readConditions reads a condition list of any of the four kinds from a
// file: a bare array (EVM basic, or --kind), or an object with one of the
// SDK's four fields.
func readConditions(path, kind string) (*acc.Conditions, error) {
	if path == "" {
		return nil, usagef("--conditions FILE is required (a JSON array of access-control conditions)")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("--conditions: %w", err)
	}
	var f acc.Fields
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, usagef("--conditions %s: %w", path, err)
		}
	} else {
		switch kind {
		case "", "accessControlConditions", "evmBasic":
			f.AccessControlConditions = raw
		case "evmContractConditions", "evmContract":
			f.EVMContractConditions = raw
		case "solRpcConditions", "solRpc":
			f.SolRPCConditions = raw
		case "unifiedAccessControlConditions", "unified":
			f.UnifiedAccessControlConditions = raw
		default:
			return nil, usagef("--kind %q: want accessControlConditions, evmContractConditions, solRpcConditions or unifiedAccessControlConditions", kind)
		}
	}
	c, err := f.Parse()
	if err != nil {
		return nil, usagef("--conditions %s: %w", path, err)
	}
	return c, nil
}

func newEncryptCmd() *cobra.Command {
	var f netFlags
	var conds, kind, in, text, out string
	cmd := &cobra.Command{
		Use:   "encrypt --conditions FILE (--in FILE | --text T) [--out FILE]",
		Short: "Encrypt data so that only callers who meet access-control conditions can decrypt it",
		Long: `Encrypts data under the network's BLS key to the identity of the access-control conditions and the
data's hash, on this machine (as the Lit SDK's encryptString does): no node sees the data. Writes a JSON
file with the ciphertext, the data's hash and the conditions, which "flint decrypt" reads.

--conditions is a JSON array in Lit's format (EVM basic by default, or --kind), or an object with one
of the fields accessControlConditions, evmContractConditions, solRpcConditions,
unifiedAccessControlConditions.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := readConditions(conds, kind)
			if err != nil {
				return err
			}
			var data []byte
			switch {
			case in != "" && cmd.Flags().Changed("text"):
				return usagef("give --in or --text, not both")
			case cmd.Flags().Changed("text"):
				data = []byte(text)
			case in != "":
				if data, err = readBounded(in, maxPlaintext); err != nil {
					return err
				}
			default:
				return usagef("give the data with --in FILE or --text T")
			}
			nw, err := f.load()
			if err != nil {
				return err
			}
			ctx, cancel := f.context(cmd.Context())
			defer cancel()
			cl, err := connect(ctx, nw)
			if err != nil {
				return err
			}
			enc, err := cl.Encrypt(c, data)
			if err != nil {
				return err
			}
			file := encryptedFile{Encrypted: *enc, Kind: c.Kind().String(), Conditions: c.Canonical(), Hash: c.HashHex()}
			return writeOutput(cmd, out, file)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&conds, "conditions", "", "JSON file of the access-control conditions")
	cmd.Flags().StringVar(&kind, "kind", "", "the kind of a bare array in --conditions (default accessControlConditions)")
	cmd.Flags().StringVar(&in, "in", "", "file to encrypt")
	cmd.Flags().StringVar(&text, "text", "", "text to encrypt")
	cmd.Flags().StringVar(&out, "out", "", "write the encrypted JSON here instead of stdout")
	return cmd
}

func newDecryptCmd() *cobra.Command {
	var f netFlags
	var in, out string
	cmd := &cobra.Command{
		Use:   "decrypt --in FILE [--out FILE]",
		Short: "Decrypt what flint encrypt wrote, if --key meets its conditions",
		Long: `Asks every node for its share of the decryption key, authorised by a session key that --key grants;
each node releases it only if --key's address meets the access-control conditions, and says which
condition failed otherwise. Combines the first quorum of valid shares, checks the key against the
network's BLS key, names nodes that sent bad shares, and writes the data (stdout, or --out).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if in == "" {
				return usagef("--in FILE is required (what flint encrypt wrote)")
			}
			raw, err := readBounded(in, 2*maxPlaintext)
			if err != nil {
				return err
			}
			var file encryptedFile
			if err := json.Unmarshal(raw, &file); err != nil {
				return usagef("--in %s: %w", in, err)
			}
			kind, ok := kindOf(file.Kind)
			if !ok {
				return usagef("--in %s: unknown conditions kind %q", in, file.Kind)
			}
			c, err := acc.Parse(kind, file.Conditions)
			if err != nil {
				return usagef("--in %s: %w", in, err)
			}
			s, err := f.signedSession(cmd)
			if err != nil {
				return err
			}
			defer s.cancel()
			ctx, key, cl, sess := s.ctx, s.key, s.cl, s.sess
			got, err := cl.Decrypt(ctx, sess, c, &file.Encrypted)
			if got != nil {
				for _, u := range got.BadNodes {
					fmt.Fprintf(cmd.ErrOrStderr(), "flint: warning: node %s sent a bad decryption share\n", u)
				}
			}
			if err != nil {
				var ne *client.NodesError
				if errors.As(err, &ne) && len(ne.Nodes) > 0 && ne.Nodes[0].Message != "" {
					return fmt.Errorf("decrypt as %s: %w (first refusal: %s)", crypto.PubkeyToAddress(key.PublicKey), err, ne.Nodes[0].Message)
				}
				return fmt.Errorf("decrypt: %w", err)
			}
			if f.json {
				res := decryptResult{BadNodes: got.BadNodes}
				if utf8.Valid(got.Data) {
					res.Data = string(got.Data)
				} else {
					res.DataBase64 = base64.StdEncoding.EncodeToString(got.Data)
				}
				return writeJSON(cmd.OutOrStdout(), res)
			}
			if out != "" {
				return os.WriteFile(out, got.Data, 0o600)
			}
			_, err = cmd.OutOrStdout().Write(got.Data)
			return err
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&in, "in", "", "the JSON file flint encrypt wrote")
	cmd.Flags().StringVar(&out, "out", "", "write the data here (mode 0600) instead of stdout")
	return cmd
}

// decryptResult is flint decrypt's --json answer: the data as text when it
// is UTF-8, else in base64.
type decryptResult struct {
	Data       string   `json:"data,omitempty"`
	DataBase64 string   `json:"dataBase64,omitempty"`
	BadNodes   []string `json:"badNodes"`
}

// kindOf maps a conditions field name to its kind.
func kindOf(name string) (acc.Kind, bool) {
	for k := acc.EVMBasic; k <= acc.Unified; k++ {
		if k.String() == name {
			return k, true
		}
	}
	return 0, false
}

// readBounded reads a file of at most max bytes.
func readBounded(path string, max int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, usagef("%w", err)
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, usagef("%s is over %d bytes", path, max)
	}
	return b, nil
}

// writeOutput writes v as JSON to out, or to stdout when out is "".
func writeOutput(cmd *cobra.Command, out string, v any) error {
	if out == "" {
		return writeJSON(cmd.OutOrStdout(), v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}
