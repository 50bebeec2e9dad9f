package authmethod

import (
	"errors"
	"fmt"
	"testing"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/oauth"
	"github.com/flint-network/flint/auth/webauthn"
)

// Code names this package's reasons only: the Resolver maps the reasons of
// the packages it calls to its own, and an error it did not map has no code
// here, even though every auth package's errors share coded.Error.
func TestCodeIsThisPackagesOnly(t *testing.T) {
	if got := Code(fmt.Errorf("resolving: %w", ErrBadSignature)); got != "AuthMethodBadSignature" {
		t.Fatalf("Code of a wrapped ErrBadSignature = %q", got)
	}
	for _, err := range []error{webauthn.ErrBadSignature, oauth.ErrInvalidToken, auth.ErrBadSignature, errors.New("plain")} {
		if got := Code(fmt.Errorf("resolving: %w", err)); got != "" {
			t.Errorf("Code(%v) = %q, want none", err, got)
		}
		var e *Error
		if errors.As(err, &e) {
			t.Errorf("errors.As found an authmethod.Error in %v", err)
		}
	}
}
