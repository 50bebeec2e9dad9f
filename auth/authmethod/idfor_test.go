package authmethod

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

func TestIDFor(t *testing.T) {
	k := func(s string) [32]byte { return [32]byte(crypto.Keccak256([]byte(s))) }
	for _, c := range []struct {
		t         Type
		user, app string
		want      [32]byte
		wantErr   error
	}{
		{GoogleJWT, "Sub", "Aud", k("Sub:Aud"), nil},
		{AppleJWT, "Sub", "Aud", k("Sub:Aud"), nil},
		{StytchOtp, "Sub", "Aud", k("sub:aud"), nil},
		{StytchEmailOtp, "A@Example.com", "P", k("a@example.com:p"), nil},
		{StytchTotp, "Totp-1", "P", k("totp-1:p"), nil},
		{EthWallet, "a", "b", [32]byte{}, ErrUnsupportedType},
		{7, "a", "b", [32]byte{}, ErrUnsupportedType},
		{GoogleJWT, "", "b", [32]byte{}, ErrInvalidToken},
		{StytchOtp, "a", "", [32]byte{}, ErrInvalidToken},
	} {
		got, err := IDFor(c.t, c.user, c.app)
		if !errors.Is(err, c.wantErr) || got != c.want {
			t.Errorf("IDFor(%d, %q, %q) = %x, %v; want %x, %v", c.t, c.user, c.app, got, err, c.want, c.wantErr)
		}
	}
}
