package tecdsa

import (
	"errors"
	"fmt"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// KeyShare is one node's share of the root keys, as the DKG leaves it and the
// node stores it (encrypted at rest: Secrets are the shares x_{j,i}).
type KeyShare struct {
	Index       uint32
	Parties     []uint32
	T           int
	Secrets     []secp.Scalar    // x_{j,i} for j = 0..RootKeys−1
	Commitments []vss.Commitment // per root key; [j][0] is the public key X_j
}

// ErrKeyShare is wrapped by errors about inconsistent key shares.
var ErrKeyShare = errors.New("tecdsa: inconsistent key share")

// PublicKeys returns the root public keys X_j (affine).
func (k *KeyShare) PublicKeys() []secp.Point {
	out := make([]secp.Point, len(k.Commitments))
	for j, c := range k.Commitments {
		out[j] = c[0]
	}
	return out
}

// PublicShare returns X_{j,i} = x_{j,i}·G for any party i, from the
// commitments alone.
func (k *KeyShare) PublicShare(j int, i uint32) secp.Point {
	p := k.Commitments[j].Eval(i)
	secp.ToAffine(&p)
	return p
}

// String describes the share without its secrets.
func (k *KeyShare) String() string {
	return fmt.Sprintf("tecdsa.KeyShare{index %d of %v, t=%d, %d root keys}", k.Index, k.Parties, k.T, len(k.Secrets))
}

// GoString is String, so %#v cannot print the secrets either.
func (k *KeyShare) GoString() string { return k.String() }

const keyShareVersion = 1

// MarshalBinary encodes the share (secrets included: encrypt before storing).
func (k *KeyShare) MarshalBinary() ([]byte, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	w := writer{}
	w.u8(keyShareVersion)
	w.u16(uint16(k.Index))
	w.indices(k.Parties)
	w.u16(uint16(k.T))
	w.u16(uint16(len(k.Secrets)))
	for j := range k.Secrets {
		w.scalar(&k.Secrets[j])
		for l := range k.Commitments[j] {
			w.point(&k.Commitments[j][l])
		}
	}
	return w.b, nil
}

// UnmarshalKeyShare decodes and validates a key share.
func UnmarshalKeyShare(b []byte) (*KeyShare, error) {
	r := reader{b: b}
	if v := r.u8(); r.err == nil && v != keyShareVersion {
		r.fail("key share version %d", v)
	}
	k := &KeyShare{Index: uint32(r.u16())}
	k.Parties = r.indices(MaxParties)
	k.T = int(r.u16())
	if r.err == nil && (k.T < 0 || 3*k.T+1 > len(k.Parties)) { // a key share comes from a DKG of the whole network
		r.fail("t=%d for %d parties", k.T, len(k.Parties))
	}
	nk := r.count(RootKeys)
	for j := 0; j < nk && r.err == nil; j++ {
		k.Secrets = append(k.Secrets, r.scalar())
		c := make(vss.Commitment, k.T+1)
		for l := range c {
			c[l] = r.point()
		}
		k.Commitments = append(k.Commitments, c)
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// Validate checks that the share is consistent: this party is a member, and
// every secret share matches the public commitments.
func (k *KeyShare) Validate() error {
	p := Params{Self: k.Index, Parties: k.Parties, T: k.T, Leader: k.Index, Session: []byte{0}}
	if err := p.validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrKeyShare, err)
	}
	if len(k.Parties) < 3*k.T+1 {
		return fmt.Errorf("%w: t=%d with %d parties (need n ≥ 3t+1)", ErrKeyShare, k.T, len(k.Parties))
	}
	if len(k.Secrets) == 0 || len(k.Secrets) != len(k.Commitments) {
		return fmt.Errorf("%w: %d secrets for %d commitments", ErrKeyShare, len(k.Secrets), len(k.Commitments))
	}
	for j := range k.Secrets {
		if len(k.Commitments[j]) != k.T+1 {
			return fmt.Errorf("%w: root key %d has %d commitments, want %d", ErrKeyShare, j, len(k.Commitments[j]), k.T+1)
		}
		if !k.Commitments[j].Verify(k.Index, &k.Secrets[j]) {
			return fmt.Errorf("%w: share of root key %d does not match its commitments", ErrKeyShare, j)
		}
	}
	return nil
}
