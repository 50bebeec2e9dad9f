package timelock

import (
	"bytes"
	"testing"
)

// FuzzParse: Parse refuses its input or returns a ciphertext that encodes back to
// the same bytes; Open never panics on what Parse accepts.
func FuzzParse(f *testing.F) {
	v := loadVectors(f)
	f.Add(b64(f, v.Ciphertext))
	f.Add(b64(f, v.Second.Ciphertext))
	sig := combineJSON(f, v.SharesOld)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err != nil {
			return
		}
		if !bytes.Equal(c.Bytes(), b) {
			t.Fatal("re-encoding differs")
		}
		_, _ = c.Open(sig)
	})
}
