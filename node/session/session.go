// Package session drives crypto/mpc parties over the peer transport. It
// creates a party when a session starts at this node or its first message
// arrives from a peer, feeds it every message, sends what it answers (in
// order per peer), expires rounds that go quiet, and reports each finished
// party once.
//
// Every message carries the session's Header, so any member can create its
// party from whichever message arrives first, and a message whose header
// disagrees with the session's is refused.
package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/mpc"
)

// Sender delivers one message to a peer, at least once (retrying until ctx
// ends).
type Sender interface {
	Send(ctx context.Context, to uint32, kind string, body []byte) error
}

// Factory creates this node's party for a session first seen in a message
// from a peer. An error refuses the session.
type Factory func(h *Header, from uint32) (mpc.Party, error)

// Config configures an Engine.
type Config struct {
	Self   uint32
	Sender Sender
	// Kind is the peer message kind the engine's messages travel under.
	Kind    string
	Factory Factory
	// Round is how long a session may stay quiet before its round expires.
	Round time.Duration
	// MaxExpiries abandons a session that has not finished after this many
	// expiries.
	MaxExpiries int
	// Scheduled reports whether a protocol's rounds expire on a schedule
	// common to all members (expiry k at start + k·Round, as the BLS DKG
	// expects) rather than after Round of quiet.
	Scheduled func(protocol uint8) bool
	// MaxSessions bounds the sessions running at once; more are refused with
	// ErrBusy.
	MaxSessions int
	// Finished is called once per session when its party is done or the
	// session is abandoned (p.Done() tells which).
	Finished func(h *Header, p mpc.Party)
	Logger   *slog.Logger
}

// Errors of Deliver and Start.
var (
	// ErrBusy: too many sessions running; the sender should retry later.
	ErrBusy = errors.New("session: too many sessions")
	// ErrRefused: the message does not belong to an acceptable session.
	ErrRefused = errors.New("session: refused")
)

type key struct {
	protocol uint8
	id       string
}

type session struct {
	mu       sync.Mutex
	header   *Header
	party    mpc.Party
	start    time.Time
	last     time.Time
	expiries int
	done     bool
	out      map[uint32]chan []byte
	ctx      context.Context
	cancel   context.CancelFunc
}

// Engine runs sessions.
type Engine struct {
	cfg      Config
	mu       sync.Mutex
	sessions map[key]*session
	finished map[key]time.Time // tombstones: late messages are dropped
	ctx      context.Context
}

// New returns an engine; Run must be running for rounds to expire.
func New(cfg Config) *Engine {
	if cfg.Round == 0 {
		cfg.Round = 2 * time.Second
	}
	if cfg.MaxExpiries == 0 {
		// Above the protocols' own patience summed over their phases.
		cfg.MaxExpiries = 10
	}
	if cfg.MaxSessions == 0 {
		cfg.MaxSessions = 64
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Engine{cfg: cfg, sessions: map[key]*session{}, finished: map[key]time.Time{}, ctx: context.Background()}
}

// Run expires quiet rounds until ctx ends; sessions' outgoing messages live
// as long as ctx.
func (e *Engine) Run(ctx context.Context) {
	e.mu.Lock()
	e.ctx = ctx
	e.mu.Unlock()
	tick := time.NewTicker(e.cfg.Round / 4)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			e.expire(now)
		}
	}
}

// Active returns the number of running sessions.
func (e *Engine) Active() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.sessions)
}

// Start runs a session that begins at this node (as its leader or dealer).
func (e *Engine) Start(h *Header, p mpc.Party) error {
	s, err := e.register(h, p)
	if err != nil {
		return err
	}
	out, err := p.Start()
	e.afterStep(s, out)
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("session %s: start: %w", h, err)
	}
	e.maybeFinish(s)
	return nil
}

// register adds a session and returns it locked, so that no message reaches
// its party before Start has run.
func (e *Engine) register(h *Header, p mpc.Party) (*session, error) {
	k := key{h.Protocol, string(h.ID)}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.sessions[k]; ok {
		return nil, fmt.Errorf("%w: session %s already running", ErrRefused, h)
	}
	if _, ok := e.finished[k]; ok {
		return nil, fmt.Errorf("%w: session %s already finished", ErrRefused, h)
	}
	if len(e.sessions) >= e.cfg.MaxSessions {
		return nil, ErrBusy
	}
	ctx, cancel := context.WithCancel(e.ctx)
	now := time.Now()
	s := &session{header: h, party: p, start: now, last: now, out: map[uint32]chan []byte{}, ctx: ctx, cancel: cancel}
	s.mu.Lock()
	e.sessions[k] = s
	return s, nil
}

