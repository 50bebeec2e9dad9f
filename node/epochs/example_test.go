package epochs_test

import (
	"fmt"
	"time"

	"github.com/flint-network/flint/node/epochs"
)

// Node 5 joins a network of four: it waits without keys, takes part in the
// resharing once the next set is locked, signals readiness once its shares
// are stored, and serves from the advance on.
func ExampleCoordinator() {
	now := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	c := epochs.New(epochs.DefaultConfig(), nil)
	cur := epochs.Committee{Epoch: 1, T: 1, Nodes: []uint32{1, 2, 3, 4}}
	next := epochs.Committee{Epoch: 2, T: 1, Nodes: []uint32{1, 2, 3, 4, 5}}

	c.Observe(epochs.Chain{State: epochs.Active, Current: cur}, nil, now)
	fmt.Println(c.Status().Phase)
	c.Observe(epochs.Chain{State: epochs.Locked, Current: cur, Next: &next, Self: 5}, nil, now)
	fmt.Println(c.Status().Phase)
	st := c.Reshared(2, 0, false, nil, now) // the driver stored both new shares
	fmt.Println("signal epoch", st.Signal)
	st = c.Observe(epochs.Chain{State: epochs.Active, Current: next, Self: 5}, nil, now.Add(time.Second))
	fmt.Println("switch to epoch", st.Switch, c.Status().Phase)
	// Output:
	// waiting
	// resharing
	// signal epoch 2
	// switch to epoch 2 idle
}
