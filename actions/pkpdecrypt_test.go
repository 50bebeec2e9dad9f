package actions

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestDecryptWithPKP(t *testing.T) {
	h := newFakeHost(t)
	h.pkpPermits = map[string]bool{testCID: true}
	ct := base64Std([]byte(fakeCiphertextPrefix + "for the Action ☃"))
	res := mustRun(t, h, `(async () => {
		const a = await Lit.Actions.decryptWithPkp({ publicKey, ciphertext });
		const b = await Lit.Actions.decryptWithPkp({ publicKey: publicKey.slice(2), ciphertext: Uint8Array.from(atob(ciphertext).split(""), (c) => c.charCodeAt(0)), aad: "aad" });
		const c = await Lit.Actions.decryptWithPkp({ publicKey, ciphertext, aad: new TextEncoder().encode("aad") });
		Lit.Actions.setResponse({ response: JSON.stringify([a, b, c]) });
	})();`, map[string]any{"publicKey": h.pubHex(), "ciphertext": ct})
	want := `["for the Action ☃","for the Action ☃","for the Action ☃"]`
	if res.Response != want {
		t.Fatalf("response %q, want %q", res.Response, want)
	}
	if len(h.pkpReqs) != 3 {
		t.Fatalf("%d requests", len(h.pkpReqs))
	}
	for i, r := range h.pkpReqs {
		// The frame is the session's: the CID the node computed, whatever the JavaScript says.
		if r.Frame != (Frame{CID: testCID, Path: "0"}) || len(r.PublicKey) != 65 || r.PublicKey[0] != 4 {
			t.Errorf("request %d: frame %+v, key %x", i, r.Frame, r.PublicKey)
		}
		if !bytes.HasPrefix(r.Ciphertext, []byte(fakeCiphertextPrefix)) {
			t.Errorf("request %d: ciphertext %q", i, r.Ciphertext)
		}
	}
	if len(h.pkpReqs[0].AAD) != 0 || string(h.pkpReqs[1].AAD) != "aad" || string(h.pkpReqs[2].AAD) != "aad" {
		t.Errorf("aad %q %q %q", h.pkpReqs[0].AAD, h.pkpReqs[1].AAD, h.pkpReqs[2].AAD)
	}
}

func TestDecryptWithPKPRefusals(t *testing.T) {
	h := newFakeHost(t)
	h.pkpPermits = map[string]bool{"QmSomeOtherAction": true}
	ct := base64Std([]byte(fakeCiphertextPrefix + "x"))
	params := map[string]any{"publicKey": h.pubHex(), "ciphertext": ct}
	for _, tc := range []struct{ name, call, want string }{
		{"not permitted", `{ publicKey, ciphertext }`, "does not permit " + testCID},
		{"no key", `{ ciphertext }`, "publicKey"},
		{"bad key", `{ publicKey: "0x1234", ciphertext }`, "publicKey must be 33 or 65 bytes"},
		{"bad base64", `{ publicKey, ciphertext: "%%%" }`, "ciphertext must be a Uint8Array or standard base64"},
		{"empty", `{ publicKey, ciphertext: "" }`, "ciphertext is empty"},
		{"number", `{ publicKey, ciphertext: 5 }`, "ciphertext must be a Uint8Array or standard base64"},
		{"aad type", `{ publicKey, ciphertext, aad: 5 }`, "aad must be a Uint8Array or a string"},
		{"aad too long", `{ publicKey, ciphertext, aad: "a".repeat(64 * 1024 + 1) }`, "aad is 65537 bytes (at most 65536)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, h, `(async () => {
				try {
					await Lit.Actions.decryptWithPkp(`+tc.call+`);
					Lit.Actions.setResponse({ response: "opened" });
				} catch (e) {
					Lit.Actions.setResponse({ response: e.message });
				}
			})();`, params)
			if !strings.Contains(res.Response, tc.want) {
				t.Fatalf("response %q, want %q", res.Response, tc.want)
			}
		})
	}
}

func TestDecryptWithPKPLimits(t *testing.T) {
	h := newFakeHost(t)
	h.pkpPermits = map[string]bool{testCID: true}
	// The ciphertext: at most SecretSize plus the scheme's overhead.
	big := base64Std(append([]byte(fakeCiphertextPrefix), make([]byte, 1024+pkpCiphertextOverhead)...))
	_, err := runWith(t, h, Limits{SecretSize: 1024}, `(async () => { await Lit.Actions.decryptWithPkp({ publicKey, ciphertext }); })();`,
		map[string]any{"publicKey": h.pubHex(), "ciphertext": big})
	if !errors.Is(err, ErrSecretSize) {
		t.Fatalf("error %v, want ErrSecretSize", err)
	}
	// Each call counts as a decryption (Limits.Conditions).
	ct := base64Std([]byte(fakeCiphertextPrefix + "x"))
	_, err = runWith(t, h, Limits{Conditions: 2}, `(async () => {
		for (let i = 0; i < 3; i++) await Lit.Actions.decryptWithPkp({ publicKey, ciphertext });
	})();`, map[string]any{"publicKey": h.pubHex(), "ciphertext": ct})
	if !errors.Is(err, ErrConditions) {
		t.Fatalf("error %v, want ErrConditions", err)
	}
}

// The session checks the bounds again, in the node's process: a worker is not trusted with them.
func TestPKPDecryptRequestChecks(t *testing.T) {
	s := newSession(newFakeHost(t), Limits{SecretSize: 100}.withDefaults(), testCID)
	key := bytes.Repeat([]byte{4}, 65)
	for _, tc := range []struct {
		name string
		a    pkpDecryptArgs
		want string
	}{
		{"compressed key", pkpDecryptArgs{PublicKey: key[:33], Ciphertext: []byte{1}}, "uncompressed"},
		{"no ciphertext", pkpDecryptArgs{PublicKey: key}, "empty"},
		{"long ciphertext", pkpDecryptArgs{PublicKey: key, Ciphertext: make([]byte, 100+pkpCiphertextOverhead+1)}, "Max length is"},
		{"long aad", pkpDecryptArgs{PublicKey: key, Ciphertext: []byte{1}, AAD: make([]byte, MaxPKPAAD+1)}, "aad is"},
	} {
		if _, err := s.pkpDecryptRequest(Frame{CID: testCID}, tc.a); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
