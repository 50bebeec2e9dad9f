package acc

import (
	"context"
	"encoding/json"
	"testing"
)

// FuzzParse feeds arbitrary text to Parse as each kind. Nothing may panic; whatever parses must have a
// canonical form that is valid JSON, parses again to the same hash (the node re-hashes what the SDK sends,
// which is that form), and evaluates against a fake world without panicking.
func FuzzParse(f *testing.F) {
	raw, err := readVectors()
	if err == nil {
		for _, v := range raw.Cases {
			f.Add(uint8(0), v.Input)
			f.Add(uint8(3), v.Canonical)
		}
	}
	f.Add(uint8(1), "["+contractCond("shares", ">=", "1")+"]")
	f.Add(uint8(0), `[[{"operator":"or"}],[]]`)
	f.Fuzz(func(t *testing.T, k uint8, s string) {
		kind := Kind(k%4) + EVMBasic
		c, err := Parse(kind, []byte(s))
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if !json.Valid(c.Canonical()) {
			t.Fatalf("canonical form is not JSON: %s", c.Canonical())
		}
		again, err := Parse(kind, c.Canonical())
		if err != nil {
			t.Fatalf("canonical form %s does not parse: %v", c.Canonical(), err)
		}
		if again.Hash() != c.Hash() {
			t.Fatalf("canonical form hashes differently: %s", c.Canonical())
		}
		ch, _, env := world()
		installDAO(t, ch)
		res, err := Evaluate(context.Background(), c, env)
		if err == nil && !res.OK && len(res.Failures) == 0 {
			t.Fatalf("a refusal names no condition")
		}
	})
}
