package hosts

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Names. Everything a Net creates carries its process id and a sequence
// number, so that several Nets (in one test binary or in several) never
// collide, and a later run can tell what a crashed one left behind: a name
// whose process is gone.
//
//	namespaces: flinthosts-PID-SEQ-nI
//	interfaces: fhPID.SEQ + nI (node I's host end) or g0/g1 (the host's own
//	            port: g0 holds the gateway address, g1 is the switch's end)
//
// PID and SEQ are written in base 36 so that an interface name fits the
// kernel's 15 bytes (fh + 5 + . + 2 + n + 3 = 14 at most).
const (
	nsPrefix = "flinthosts-"
	ifPrefix = "fh"
)

var seq atomic.Uint32

type names struct{ pid, seq string }

func newNames() names {
	return names{strconv.FormatInt(int64(os.Getpid()), 36), strconv.FormatUint(uint64(seq.Add(1)%1296), 36)}
}

func (n names) ns(i int) string     { return nsPrefix + n.pid + "-" + n.seq + "-n" + strconv.Itoa(i) }
func (n names) nodeIf(i int) string { return ifPrefix + n.pid + "." + n.seq + "n" + strconv.Itoa(i) }
func (n names) hostIf(end int) string {
	return ifPrefix + n.pid + "." + n.seq + "g" + strconv.Itoa(end)
}

// ip runs iproute2's ip with the arguments.
func ip(ctx context.Context, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("hosts: ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// ErrNoNamespaces says the kernel (or the lack of privilege) refuses
// network namespaces here: tests skip on it, nothing else.
var ErrNoNamespaces = errors.New("hosts: network namespaces are refused here (needs root or CAP_NET_ADMIN)")

// Probe checks that this process may create network namespaces and veth
// pairs, by making and removing one of each. It returns ErrNoNamespaces
// (wrapped with the kernel's words) where they are refused, and another
// error when ip itself is missing.
func Probe(ctx context.Context) error {
	if _, err := exec.LookPath("ip"); err != nil {
		return fmt.Errorf("hosts: iproute2's ip is needed (apt-get install iproute2): %w", err)
	}
	n := newNames()
	name := n.ns(0)
	if err := ip(ctx, "netns", "add", name); err != nil {
		if strings.Contains(err.Error(), "not permitted") || strings.Contains(err.Error(), "denied") {
			return fmt.Errorf("%w: %v", ErrNoNamespaces, err)
		}
		return err
	}
	defer ip(context.WithoutCancel(ctx), "netns", "del", name)
	if err := ip(ctx, "link", "add", n.nodeIf(0), "type", "veth", "peer", "name", "eth0", "netns", name); err != nil {
		if strings.Contains(err.Error(), "not permitted") || strings.Contains(err.Error(), "denied") {
			return fmt.Errorf("%w: %v", ErrNoNamespaces, err)
		}
		return err
	}
	// Removing the namespace would remove the pair, but only once the
	// kernel lets the namespace go.
	return ip(ctx, "link", "del", n.nodeIf(0))
}

// sweep removes what Nets of processes that no longer run left behind
// (a test binary killed before its cleanup).
func sweep(ctx context.Context) {
	alive := func(pid36 string) bool {
		pid, err := strconv.ParseInt(pid36, 36, 64)
		if err != nil {
			return true // not ours to judge
		}
		_, err = os.Stat("/proc/" + strconv.FormatInt(pid, 10))
		return err == nil
	}
	if out, err := exec.CommandContext(ctx, "ip", "-o", "link", "show").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimSuffix(f[1], ":"), "@")
			rest, ok := strings.CutPrefix(name, ifPrefix)
			pid, _, dot := strings.Cut(rest, ".")
			if ok && dot && !alive(pid) {
				ip(ctx, "link", "del", name)
			}
		}
	}
	if out, err := exec.CommandContext(ctx, "ip", "netns", "list").Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 {
				continue
			}
			rest, ok := strings.CutPrefix(f[0], nsPrefix)
			pid, _, dash := strings.Cut(rest, "-")
			if ok && dash && !alive(pid) {
				ip(ctx, "netns", "del", f[0])
			}
		}
	}
}

