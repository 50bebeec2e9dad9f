package node

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/flint-network/flint/node/signing"
)

// A request its leader refused fails here with 409 NodeLeaderRefused, and
// the message names the leader and the leader's own code.
func TestLeaderRefusedAnswer(t *testing.T) {
	err := fmt.Errorf("signing: %w", &signing.LeaderRefusedError{Leader: 2, Code: "NodePKPNotAuthorized"})
	status, _, code := apiErr(err)
	if status != http.StatusConflict || code != "NodeLeaderRefused" {
		t.Fatalf("apiErr = %d %s, want 409 NodeLeaderRefused", status, code)
	}
	if msg := callerMessage(err, status, code); !strings.Contains(msg, "node 2") || !strings.Contains(msg, "NodePKPNotAuthorized") {
		t.Fatalf("message %q does not name the leader and its code", msg)
	}
}