// Deliver handles one message from peer from (authenticated by the
// transport).
func (e *Engine) Deliver(from uint32, body []byte) error {
	env, err := decodeEnvelope(body)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrRefused, err)
	}
	h := env.header
	if !slices.Contains(h.Parties, from) || !slices.Contains(h.Parties, e.cfg.Self) {
		return fmt.Errorf("%w: session %s from %d", ErrRefused, h, from)
	}
	k := key{h.Protocol, string(h.ID)}
	e.mu.Lock()
	s, ok := e.sessions[k]
	_, gone := e.finished[k]
	e.mu.Unlock()
	if gone {
		return nil // a late message for a finished session
	}
	if ok {
		if !s.header.Equal(h) {
			return fmt.Errorf("%w: session %s: header differs from the session's", ErrRefused, h)
		}
	} else {
		p, err := e.cfg.Factory(h, from)
		if errors.Is(err, ErrBusy) {
			return err // not now: the sender tries again
		}
		if err != nil {
			return fmt.Errorf("%w: session %s: %v", ErrRefused, h, err)
		}
		if s, err = e.register(h, p); err != nil {
			if errors.Is(err, ErrRefused) { // lost a race with another message
				return e.Deliver(from, body)
			}
			return err
		}
		out, err := p.Start()
		e.afterStep(s, out)
		s.mu.Unlock()
		if err != nil {
			e.abandon(s, fmt.Errorf("start: %w", err))
			return nil
		}
	}
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return nil
	}
	out, herr := s.party.Handle(mpc.Message{From: from, To: env.to, Payload: env.payload})
	s.last = time.Now()
	e.afterStep(s, out)
	s.mu.Unlock()
	if herr != nil {
		lvl := slog.LevelDebug
		if _, fault := mpc.Culprit(herr); fault {
			lvl = slog.LevelWarn
		}
		e.cfg.Logger.Log(context.Background(), lvl, "session message refused", "session", h.String(), "from", from, "err", herr)
	}
	e.maybeFinish(s)
	return nil
}

// afterStep queues the party's messages; s.mu is held.
func (e *Engine) afterStep(s *session, out []mpc.Message) {
	for _, m := range out {
		if m.To != mpc.Broadcast {
			e.queue(s, m.To, m)
			continue
		}
		for _, id := range s.header.Parties {
			if id != e.cfg.Self {
				e.queue(s, id, m)
			}
		}
	}
}

// queue sends m to peer in order with the session's earlier messages to it.
func (e *Engine) queue(s *session, to uint32, m mpc.Message) {
	ch, ok := s.out[to]
	if !ok {
		ch = make(chan []byte, 64)
		s.out[to] = ch
		go e.sendLoop(s, to, ch)
	}
	body := encodeEnvelope(s.header, m.To, m.Payload)
	select {
	case ch <- body:
	case <-s.ctx.Done():
	}
}

func (e *Engine) sendLoop(s *session, to uint32, ch chan []byte) {
	for {
		select {
		case <-s.ctx.Done():
			return
		case body := <-ch:
			if err := e.cfg.Sender.Send(s.ctx, to, e.cfg.Kind, body); err != nil && s.ctx.Err() == nil {
				e.cfg.Logger.Warn("session message not delivered", "session", s.header.String(), "to", to, "err", err)
			}
		}
	}
}

func (e *Engine) maybeFinish(s *session) {
	s.mu.Lock()
	if s.done || !s.party.Done() {
		s.mu.Unlock()
		return
	}
	s.done = true
	s.mu.Unlock()
	e.finish(s)
}

func (e *Engine) abandon(s *session, why error) {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return
	}
	s.done = true
	s.mu.Unlock()
	e.cfg.Logger.Warn("session abandoned", "session", s.header.String(), "err", why)
	e.finish(s)
}

func (e *Engine) finish(s *session) {
	k := key{s.header.Protocol, string(s.header.ID)}
	e.mu.Lock()
	delete(e.sessions, k)
	e.finished[k] = time.Now()
	e.mu.Unlock()
	// Let queued messages (our last round) drain before the queues stop.
	go func() {
		time.Sleep(e.cfg.Round * time.Duration(e.cfg.MaxExpiries))
		s.cancel()
	}()
	if e.cfg.Finished != nil {
		e.cfg.Finished(s.header, s.party)
	}
}

func (e *Engine) expire(now time.Time) {
	e.mu.Lock()
	var quiet []*session
	for _, s := range e.sessions {
		quiet = append(quiet, s)
	}
	for k, t := range e.finished {
		if now.Sub(t) > 10*time.Minute {
			delete(e.finished, k)
		}
	}
	e.mu.Unlock()
	for _, s := range quiet {
		s.mu.Lock()
		due := now.Sub(s.last) >= e.cfg.Round
		if e.cfg.Scheduled != nil && e.cfg.Scheduled(s.header.Protocol) {
			due = now.Sub(s.start) >= time.Duration(s.expiries+1)*e.cfg.Round
		}
		if s.done || !due {
			s.mu.Unlock()
			continue
		}
		s.expiries++
		s.last = now
		if s.expiries > e.cfg.MaxExpiries {
			s.mu.Unlock()
			e.abandon(s, errors.New("too many expired rounds"))
			continue
		}
		out, err := s.party.Expire()
		e.afterStep(s, out)
		s.mu.Unlock()
		if err != nil {
			e.cfg.Logger.Debug("expire", "session", s.header.String(), "err", err)
		}
		e.maybeFinish(s)
	}
}
