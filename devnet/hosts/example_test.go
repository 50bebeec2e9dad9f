package hosts_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/devnet/hosts"
)

// Four nodes as four hosts: wait for the DKG, put 50 ms between every two
// hosts with 1% of the packets lost, cut node 4 off for 10 s, and crash
// node 3. (Not run as a test: it needs root and a flint binary.)
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "hosts")
	defer os.RemoveAll(dir)
	n, err := hosts.Start(ctx, hosts.Config{Flint: "/usr/local/bin/flint", Devnet: devnet.Config{Dir: dir, Nodes: 4}})
	if err != nil {
		log.Fatal(err)
	}
	defer n.Close()
	if err := n.WaitReady(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.URLs()) // [http://10.77.X.11:7470 … http://10.77.X.14:7470]
	n.SetRTT(50 * time.Millisecond)
	n.SetLoss(0.01)
	n.Partition(3, 10*time.Second) // heals by itself
	n.Kill(2)
	n.Restart(2)
}
