package acc

import (
	"bytes"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// The comparators, applied to what a condition read (got) and its returnValueTest.value (want). Each
// returns "" when the test passes and otherwise a reason naming both sides.

var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// parseDecimal reads a base-10 integer of at most 256 bits (negative only if signed).
func parseDecimal(s string, signed bool) (*big.Int, error) {
	digits := s
	if signed {
		digits = strings.TrimPrefix(s, "-")
	}
	if digits == "" || len(digits) > 78 || strings.Trim(digits, "0123456789") != "" {
		return nil, fmt.Errorf("%w: returnValueTest.value %q is not a decimal integer", ErrInvalidCondition, s)
	}
	n, _ := new(big.Int).SetString(s, 10)
	if n.CmpAbs(maxUint256) > 0 {
		return nil, fmt.Errorf("%w: returnValueTest.value %q is larger than 256 bits", ErrInvalidCondition, s)
	}
	return n, nil
}

// order applies an ordering comparator to the result c of comparing got with want (-1, 0, 1).
func order(c int, cmp string) (bool, error) {
	switch cmp {
	case "=":
		return c == 0, nil
	case "!=":
		return c != 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	}
	return false, fmt.Errorf("%w: comparator %q does not apply to numbers or addresses", ErrInvalidCondition, cmp)
}

func compareNumber(got *big.Int, t ReturnValueTest, label string, signed bool) (string, error) {
	want, err := parseDecimal(t.Value, signed)
	if err != nil {
		return "", err
	}
	ok, err := order(got.Cmp(want), t.Comparator)
	if err != nil || ok {
		return "", err
	}
	return fmt.Sprintf("%s %s is not %s %s", label, got, t.Comparator, want), nil
}

// compareUint compares an unsigned number (balance, time, uint output).
func compareUint(got *big.Int, t ReturnValueTest, label string) (string, error) {
	return compareNumber(got, t, label, false)
}

// compareString compares byte-wise, or tests containment.
func compareString(got, want, cmp, label string) (string, error) {
	var ok bool
	switch cmp {
	case "contains":
		ok = strings.Contains(got, want)
	case "!contains":
		ok = !strings.Contains(got, want)
	default:
		var err error
		if ok, err = order(strings.Compare(got, want), cmp); err != nil {
			return "", err
		}
	}
	if ok {
		return "", nil
	}
	return fmt.Sprintf("%s %q is not %s %q", label, got, cmp, want), nil
}

// compareAddress compares addresses as 160-bit numbers, so case (checksums) does not matter.
func compareAddress(got common.Address, want, cmp, label string) (string, error) {
	w, err := parseAddress(want)
	if err != nil {
		return "", err
	}
	ok, err := order(bytes.Compare(got[:], w[:]), cmp)
	if err != nil || ok {
		return "", err
	}
	return fmt.Sprintf("%s %s is not %s %s", label, got.Hex(), cmp, w.Hex()), nil
}

func compareBool(got bool, t ReturnValueTest, label string) (string, error) {
	var want bool
	switch strings.ToLower(t.Value) {
	case "true":
		want = true
	case "false":
	default:
		return "", fmt.Errorf("%w: returnValueTest.value %q is not true or false", ErrInvalidCondition, t.Value)
	}
	var ok bool
	switch t.Comparator {
	case "=":
		ok = got == want
	case "!=":
		ok = got != want
	default:
		return "", fmt.Errorf("%w: comparator %q does not apply to booleans", ErrInvalidCondition, t.Comparator)
	}
	if ok {
		return "", nil
	}
	return fmt.Sprintf("%s %t is not %s %t", label, got, t.Comparator, want), nil
}

// parseAddress reads a 0x-prefixed 20-byte hex address in any case.
func parseAddress(s string) (common.Address, error) {
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") || !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("%w: %q is not an address", ErrInvalidCondition, s)
	}
	return common.HexToAddress(s), nil
}
