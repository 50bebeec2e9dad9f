package peer

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkCall measures one Call round trip between two transports on
// loopback (TLS 1.3, HTTP/2, one connection): serially for latency and from
// many goroutines for throughput.
func BenchmarkCall(b *testing.B) {
	d := newDir()
	ack := []byte("ok")
	start(b, d, 2, opts{quiet: true, handler: func(context.Context, uint32, string, []byte) ([]byte, error) { return ack, nil }})
	n1 := start(b, d, 1, opts{quiet: true})
	ctx := context.Background()
	for _, size := range []int{1 << 10, 256 << 10} {
		body := make([]byte, size)
		name := fmt.Sprintf("%dKiB", size>>10)
		if _, err := n1.Call(ctx, 2, "bench", body); err != nil { // connect outside the timing
			b.Fatal(err)
		}
		b.Run(name+"/serial", func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := n1.Call(ctx, 2, "bench", body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/parallel", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := n1.Call(ctx, 2, "bench", body); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkSelfCall is the floor: a message to the node itself.
func BenchmarkSelfCall(b *testing.B) {
	d := newDir()
	n1 := start(b, d, 1, opts{quiet: true, handler: func(context.Context, uint32, string, []byte) ([]byte, error) { return nil, nil }})
	body := make([]byte, 1<<10)
	for b.Loop() {
		if _, err := n1.Call(context.Background(), 1, "bench", body); err != nil {
			b.Fatal(err)
		}
	}
}
