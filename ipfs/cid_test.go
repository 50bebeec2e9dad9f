package ipfs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mr-tron/base58"
)

const helloCID = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"

func TestParseRoundTrip(t *testing.T) {
	c, err := Parse(helloCID)
	if err != nil {
		t.Fatal(err)
	}
	if c.String() != helloCID {
		t.Fatalf("String = %s", c.String())
	}
	b := c.Bytes()
	if len(b) != Size || b[0] != 0x12 || b[1] != 0x20 {
		t.Fatalf("Bytes = %x", b)
	}
	d := c.Digest()
	if !bytes.Equal(b[2:], d[:]) {
		t.Fatal("Digest differs from Bytes[2:]")
	}
	c2, err := FromBytes(b)
	if err != nil || c2 != c {
		t.Fatalf("FromBytes(Bytes()) = %v, %v", c2, err)
	}
	if FromDigest(d) != c {
		t.Fatal("FromDigest(Digest()) differs")
	}
}

// TestOnChainForm: the on-chain form of an Action's CID is 0x1220 ‖ sha256 of
// the root block; for a one-chunk file the root block is the leaf.
func TestOnChainForm(t *testing.T) {
	block := encodeLeaf(nil, []byte("hello world\n"))
	sum := sha256.Sum256(block)
	want := "1220" + hex.EncodeToString(sum[:])
	if got := hex.EncodeToString(MustParse(helloCID).Bytes()); got != want {
		t.Fatalf("on-chain bytes %s, want %s", got, want)
	}
}

func TestParseRejects(t *testing.T) {
	valid := MustParse(helloCID).Bytes()
	sha512Header := append([]byte{0x13, 0x40}, make([]byte, 64)...)
	for name, s := range map[string]string{
		"empty":          "",
		"too long":       strings.Repeat("Q", 100),
		"not base58 (0)": "Qm0000000000000000000000000000000000000000000",
		"not base58 (l)": "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5l",
		"short":          "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5",
		"CIDv1 string":   "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
		"leading 1":      "1" + helloCID,
		"space":          " " + helloCID,
		"sha512":         base58.Encode(sha512Header),
		"wrong header":   base58.Encode(append([]byte{0x12, 0x21}, valid[2:]...)),
		"identity hash":  base58.Encode(append([]byte{0x00, 0x20}, valid[2:]...)),
	} {
		if _, err := Parse(s); !errors.Is(err, ErrBadCID) {
			t.Errorf("%s: Parse(%q) err = %v, want ErrBadCID", name, s, err)
		}
	}
	for name, b := range map[string][]byte{
		"nil":       nil,
		"33 bytes":  valid[:33],
		"35 bytes":  append(append([]byte{}, valid...), 0),
		"bad code":  append([]byte{0x11, 0x20}, valid[2:]...),
		"bad len":   append([]byte{0x12, 0x1f}, valid[2:]...),
		"sha512 mh": sha512Header,
	} {
		if _, err := FromBytes(b); !errors.Is(err, ErrBadCID) {
			t.Errorf("%s: FromBytes err = %v, want ErrBadCID", name, err)
		}
	}
}

func TestZeroCID(t *testing.T) {
	var c CID
	if !c.IsZero() || c.String() != "" || c.Bytes() != nil {
		t.Fatal("zero CID not reported as zero")
	}
	if _, err := c.MarshalText(); !errors.Is(err, ErrBadCID) {
		t.Fatalf("MarshalText of zero CID: %v", err)
	}
	if Sum(nil).IsZero() {
		t.Fatal("computed CID reported as zero")
	}
}

func TestCIDJSON(t *testing.T) {
	in := struct {
		IPFSID CID `json:"ipfsId"`
	}{MustParse(helloCID)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"ipfsId":"`+helloCID+`"}` {
		t.Fatalf("JSON = %s", b)
	}
	var out struct {
		IPFSID CID `json:"ipfsId"`
	}
	if err := json.Unmarshal(b, &out); err != nil || out.IPFSID != in.IPFSID {
		t.Fatalf("round trip: %v %v", out.IPFSID, err)
	}
	if err := json.Unmarshal([]byte(`{"ipfsId":"Qmnope"}`), &out); !errors.Is(err, ErrBadCID) {
		t.Fatalf("bad CID in JSON: %v", err)
	}
}

// FuzzParse: Parse never panics, accepts only canonical 34-byte sha2-256
// multihashes, and round-trips what it accepts through every form.
func FuzzParse(f *testing.F) {
	for _, s := range []string{helloCID, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", "", "Qm", "1111", "bafy", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5l"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrBadCID) {
				t.Fatalf("error %v does not wrap ErrBadCID", err)
			}
			return
		}
		if c.String() != s || !strings.HasPrefix(s, "Qm") {
			t.Fatalf("accepted %q but formats as %q", s, c.String())
		}
		c2, err := FromBytes(c.Bytes())
		if err != nil || c2 != c {
			t.Fatalf("binary round trip of %q: %v", s, err)
		}
	})
}

// FuzzFromBytes: the binary decoder never panics and round-trips.
func FuzzFromBytes(f *testing.F) {
	f.Add(MustParse(helloCID).Bytes())
	f.Add([]byte{0x12, 0x20})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := FromBytes(b)
		if err != nil {
			if !errors.Is(err, ErrBadCID) {
				t.Fatalf("error %v does not wrap ErrBadCID", err)
			}
			return
		}
		if !bytes.Equal(c.Bytes(), b) {
			t.Fatalf("round trip %x -> %x", b, c.Bytes())
		}
		if c2, err := Parse(c.String()); err != nil || c2 != c {
			t.Fatalf("string round trip: %v", err)
		}
	})
}
