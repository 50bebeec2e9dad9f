package bls

import (
	"errors"
	"fmt"
	"strings"
)

// Errors with stable meanings, for errors.Is.
var (
	// ErrEncoding: wrong length, malformed hex or JSON, unknown version.
	ErrEncoding = errors.New("bls: malformed encoding")
	// ErrInvalidPoint: not a canonical encoding of a point on the curve in the
	// prime-order subgroup.
	ErrInvalidPoint = errors.New("bls: invalid point")
	// ErrIdentity: the point at infinity where a real key, signature or share is
	// required.
	ErrIdentity = errors.New("bls: point at infinity")
	// ErrInvalidIdentifier: a share identifier that is zero or not below the
	// group order.
	ErrInvalidIdentifier = errors.New("bls: invalid share identifier")
	// ErrInvalidScalar: a secret scalar that is zero or not below the group order.
	ErrInvalidScalar = errors.New("bls: invalid scalar")
	// ErrDuplicateShare: two shares with the same identifier.
	ErrDuplicateShare = errors.New("bls: duplicate share identifier")
	// ErrTooFewShares: fewer shares than the threshold.
	ErrTooFewShares = errors.New("bls: too few shares")
	// ErrVerify: a signature that does not verify under the public key.
	ErrVerify = errors.New("bls: signature does not verify")
	// ErrKeyShare: a key share whose secret does not match its public polynomial.
	ErrKeyShare = errors.New("bls: key share does not match its public polynomial")
)

// BadSharesError names the shares that did not verify against their public key
// shares when a combination failed. It wraps ErrVerify, and ErrTooFewShares when
// the good shares left were not enough.
type BadSharesError struct {
	Bad  []Identifier // the shares that failed, in the order given
	Good int          // how many shares verified
	Need int          // the threshold
}

func (e *BadSharesError) Error() string {
	names := make([]string, len(e.Bad))
	for i, id := range e.Bad {
		names[i] = id.String()
	}
	return fmt.Sprintf("bls: bad signature shares from %s (%d good of %d needed)",
		strings.Join(names, ", "), e.Good, e.Need)
}

// Unwrap lets errors.Is match ErrVerify and, when the combination failed for
// want of good shares, ErrTooFewShares.
func (e *BadSharesError) Unwrap() []error {
	if e.Good < e.Need {
		return []error{ErrVerify, ErrTooFewShares}
	}
	return []error{ErrVerify}
}
