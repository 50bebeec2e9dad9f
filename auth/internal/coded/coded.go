// Package coded is the type of the auth packages' sentinel errors: a stable
// code for clients and a message for logs. Each package instantiates it
// with a marker type of its own, so Error[P] of one package is a type apart
// from another's and errors.As (CodeOf) finds only that package's reasons,
// as when each package declared its own struct.
package coded

import "errors"

// Error is a sentinel error of the package marked by P.
type Error[P any] struct {
	// Code is a stable identifier, safe to send to clients and to key on.
	Code string
	msg  string
}

func (e *Error[P]) Error() string { return e.msg }

// New returns the sentinel error of P with code and msg.
func New[P any](code, msg string) *Error[P] { return &Error[P]{Code: code, msg: msg} }

// CodeOf returns the code of the first *Error[P] in err's chain, or "" if
// there is none (an error of another package's marker is none).
func CodeOf[P any](err error) string {
	if e, ok := errors.AsType[*Error[P]](err); ok {
		return e.Code
	}
	return ""
}
