package acc

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"
)

// vectors.json is made by testdata/gen-vectors.mjs with the Lit SDK's own package (see that file to
// regenerate it); these tests need no npm.
type vectorFile struct {
	Cases []struct {
		Name, Kind, Input, Canonical, Hash string
	}
	Errors []struct {
		Name, Kind, Input, SdkError string
	}
}

func readVectors() (vectorFile, error) {
	var vf vectorFile
	raw, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		return vf, err
	}
	return vf, json.Unmarshal(raw, &vf)
}

func loadVectors(t *testing.T) vectorFile {
	t.Helper()
	vf, err := readVectors()
	if err != nil {
		t.Fatal(err)
	}
	if len(vf.Cases) < 20 || len(vf.Errors) < 4 {
		t.Fatalf("only %d cases and %d error cases in vectors.json", len(vf.Cases), len(vf.Errors))
	}
	return vf
}

func kindOf(t *testing.T, name string) Kind {
	t.Helper()
	for k := EVMBasic; k <= Unified; k++ {
		if k.String() == name {
			return k
		}
	}
	t.Fatalf("unknown kind %q", name)
	return 0
}

func TestHashMatchesSDK(t *testing.T) {
	vf := loadVectors(t)
	kinds := map[Kind]int{}
	for _, v := range vf.Cases {
		t.Run(v.Name, func(t *testing.T) {
			kind := kindOf(t, v.Kind)
			kinds[kind]++
			c, err := Parse(kind, []byte(v.Input))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := string(c.Canonical()); got != v.Canonical {
				t.Fatalf("canonical form differs from the SDK's:\n got %s\nwant %s", got, v.Canonical)
			}
			if got := c.HashHex(); got != v.Hash {
				t.Fatalf("hash %s, SDK's %s", got, v.Hash)
			}
			// The SDK sends the canonical form (for unified lists: without conditionType); the node
			// must find the same hash in it.
			again, err := Parse(kind, []byte(v.Canonical))
			if err != nil {
				t.Fatalf("Parse(canonical): %v", err)
			}
			if again.HashHex() != v.Hash {
				t.Fatalf("canonical form hashes to %s, want %s", again.HashHex(), v.Hash)
			}
		})
	}
	for k := EVMBasic; k <= Unified; k++ {
		if kinds[k] == 0 {
			t.Errorf("no vector of kind %s", k)
		}
	}
}

func TestSDKRejectsWeReject(t *testing.T) {
	for _, v := range loadVectors(t).Errors {
		t.Run(v.Name, func(t *testing.T) {
			_, err := Parse(kindOf(t, v.Kind), []byte(v.Input))
			if err == nil {
				t.Fatalf("Parse accepted what the SDK refused (%s)", v.SdkError)
			}
			if CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
		})
	}
}

func TestResource(t *testing.T) {
	c, err := Parse(EVMBasic, []byte(`[{"contractAddress":"","chain":"ethereum","standardContractType":"","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"0x50e2dac5e78B5905CB09495547452cEE64426db2"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	h := c.Hash()
	if want := "lit-accesscontrolcondition://" + hex.EncodeToString(h[:]) + "/abcd"; c.Resource("abcd") != want {
		t.Fatalf("Resource = %s, want %s", c.Resource("abcd"), want)
	}
}

func TestFieldsPicksFirstPresent(t *testing.T) {
	basic := json.RawMessage(`[{"contractAddress":"","chain":"ethereum","standardContractType":"","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"0x50e2dac5e78B5905CB09495547452cEE64426db2"}}]`)
	c, err := Fields{AccessControlConditions: json.RawMessage("null"), UnifiedAccessControlConditions: basic}.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind() != Unified {
		t.Fatalf("kind %s, want the unified list (the basic one is null)", c.Kind())
	}
	if _, err := (Fields{}).Parse(); !errors.Is(err, ErrNoConditions) {
		t.Fatalf("no fields: got %v, want ErrNoConditions", err)
	}
}

// FieldsOf puts every vector's conditions where Fields.Parse finds them again, alone, with the same hash.
func TestFieldsOfRoundTrip(t *testing.T) {
	for _, v := range loadVectors(t).Cases {
		c, err := Parse(kindOf(t, v.Kind), []byte(v.Input))
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		f := FieldsOf(c)
		set := 0
		for _, raw := range []json.RawMessage{f.AccessControlConditions, f.EVMContractConditions, f.SolRPCConditions, f.UnifiedAccessControlConditions} {
			if raw != nil {
				set++
			}
		}
		again, err := f.Parse()
		if err != nil || set != 1 || again.Kind() != c.Kind() || again.Hash() != c.Hash() {
			t.Fatalf("%s: %d fields set, parsed back %v (%v)", v.Name, set, again, err)
		}
	}
}
