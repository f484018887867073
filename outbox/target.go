package outbox

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"syscall"

	"minsheng"
)

// A webhook's target is a URL an admin types in, and the outbox POSTs to it
// from inside the hotline's network: without a check, a webhook could reach
// the database, a cloud metadata service or an intranet page (server-side
// request forgery). Targets must be public addresses, unless the server is
// told otherwise (a closed network, or tests whose receivers listen on
// 127.0.0.1). The address is checked when the webhook is saved, for a
// clear answer to the admin, and again on every connection, since DNS can
// point the same name elsewhere later.

// privateNets are the ranges a webhook may not reach by default beyond
// those netip classifies (loopback, private, link-local, multicast,
// unspecified): shared address space (CGNAT), the IETF protocol block,
// benchmarking, the reserved block, and NAT64's well-known prefix.
var privateNets = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
}

// Blocked reports whether an address is one a webhook may not reach unless
// private targets are allowed: loopback, private (RFC 1918, fc00::/7),
// link-local, multicast, unspecified or reserved.
func Blocked(a netip.Addr) bool {
	a = a.Unmap()
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return true
	}
	for _, p := range privateNets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// CheckTarget refuses a webhook URL whose host is, or resolves to, a blocked
// address, unless allowPrivate. The URL's form (http or https, a host, no
// credentials) is the domain's to check (minsheng.Webhook.Validate).
// Errors: EINVALID naming "url".
func CheckTarget(ctx context.Context, raw string, allowPrivate bool) error {
	if allowPrivate {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return minsheng.Invalid("url", "an http or https URL of at most 500 characters")
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else if addrs, err = net.DefaultResolver.LookupNetIP(ctx, "ip", host); err != nil {
		return minsheng.Invalid("url", "the host %s cannot be resolved", host)
	}
	for _, a := range addrs {
		if Blocked(a) {
			return minsheng.Invalid("url", "%s is a loopback, private or link-local address; webhooks go to public addresses", host)
		}
	}
	return nil
}

// guardDial refuses, at connection time, an address CheckTarget would
// refuse: the name was public when the webhook was saved, but DNS may
// answer otherwise now. It checks the address actually dialled, after
// resolution, so no second lookup can differ.
func guardDial(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("webhook target %s: %w", address, err)
		}
		if Blocked(ap.Addr()) {
			return fmt.Errorf("webhook target %s is a loopback, private or link-local address; refused", ap.Addr())
		}
		return nil
	}
}
