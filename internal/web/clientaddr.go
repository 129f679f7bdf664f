package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// LoopbackProxies is what the deprecated --trust-proxy means now: a
// reverse proxy on the same machine.
var LoopbackProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// ParseTrustedProxies reads a comma-separated list of CIDRs (a bare
// address counts as one host), as --trusted-proxies takes it.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			a, err := netip.ParseAddr(part)
			if err != nil {
				return nil, fmt.Errorf("trusted proxies: %q is not an address or CIDR such as 10.0.0.0/8", part)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is not a CIDR such as 10.0.0.0/8", part)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (s *Server) clientAddr(r *http.Request) string {
	return ClientAddr(r.RemoteAddr, r.Header.Values("X-Forwarded-For"), s.Config.TrustedProxies)
}

// ClientAddr returns the address sign-in throttling and the public forms
// count a request under. X-Forwarded-For is read only when the peer is one
// of the trusted proxies, and then from the right: each trusted proxy
// appends the address it received the request from, so the right-most
// hop that is not a trusted proxy is the client. Hops further left were
// written by the client and may be anything; the old code took the
// left-most, so an attacker chose their own address for every request.
func ClientAddr(remoteAddr string, xff []string, trusted []netip.Prefix) string {
	peer := remoteAddr
	if host, _, err := net.SplitHostPort(remoteAddr); err == nil {
		peer = host
	}
	addr, ok := parseHop(peer)
	if !ok {
		return peer
	}
	if !isTrusted(addr, trusted) {
		return addr.String()
	}
	var hops []string
	for _, h := range xff {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := parseHop(strings.TrimSpace(hops[i]))
		if !ok {
			break // garbage: the nearest address known stands
		}
		addr = hop
		if !isTrusted(hop, trusted) {
			break
		}
	}
	return addr.String()
}

// parseHop reads an address as proxies write it: 192.0.2.1, 2001:db8::1,
// or with a port ([2001:db8::1]:443, 192.0.2.1:8080).
func parseHop(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, err2 := netip.ParseAddrPort(s)
		if err2 != nil {
			return netip.Addr{}, false
		}
		a = ap.Addr()
	}
	return a.WithZone("").Unmap(), true
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
