package coded

import (
	"errors"
	"fmt"
	"testing"
)

type mine struct{}
type theirs struct{}

// CodeOf tells the marker types apart: another package's reason is no
// reason of this one, even wrapped alike.
func TestCodeOfDiscriminatesMarkers(t *testing.T) {
	errMine, errTheirs := New[mine]("mine", "m: mine"), New[theirs]("theirs", "t: theirs")
	wrapped := fmt.Errorf("checking: %w", errMine)
	if got := CodeOf[mine](wrapped); got != "mine" || !errors.Is(wrapped, errMine) || wrapped.Error() != "checking: m: mine" {
		t.Fatalf("CodeOf[mine] = %q, Is %v, text %q", got, errors.Is(wrapped, errMine), wrapped)
	}
	if got := CodeOf[mine](fmt.Errorf("checking: %w", errTheirs)); got != "" {
		t.Fatalf("CodeOf[mine] of another marker's error = %q, want none", got)
	}
	if got := CodeOf[theirs](errors.Join(errors.New("plain"), errTheirs)); got != "theirs" {
		t.Fatalf("CodeOf[theirs] through Join = %q", got)
	}
	if got := CodeOf[mine](nil); got != "" {
		t.Fatalf("CodeOf(nil) = %q", got)
	}
}
