package node

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/flint-network/flint/node/peer"
	"github.com/flint-network/flint/node/signing"
)

// peerSender is the peer transport as the sender uses it.
type peerSender interface {
	Send(ctx context.Context, to uint32, kind string, body []byte) error
	Stream(to uint32, kind string) (*peer.Stream, error)
}

// sender owns the node's fan-out sends: every one runs on the node's
// context and wait group, so none outlives the node, and its error is
// logged, not dropped. Signing messages for one peer are coalesced: while a
// frame is on its way, the next ones queue and leave together, so the
// endorsements of concurrent requests cost one frame per peer.
type sender struct {
	ctx   context.Context
	wg    *sync.WaitGroup
	peers peerSender
	log   *slog.Logger

	mu     sync.Mutex
	queues map[uint32]*frameQueue
}

// frameQueue is the signing messages waiting for one peer.
type frameQueue struct {
	msgs    []signing.Message
	wake    chan struct{}
	dropped int
}

// Bounds of the signing queues.
const (
	// maxQueued bounds the signing messages waiting for one peer; beyond it
	// the oldest go (a peer that cannot keep up misses requests, the
	// protocol's timeouts cover it).
	maxQueued = 1 << 16
	// frameTimeout bounds one frame's delivery, retries included.
	frameTimeout = 2 * time.Second
)

func newSender(ctx context.Context, wg *sync.WaitGroup, peers peerSender, log *slog.Logger) *sender {
	return &sender{ctx: ctx, wg: wg, peers: peers, log: log, queues: map[uint32]*frameQueue{}}
}

// one sends a message to a peer in the background, retrying until timeout.
func (s *sender) one(to uint32, kind string, body []byte, timeout time.Duration) {
	if s.ctx.Err() != nil {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(s.ctx, timeout)
		defer cancel()
		if err := s.peers.Send(ctx, to, kind, body); err != nil && s.ctx.Err() == nil {
			s.log.Warn("peer message not delivered", "to", to, "kind", kind, "err", err)
		}
	}()
}

// frames queues signing messages, each for its To.
func (s *sender) frames(msgs []signing.Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range msgs {
		q := s.queues[m.To]
		if q == nil {
			if s.ctx.Err() != nil {
				return
			}
			q = &frameQueue{wake: make(chan struct{}, 1)}
			s.queues[m.To] = q
			s.wg.Add(1)
			go s.drain(m.To, q)
		}
		if len(q.msgs) >= maxQueued {
			q.msgs = q.msgs[1:]
			q.dropped++
		}
		q.msgs = append(q.msgs, m)
		select {
		case q.wake <- struct{}{}:
		default:
		}
	}
}

// drain sends peer's queued messages, as many per frame as a frame holds,
// one frame at a time, on one stream (peer.Stream): a frame costs a write,
// not a request and its answer.
func (s *sender) drain(to uint32, q *frameQueue) {
	defer s.wg.Done()
	stream, err := s.peers.Stream(to, kindSign)
	if err != nil {
		s.log.Error("signing stream", "to", to, "err", err)
		return
	}
	defer stream.Close()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-q.wake:
		}
		for {
			s.mu.Lock()
			// A frame carries the messages of one machine (epoch): around an
			// epoch change two machines send.
			k := min(len(q.msgs), signing.MaxFrameMessages)
			for i := 1; i < k; i++ {
				if q.msgs[i].Epoch != q.msgs[0].Epoch {
					k = i
					break
				}
			}
			batch := q.msgs[:k:k]
			q.msgs = q.msgs[k:]
			dropped := q.dropped
			q.dropped = 0
			s.mu.Unlock()
			if dropped > 0 {
				s.log.Warn("signing messages dropped: the peer does not keep up", "to", to, "count", dropped)
			}
			if k == 0 {
				break
			}
			frame, err := signing.EncodeFrame(batch)
			if err != nil {
				s.log.Error("encoding a signing frame", "to", to, "err", err)
				continue
			}
			ctx, cancel := context.WithTimeout(s.ctx, frameTimeout)
			err = stream.Send(ctx, frame)
			cancel()
			if err != nil && s.ctx.Err() == nil {
				s.log.Warn("signing frame not delivered", "to", to, "messages", k, "err", err)
			}
		}
	}
}
