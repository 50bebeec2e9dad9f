package node

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/actions"
)

// An Action run as a condition decides for this node alone: everything that
// needs the other nodes or releases something is refused as not available.
func TestConditionHostRefuses(t *testing.T) {
	h := &conditionHost{ro: &actionHost{condition: true}}
	ctx := context.Background()
	calls := map[string]func() error{
		"signEcdsa": func() error { _, err := h.SignEcdsa(ctx, actions.SignRequest{}); return err },
		"signAndCombineEcdsa": func() error {
			_, err := h.SignAndCombineEcdsa(ctx, actions.SignRequest{})
			return err
		},
		"claimKey": func() error { _, err := h.ClaimKey(ctx, [32]byte{}); return err },
		"broadcastAndCollect": func() error {
			_, err := h.BroadcastAndCollect(ctx, actions.Frame{}, "n", "v")
			return err
		},
		"runOnce": func() error {
			ran := false
			_, err := h.RunOnce(ctx, actions.Frame{}, "n", true, func(context.Context) (string, error) { ran = true; return "", nil })
			if ran {
				return errors.New("runOnce ran its function")
			}
			return err
		},
		"decryptAndCombine":   func() error { _, _, err := h.Decrypt(ctx, actions.DecryptRequest{}); return err },
		"decryptToSingleNode": func() error { _, _, err := h.Decrypt(ctx, actions.DecryptRequest{Single: true}); return err },
		"decryptWithPkp":      func() error { _, err := h.DecryptWithPKP(ctx, actions.PKPDecryptRequest{}); return err },
	}
	for fn, call := range calls {
		err := call()
		if !errors.Is(err, actions.ErrNotAvailable) || !strings.Contains(err.Error(), "Lit.Actions."+fn+" cannot be used by an Action run as an access-control condition") {
			t.Errorf("%s: %v", fn, err)
		}
	}
	// With no caller, an authSig stands for nobody.
	if _, err := h.CheckConditions(ctx, actions.ConditionsRequest{AuthSig: []byte(`{}`)}); err == nil || !strings.Contains(err.Error(), "no caller") {
		t.Errorf("checkConditions with an authSig and no caller: %v", err)
	}
}

// Without Action workers a LitAction condition is refused, saying so.
func TestConditionRunnerActionsOff(t *testing.T) {
	for name, n := range map[string]*Node{
		"no runtime": {},
		"no pool":    {acts: &actionRuntime{poolErr: errors.New("no workers here")}},
	} {
		r := n.conditionActions(nil, "0xcaller", false)
		_, err := r.RunCondition(context.Background(), "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "go", nil)
		var ce *codedError
		if !errors.As(err, &ce) || ce.code != "NodeActionsUnavailable" || ce.status != http.StatusServiceUnavailable || !strings.Contains(ce.msg, "cannot run a LitAction condition") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The runner's coded errors reach the caller through acc's wrapping with
// their status and code; other failures stay the generic 502.
func TestConditionsErrorKeepsRunnerCode(t *testing.T) {
	inner := &codedError{status: http.StatusBadRequest, kind: kindValidation, code: "NodeJsExecutionError", msg: "go(…) of Qm…: Uncaught Error: no"}
	err := conditionsError(fmt.Errorf("%w: Qm go: %w", acc.ErrAction, inner))
	var ce *codedError
	if !errors.As(err, &ce) || ce.code != "NodeJsExecutionError" || ce.status != http.StatusBadRequest || ce.msg != "a Lit Action condition could not be run: go(…) of Qm…: Uncaught Error: no" {
		t.Fatalf("%#v", err)
	}
	err = conditionsError(fmt.Errorf("%w: Qm go: %w", acc.ErrAction, errors.New("secret cause")))
	if !errors.As(err, &ce) || ce.code != "NodeAccActionFailed" || strings.Contains(ce.msg, "secret") {
		t.Fatalf("%#v", err)
	}
}
