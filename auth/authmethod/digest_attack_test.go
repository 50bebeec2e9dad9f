package authmethod

import (
	"context"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"
)

// TestJWTDigestSurvivesReencoding is a scripted replaying node: it takes a
// user's unbound ID token and re-spells it in ways base64url decoding
// ignores (a line break, unused trailing bits) so that the token still
// verifies. The node's first-seen binding keys on Digest, so a re-spelled
// token with another digest would be taken with the replayer's session key.
func TestJWTDigestSurvivesReencoding(t *testing.T) {
	f := newFixture(t)
	tok := f.google.sign("g1", jose.RS256, stdClaims(googleIss, "victim", clientID), nil)
	orig, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	variants := map[string]string{
		"newline in header":  parts[0][:5] + "\n" + parts[0][5:] + "." + parts[1] + "." + parts[2],
		"CRLF in payload":    parts[0] + "." + parts[1][:7] + "\r\n" + parts[1][7:] + "." + parts[2],
		"trailing bits flip": flipTrailingBits(t, parts[0]) + "." + parts[1] + "." + parts[2],
	}
	if len(parts[0])%4 == 0 {
		delete(variants, "trailing bits flip")
	}
	for name, v := range variants {
		if v == tok {
			t.Fatalf("%s: variant is the token", name)
		}
		id, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: v})
		if err != nil {
			continue // refused outright: no replay either
		}
		if id.Digest != orig.Digest {
			t.Errorf("%s: a re-spelled token verifies with another digest: a replaying node escapes first-seen binding", name)
		}
	}
}

// flipTrailingBits changes the last base64url digit of seg in bits that
// decoding drops.
func flipTrailingBits(t *testing.T, seg string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, seg[len(seg)-1])
	unused := map[int]int{2: 4, 3: 2}[len(seg)%4] // unused low bits of the last digit
	if unused == 0 {
		t.Fatalf("segment length %d has no unused bits", len(seg))
	}
	return seg[:len(seg)-1] + string(alphabet[last^1])
}
