// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// A webhook URL is chosen by a bank, but the node is the one that dials it.
// Without a check, a bank could point its subscription at the node's own
// database port, a cloud metadata endpoint or a host on the credit centre's
// internal network and have the node post to it (server-side request
// forgery). So the address is checked twice: when the subscription is made
// (an IP literal in a refused range is turned down with a clear reason) and
// at every connection, after DNS resolution, so that a name that later
// resolves to an internal address (DNS rebinding) is refused too.
//
// Refused unless allowed: loopback (only with Options.AllowLoopback),
// private networks (RFC 1918, fc00::/7), shared address space
// (100.64.0.0/10), link-local (169.254.0.0/16, where cloud metadata lives,
// fe80::/10), unspecified, multicast and reserved ranges. Banks reached over
// the government extranet (政务外网) or a leased line use private addresses:
// the operator lists those networks in Options.AllowNets.

var refusedNets = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// allowedAddr reports whether the node may connect to ip, and why not.
func (o Options) allowedAddr(ip netip.Addr) error {
	ip = ip.Unmap()
	for _, p := range o.AllowNets {
		if p.Contains(ip) {
			return nil
		}
	}
	if ip.IsLoopback() && o.AllowLoopback {
		return nil
	}
	for _, p := range refusedNets {
		if p.Contains(ip) {
			return fmt.Errorf("feed: webhook address %s is in %s, which the node does not post to "+
				"(内网、本机或保留地址；如为政务外网或专线地址，请运营方加入允许网段)", ip, p)
		}
	}
	return nil
}

// guardedClient is the default webhook client: 10 s timeout, no redirects
// (a redirect would be a second, unchecked URL), and a dialer that checks
// every address it connects to.
func guardedClient(o Options) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("feed: webhook address %q: %w", address, err)
		}
		return o.allowedAddr(ap.Addr())
	}}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil // a proxy would dial on our behalf, past the check
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	return &http.Client{Timeout: 10 * time.Second, Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
