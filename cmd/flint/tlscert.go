package main

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/node/nodetls"
)

type tlsCertFlags struct {
	ips  []string
	dns  []string
	out  string
	days int
	json bool
}

// maxCertDays is --days' bound, nodetls.MaxValidity in days.
const maxCertDays = int(nodetls.MaxValidity / (24 * time.Hour))

func newTLSCertCmd() *cobra.Command {
	var f tlsCertFlags
	cmd := &cobra.Command{
		Use:   "tls-cert --ip IP [--ip IP ...] [--dns NAME ...] --out DIR [--days N]",
		Short: "Make a self-signed certificate for a node's client API",
		Long: `Writes DIR/cert.pem and DIR/key.pem (mode 0600): a self-signed ECDSA P-256 certificate for the
given IP addresses and DNS names, and its key. Point the node's api.tlsCert and api.tlsKey (or
FLINT_API_TLS_CERT and FLINT_API_TLS_KEY) at them, and give clients cert.pem as their CA: --ca or
FLINT_CA_FILE for flint's commands, NODE_EXTRA_CA_CERTS for the Lit JS SDK. The certificate must name
the IP the registry lists for the node, since clients connect to https://ip:port. Existing files are
never overwritten. See docs/operating.md.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := f.options()
			if err != nil {
				return err
			}
			certPEM, keyPEM, err := nodetls.Generate(opts)
			if err != nil {
				return usagef("%w", err)
			}
			certPath, keyPath, err := nodetls.WriteFiles(f.out, certPEM, keyPEM)
			if err != nil {
				return err
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"cert": certPath, "key": keyPath, "days": f.days})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "certificate %s\nkey         %s\nvalid for   %d days\n", certPath, keyPath, f.days)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&f.ips, "ip", nil, "an IP address the certificate names (repeat for more): the node's registered IP")
	fl.StringArrayVar(&f.dns, "dns", nil, "a DNS name the certificate names (repeat for more)")
	fl.StringVar(&f.out, "out", "", "directory to write cert.pem and key.pem to (created if missing)")
	fl.IntVar(&f.days, "days", 365, fmt.Sprintf("days the certificate is valid, 1 to %d", maxCertDays))
	fl.BoolVar(&f.json, "json", false, "print one JSON object instead of text")
	return cmd
}

func (f *tlsCertFlags) options() (nodetls.Options, error) {
	var o nodetls.Options
	if f.out == "" {
		return o, usagef("--out is required")
	}
	if len(f.ips) == 0 && len(f.dns) == 0 {
		return o, usagef("give the node's IP with --ip (and any DNS names with --dns)")
	}
	if f.days < 1 || f.days > maxCertDays {
		return o, usagef("--days %d: want 1 to %d", f.days, maxCertDays)
	}
	for _, s := range f.ips {
		ip, err := netip.ParseAddr(s)
		if err != nil {
			return o, usagef("--ip %q: %v", s, err)
		}
		o.IPs = append(o.IPs, ip)
	}
	o.DNSNames = f.dns
	o.Validity = time.Duration(f.days) * 24 * time.Hour
	return o, nil
}
