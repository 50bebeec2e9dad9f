package tecdsa

import (
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// presignBatch is the batch size the benchmarks use; the node's default too.
const presignBatch = 100

// BenchmarkPresign runs whole batches with every party in this process and
// reports the CPU time one node spends per presignature ("cpu-µs/presig/node",
// from getrusage, so other load on a shared machine does not inflate it) and
// the matching rate ("presigs/cpu-s/node").
func BenchmarkPresign(b *testing.B) {
	for _, n := range []int{4, 7, 10} {
		b.Run(fmt.Sprintf("n=%d/batch=%d", n, presignBatch), func(b *testing.B) {
			f := newFixture(b, n)
			b.ResetTimer()
			start := cpuTime()
			for b.Loop() {
				ps, net := f.presigners(b, committee(n), 1, presignBatch)
				if err := net.Run(); err != nil {
					b.Fatal(err)
				}
				if res, err := ps[1].Result(); err != nil || len(res) != presignBatch {
					b.Fatalf("%d presignatures, %v", len(res), err)
				}
			}
			perNode := float64((cpuTime() - start).Microseconds()) / float64(b.N) / float64(n) / presignBatch
			b.ReportMetric(perNode, "cpu-µs/presig/node")
			b.ReportMetric(1e6/perNode, "presigs/cpu-s/node")
		})
	}
}

// BenchmarkSignShare is the online work of one node for one request: δ,
// R' = δ·R (from the precomputed table, or the GLV multiplication without
// one), b', σ_i.
func BenchmarkSignShare(b *testing.B) {
	f := newFixture(b, 7)
	s, x := f.pkp(b, "bench")
	req := request(s, x, "bench", "lit_bench")
	for _, pre := range []bool{true, false} {
		p := f.presign(b, 1)[1][0]
		if pre {
			p.Precompute()
		}
		b.Run(fmt.Sprintf("precomputed=%v", pre), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.Sign(f.keys[1], req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSignShareWeighted adds the Lagrange weight of Lit mode.
func BenchmarkSignShareWeighted(b *testing.B) {
	f := newFixture(b, 7)
	p := f.presign(b, 1)[1][0]
	s, x := f.pkp(b, "bench")
	req := request(s, x, "bench", "lit_bench")
	req.Signers = committee(5)
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Sign(f.keys[1], req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCombine is the client's work: interpolate (or add) q = 5 shares
// of a 7-node network, low-s, recovery id, verify.
func BenchmarkCombine(b *testing.B) {
	f := newFixture(b, 7)
	pres := f.presign(b, 1)
	s, x := f.pkp(b, "bench")
	req := request(s, x, "bench", "lit_bench")
	var plain, weighted []*SignatureShare
	wreq := *req
	wreq.Signers = committee(5)
	for _, id := range committee(5) {
		sh, _ := pres[id][0].Sign(f.keys[id], req)
		plain = append(plain, sh)
		wsh, _ := pres[id][0].Sign(f.keys[id], &wreq)
		weighted = append(weighted, wsh)
	}
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := Combine(plain, 5); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("weighted", func(b *testing.B) {
		for b.Loop() {
			if _, err := CombineWeighted(weighted); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBlame is the work of one party that finds a wrong w_i among the
// openings of a batch of 100 at n = 16 and 31 (one bad value: party 5's
// for presignature 42): "blame" names the sender (a batch check of halving
// size, then the proofs of one presignature one by one); "check" is the
// batch check every honest run pays once.
func BenchmarkBlame(b *testing.B) {
	for _, n := range []int{16, 31} {
		f := newFixture(b, n)
		ps, net := f.presigners(b, committee(n), 1, presignBatch)
		net.Tamper = tamperOpen(5, 42, func(o []byte) { o[31] ^= 1 })
		if err := net.Run(); err != nil {
			b.Fatal(err)
		}
		p := ps[2]
		senders := slices.DeleteFunc(committee(n), func(id uint32) bool { return id == 2 })
		all := make([]int, presignBatch)
		for i := range all {
			all[i] = i
		}
		b.Run(fmt.Sprintf("n=%d/blame", n), func(b *testing.B) {
			for b.Loop() {
				if c := p.blame(senders, all); !slices.Equal(c, []uint32{5}) {
					b.Fatalf("blamed %v", c)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/check", n), func(b *testing.B) {
			good := slices.DeleteFunc(slices.Clone(senders), func(id uint32) bool { return id == 5 })
			for b.Loop() {
				if !p.proofsHold(good, all) {
					b.Fatal("honest openings fail the check")
				}
			}
		})
	}
}
