// Package usage keeps a node's usage records: an append-only audit log with
// one record per client request that signs or runs an Action (who asked,
// with which PKP or Action, the hash signed, the outcome, the presignature
// used, how long it took), rotated by size into a bounded number of files,
// and read back with filters by `flint node usage`.
//
// A record holds no secret and no plaintext: of what was signed only its
// 32-byte digest, of an Action only its CID, of the caller only its address
// and session key (public).
//
// On disk each record is one line, "CCCCCCCC {json}\n", where CCCCCCCC is
// the CRC-32C of the JSON in hex. A crash can leave a torn last line, and a
// disk can flip bits: the reader skips every line whose checksum does not
// match, and the writer cuts a torn tail off before it appends again.
package usage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"time"
)

// Kinds of request.
const (
	KindSign    = "sign"    // /web/pkp/sign
	KindExecute = "execute" // /web/execute
	KindDecrypt = "decrypt" // /web/encryption/sign, /flint/v1/pkp/decrypt
)

// Caller classes: how the caller authenticated. The set is bounded, so a
// class may be a metric label; the address never is.
const (
	ClassWallet    = "wallet"    // an externally owned account's AuthSig
	ClassContract  = "contract"  // an EIP-1271 contract wallet
	ClassSession   = "session"   // a session key a wallet granted
	ClassAnonymous = "anonymous" // refused before the caller was known
)

// OutcomeOK is the outcome of a request that was answered with success; any
// other outcome is the node's error code (e.g. NodeNotAuthorized).
const OutcomeOK = "ok"

// MaxRecordBytes bounds one encoded record (its line without the checksum
// and the newline). The reader skips longer lines unread.
const MaxRecordBytes = 16 << 10

// MaxSigns bounds the signatures one record lists; an Action that asks for
// more has the rest counted in SignsDropped.
const MaxSigns = 32

// Record is one client request at one node.
type Record struct {
	// ID is the request's correlation id (X-Request-Id), the same at every
	// node the client asked.
	ID   string    `json:"id"`
	Time time.Time `json:"time"` // when the request arrived
	Kind string    `json:"kind"` // KindSign, KindExecute or KindDecrypt
	// Caller is the address that authorised the request (0x…, checksummed),
	// empty when it was refused before that was known.
	Caller      string `json:"caller,omitempty"`
	CallerClass string `json:"callerClass"`
	// SessionKey is the session's ed25519 public key (hex), for sessions.
	SessionKey string `json:"sessionKey,omitempty"`
	// PKP is the compressed public key (hex) a sign request named, and
	// Digest the 32-byte hash it asked to have signed (hex). A PKP
	// decryption (KindDecrypt without Conditions) names its PKP here too,
	// with the SHA-256 of the ciphertext header as Digest.
	PKP    string `json:"pkp,omitempty"`
	Digest string `json:"digest,omitempty"`
	// CID is the Action's IPFS CID, for execute.
	CID string `json:"cid,omitempty"`
	// Conditions is the hash of a decrypt request's access-control
	// conditions (hex); Digest is then the hash of the data it decrypts.
	Conditions string `json:"conditions,omitempty"`
	// Presig names the presignature bound to a sign request.
	Presig string `json:"presig,omitempty"`
	// Signs are the signatures an Action asked this node for.
	Signs        []Sign `json:"signs,omitempty"`
	SignsDropped int    `json:"signsDropped,omitempty"`
	Outcome      string `json:"outcome"`
	// DurationUS is how long the node took to answer, in microseconds.
	DurationUS int64 `json:"durationUs"`
}

// Sign is one signature an Action asked for.
type Sign struct {
	PKP     string `json:"pkp"`
	Digest  string `json:"digest"`
	Presig  string `json:"presig,omitempty"`
	Outcome string `json:"outcome"`
}

// Duration is the record's duration.
func (r *Record) Duration() time.Duration { return time.Duration(r.DurationUS) * time.Microsecond }

// Errors of encoding and parsing.
var (
	ErrTooLarge = errors.New("usage: record too large")
	ErrCorrupt  = errors.New("usage: corrupt record")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Encode returns r's line, newline included.
func Encode(r *Record) ([]byte, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("usage: encoding record %q: %w", r.ID, err)
	}
	if len(body) > MaxRecordBytes {
		return nil, fmt.Errorf("%w: record %q is %d bytes, over the %d-byte record limit", ErrTooLarge, r.ID, len(body), MaxRecordBytes)
	}
	line := make([]byte, 0, 9+len(body)+1)
	line = fmt.Appendf(line, "%08x ", crc32.Checksum(body, castagnoli))
	line = append(line, body...)
	return append(line, '\n'), nil
}

// Parse decodes one line (with or without its newline). Anything but a
// line Encode wrote fails with ErrCorrupt.
func Parse(line []byte) (*Record, error) {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	if len(line) < 10 || line[8] != ' ' {
		return nil, fmt.Errorf("%w: %d-byte line without a checksum", ErrCorrupt, len(line))
	}
	if len(line)-9 > MaxRecordBytes {
		return nil, fmt.Errorf("%w: %d-byte line over the %d-byte record limit", ErrCorrupt, len(line), MaxRecordBytes)
	}
	var sum [4]byte
	if _, err := hex.Decode(sum[:], line[:8]); err != nil {
		return nil, fmt.Errorf("%w: checksum is not hex", ErrCorrupt)
	}
	body := line[9:]
	want := uint32(sum[0])<<24 | uint32(sum[1])<<16 | uint32(sum[2])<<8 | uint32(sum[3])
	if crc32.Checksum(body, castagnoli) != want {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	var r Record
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return &r, nil
}
