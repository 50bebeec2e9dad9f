package acc

import "errors"

// Error is one of the package's error kinds. Every error the package returns wraps exactly one of the
// values below, so callers test with errors.Is and map to a wire error code with CodeOf.
type Error struct {
	code string
	text string
}

func (e *Error) Error() string { return e.text }

// Code is the stable error code, e.g. "AccInvalidCondition", for the node's JSON error answers.
func (e *Error) Code() string { return e.code }

var (
	// ErrInvalidJSON: the input is not well-formed JSON (or has strings JavaScript and Go would read apart).
	ErrInvalidJSON = &Error{"AccInvalidJson", "acc: malformed JSON"}
	// ErrInvalidCondition: a condition lacks a field, has one of the wrong type, or a value that cannot be used.
	ErrInvalidCondition = &Error{"AccInvalidCondition", "acc: invalid condition"}
	// ErrInvalidBoolean: operators and conditions do not alternate (cond, op, cond, …) in some group.
	ErrInvalidBoolean = &Error{"AccInvalidBooleanExpression", "acc: invalid boolean expression"}
	// ErrNoConditions: no conditions were given, or a group is empty.
	ErrNoConditions = &Error{"AccNoConditions", "acc: no conditions"}
	// ErrTooManyConditions: more than MaxConditions conditions in total.
	ErrTooManyConditions = &Error{"AccTooManyConditions", "acc: too many conditions"}
	// ErrTooDeep: groups nested deeper than MaxGroupDepth, or JSON nested deeper than maxJSONDepth.
	ErrTooDeep = &Error{"AccTooDeep", "acc: conditions nested too deep"}
	// ErrTooLarge: the input is longer than MaxInputBytes.
	ErrTooLarge = &Error{"AccTooLarge", "acc: conditions too large"}
	// ErrStringTooLong: a string is longer than MaxStringBytes.
	ErrStringTooLong = &Error{"AccStringTooLong", "acc: string too long"}
	// ErrUnsupportedChain: the condition names a chain this network has no access to.
	ErrUnsupportedChain = &Error{"AccUnsupportedChain", "acc: chain not supported"}
	// ErrUnsupportedCondition: a well-formed condition this implementation does not evaluate (POAP, the
	// legacy DAO types, a raw RPC method other than eth_getBalance, a LitAction or SIWE condition where
	// the Env gives no runner or SIWE message, …).
	ErrUnsupportedCondition = &Error{"AccUnsupportedCondition", "acc: condition not supported"}
	// ErrChain: a chain call failed (RPC error, revert, undecodable answer): the conditions could not be checked.
	ErrChain = &Error{"AccChainError", "acc: chain call failed"}
	// ErrAction: a LitAction condition's Action could not be run.
	ErrAction = &Error{"AccActionFailed", "acc: Lit Action condition failed to run"}
)

// CodeOf returns the stable code of the package error err wraps, or "" if it wraps none.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.code
	}
	return ""
}