// freeSubnet picks 10.77.X.0/24 with an X no interface of this machine
// uses yet.
func freeSubnet(ctx context.Context, start int) (netip.Prefix, error) {
	out, err := exec.CommandContext(ctx, "ip", "-4", "-o", "addr", "show").Output()
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("hosts: ip addr show: %w", err)
	}
	for k := range 250 {
		x := 1 + (start+k)%250
		p := netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 77, byte(x), 0}), 24)
		if !strings.Contains(string(out), " 10.77."+strconv.Itoa(x)+".") {
			return p, nil
		}
	}
	return netip.Prefix{}, errors.New("hosts: every 10.77.X.0/24 is in use")
}

// addr is the subnet's address ending in b.
func addr(p netip.Prefix, b int) netip.Addr {
	a := p.Addr().As4()
	a[3] = byte(b)
	return netip.AddrFrom4(a)
}

// link makes the host's port (gateway address on g0, the switch on g1)
// and one namespace per node with eth0 at its address, its host end given
// to the switch. The switch's ends carry no address and answer no ARP:
// the host's kernel would otherwise answer for the gateway address on
// every port and frames would skip the switch.
func link(ctx context.Context, n names, subnet netip.Prefix, nodes int, nodeAddr func(i int) netip.Addr) error {
	g0, g1 := n.hostIf(0), n.hostIf(1)
	steps := [][]string{
		{"link", "add", g0, "type", "veth", "peer", "name", g1},
		{"addr", "add", netip.PrefixFrom(addr(subnet, 1), 24).String(), "dev", g0},
		{"link", "set", g1, "arp", "off", "promisc", "on", "up"},
		{"link", "set", g0, "up"},
	}
	for i := 1; i <= nodes; i++ {
		ns, h := n.ns(i), n.nodeIf(i)
		steps = append(steps,
			[]string{"netns", "add", ns},
			[]string{"link", "add", h, "type", "veth", "peer", "name", "eth0", "netns", ns},
			[]string{"link", "set", h, "arp", "off", "promisc", "on", "up"},
			[]string{"-n", ns, "addr", "add", netip.PrefixFrom(nodeAddr(i), 24).String(), "dev", "eth0"},
			[]string{"-n", ns, "link", "set", "lo", "up"},
			[]string{"-n", ns, "link", "set", "eth0", "up"},
		)
	}
	for _, s := range steps {
		if err := ip(ctx, s...); err != nil {
			return err
		}
	}
	// IPv6 would only add router solicitations to the switch's traffic.
	for _, name := range append([]string{g1}, hostEnds(n, nodes)...) {
		os.WriteFile("/proc/sys/net/ipv6/conf/"+name+"/disable_ipv6", []byte("1"), 0o644)
	}
	return nil
}

func hostEnds(n names, nodes int) []string {
	var out []string
	for i := 1; i <= nodes; i++ {
		out = append(out, n.nodeIf(i))
	}
	return out
}

// unlink removes the namespaces and interfaces of n. Removing a namespace
// would remove its veth pairs, but only once the kernel lets the namespace
// go, which can be later (a socket may hold it), so the host ends are
// removed too: removing one end removes the pair.
func unlink(ctx context.Context, n names, nodes int) error {
	var errs []error
	gone := func(err error) bool {
		return err == nil || strings.Contains(err.Error(), "No such file") || strings.Contains(err.Error(), "Cannot find")
	}
	for i := 1; i <= nodes; i++ {
		if err := ip(ctx, "netns", "del", n.ns(i)); !gone(err) {
			errs = append(errs, err)
		}
		if err := ip(ctx, "link", "del", n.nodeIf(i)); !gone(err) {
			errs = append(errs, err)
		}
	}
	if err := ip(ctx, "link", "del", n.hostIf(0)); !gone(err) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
