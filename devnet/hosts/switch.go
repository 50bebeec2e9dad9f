package hosts

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// vnetHdrLen is the size of struct virtio_net_hdr, which PACKET_VNET_HDR
// puts before every frame read and expects before every frame written.
const vnetHdrLen = 10

// queueLen bounds each port's queue of delayed frames; a full queue drops
// the frame, as a router's full buffer would.
const queueLen = 8192

// switch_ is the Ethernet switch between the hosts, run in this process
// because the kernel here has no netem qdisc to delay frames in a bridge.
// Each port is the host-side end of a veth pair, read and written through
// an AF_PACKET socket. Frames are forwarded by learned MAC address (flooded
// when unknown), each one delayed by half the round-trip time, dropped with
// the loss probability, and dropped outright to and from a cut port.
type switch_ struct {
	ports []*port
	rtt   atomic.Int64  // nanoseconds, both ways together
	loss  atomic.Uint64 // math.Float64bits of the drop probability per frame

	mu   sync.Mutex
	macs map[[6]byte]int // learned MAC → port index

	dropped atomic.Uint64 // by loss, cuts or full queues: for logs
	readers sync.WaitGroup
	writers sync.WaitGroup
}

type port struct {
	name string
	f    *os.File
	cut  atomic.Bool
	out  chan frame
}

type frame struct {
	due  time.Time
	data []byte // virtio_net_hdr ‖ Ethernet frame
}

// newSwitch opens the ports (host-side interface names, already up) and
// starts forwarding.
func newSwitch(names []string) (*switch_, error) {
	s := &switch_{macs: map[[6]byte]int{}}
	for _, name := range names {
		p, err := openPort(name)
		if err != nil {
			s.close()
			return nil, err
		}
		s.ports = append(s.ports, p)
	}
	for i, p := range s.ports {
		s.readers.Add(1)
		s.writers.Add(1)
		go func() { defer s.readers.Done(); s.read(i) }()
		go func() { defer s.writers.Done(); s.write(p) }()
	}
	return s, nil
}

// openPort opens a non-blocking packet socket on the interface, so that the
// Go poller serves its reads and Close interrupts them.
func openPort(name string) (*port, error) {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		return nil, fmt.Errorf("hosts: switch port %s: %w", name, err)
	}
	proto := htons(unix.ETH_P_ALL)
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, int(proto))
	if err != nil {
		return nil, fmt.Errorf("hosts: packet socket on %s: %w", name, err)
	}
	// Frames this switch writes to the port would otherwise come back as
	// outgoing ones. The virtio header carries the offload state (a
	// checksum the sender left to the hardware, a TCP segment not yet
	// cut): written back with the frame, the receiving kernel completes it.
	for _, o := range [][2]int{{unix.PACKET_IGNORE_OUTGOING, 1}, {unix.PACKET_VNET_HDR, 1}} {
		if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, o[0], o[1]); err != nil {
			unix.Close(fd)
			return nil, fmt.Errorf("hosts: packet socket on %s: option %d: %w", name, o[0], err)
		}
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: proto, Ifindex: ifi.Index}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("hosts: binding a packet socket to %s: %w", name, err)
	}
	return &port{name: name, f: os.NewFile(uintptr(fd), "packet:"+name), out: make(chan frame, queueLen)}, nil
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func (s *switch_) read(in int) {
	p := s.ports[in]
	buf := make([]byte, vnetHdrLen+65536)
	for {
		n, err := p.f.Read(buf)
		if err != nil {
			if errors.Is(err, os.ErrClosed) {
				return
			}
			continue
		}
		if n < vnetHdrLen+14 || p.cut.Load() {
			s.dropped.Add(1)
			continue
		}
		eth := buf[vnetHdrLen:n]
		var dst, src [6]byte
		copy(dst[:], eth[0:6])
		copy(src[:], eth[6:12])
		s.mu.Lock()
		s.macs[src] = in
		to, known := s.macs[dst]
		s.mu.Unlock()
		due := time.Now().Add(time.Duration(s.rtt.Load()) / 2)
		loss := math.Float64frombits(s.loss.Load())
		for i, q := range s.ports {
			if i == in || (known && dst[0]&1 == 0 && i != to) {
				continue
			}
			if q.cut.Load() || (loss > 0 && rand.Float64() < loss) {
				s.dropped.Add(1)
				continue
			}
			select {
			case q.out <- frame{due: due, data: append([]byte(nil), buf[:n]...)}:
			default:
				s.dropped.Add(1)
			}
		}
	}
}

// write sends a port's frames when they are due, in order.
func (s *switch_) write(p *port) {
	for fr := range p.out {
		if d := time.Until(fr.due); d > 0 {
			time.Sleep(d)
		}
		if _, err := p.f.Write(fr.data); err != nil {
			if errors.Is(err, os.ErrClosed) {
				return
			}
			s.dropped.Add(1)
		}
	}
}

func (s *switch_) setRTT(d time.Duration) { s.rtt.Store(int64(d)) }

func (s *switch_) setLoss(p float64) { s.loss.Store(math.Float64bits(p)) }

// close stops the switch: the readers end on the closed sockets, then the
// writers on their closed queues.
func (s *switch_) close() {
	for _, p := range s.ports {
		p.f.Close()
	}
	s.readers.Wait()
	for _, p := range s.ports {
		close(p.out)
	}
	s.writers.Wait()
}
