// Package subscription follows a processor's profile served by another
// installation (issue 16, "across installations"): a customer subscribes
// to https://.../p/SHORT/processor.json, the document's Ed25519 key is
// pinned on first use (the privacy officer compares its fingerprint with
// the one the processor shows), and each poll turns a new version into
// the same notices as a profile on this installation (store
// ApplyProfileVersion). A document signed with another key, or whose
// signature does not hold, blocks the link until the privacy officer
// decides: nothing of it is applied. A network or server failure is only
// noted; the next poll tries again.
package subscription

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// Defaults of a Client.
const (
	DefaultMaxBytes = 1 << 20 // a profile holds at most 200 items of 2000 characters; 1 MB is ample
	DefaultTimeout  = 20 * time.Second
	// DefaultEvery is how often the background job polls a link: a
	// processor announces a change weeks before the objection window ends,
	// so a few hours' delay costs the customer nothing.
	DefaultEvery = 6 * time.Hour
)

// Client fetches and applies remote profiles.
type Client struct {
	HTTP     *http.Client // nil: a client that refuses private addresses unless AllowHTTP
	Store    *store.Store
	MaxBytes int64 // largest document read; 0: DefaultMaxBytes
	// AllowHTTP also accepts http:// and private or loopback addresses.
	// Off in production: the privacy officer types the address, and this
	// server must not become a way to reach the machines around it (or a
	// profile read in the clear, where anyone on the way could swap it
	// before the key is pinned). On for tests (httptest listens on
	// 127.0.0.1) and for installations that talk inside one private
	// network.
	AllowHTTP bool

	once    sync.Once
	guarded *http.Client
}

// New returns a client for st.
func New(st *store.Store, allowHTTP bool) *Client {
	return &Client{Store: st, AllowHTTP: allowHTTP}
}

// CheckURL accepts an https address, or with AllowHTTP an http one to
// localhost or a private or loopback IP address.
func (c *Client) CheckURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", apperr.Invalidf("url", "Enter the full address of the processor's profile, starting with https://.")
	}
	if u.User != nil {
		return "", apperr.Invalidf("url", "The address must not contain a user name or password.")
	}
	if len(raw) > 2000 {
		return "", apperr.Invalidf("url", "The address is too long.")
	}
	if u.Scheme == "http" && !(c.AllowHTTP && privateHost(u.Hostname())) {
		return "", apperr.Invalidf("url", "Use https://: a profile read in the clear could be swapped on the way before its key is pinned.")
	}
	return u.String(), nil
}

func privateHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && private(ip)
}

func private(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified()
}

func (c *Client) client() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	c.once.Do(func() {
		allow := c.AllowHTTP
		d := &net.Dialer{Timeout: 10 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
			// Checked on the address dialled, after DNS: a public name that
			// resolves to 10.0.0.1 is refused too.
			host, _, _ := net.SplitHostPort(address)
			if ip := net.ParseIP(host); !allow && ip != nil && private(ip) {
				return fmt.Errorf("refused to fetch from the private address %s", host)
			}
			return nil
		}}
		c.guarded = &http.Client{
			Timeout:   DefaultTimeout,
			Transport: &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: 10 * time.Second, MaxIdleConns: 10, IdleConnTimeout: time.Minute},
			// A redirect must meet the same rule as the address itself:
			// https://... must not send us on to http://....
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 5 {
					return fmt.Errorf("stopped after %d redirects", len(via))
				}
				_, err := c.CheckURL(req.URL.String())
				return err
			},
		}
	})
	return c.guarded
}

// fetched is one answer of the processor's server.
type fetched struct {
	body        []byte
	etag        string
	notModified bool
}

// fetch GETs the document, conditionally when etag is set. Any answer but
// 200 or 304 is an error, as is a body over the limit.
func (c *Client) fetch(ctx context.Context, u, etag string) (*fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	res, err := c.client().Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	switch res.StatusCode {
	case http.StatusNotModified:
		return &fetched{notModified: true, etag: etag}, nil
	case http.StatusOK:
	default:
		return nil, fmt.Errorf("the processor's server answered %s", res.Status)
	}
	max := c.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("the document is larger than %d bytes", max)
	}
	return &fetched{body: body, etag: res.Header.Get("ETag")}, nil
}

// signed reports whether body is a signed envelope at all: a document
// that claims a signature and fails it blocks the link, an HTML error
// page from a proxy only counts as a failed poll.
func signed(body []byte) bool {
	var env profile.Envelope
	return json.Unmarshal(body, &env) == nil && len(env.Document) > 0 && env.Signature.Value != ""
}

// Subscribe links the customer's agreement to the profile at u: fetched,
// verified and its key pinned (trust on first use).
func (c *Client) Subscribe(ctx context.Context, orgID, agreementID int64, u string) (*store.ProfileLink, error) {
	u, err := c.CheckURL(u)
	if err != nil {
		return nil, err
	}
	f, err := c.fetch(ctx, u, "")
	if err != nil {
		return nil, apperr.Invalidf("url", "The profile could not be fetched: %s", err.Error())
	}
	v, err := profile.Verify(f.body)
	if err != nil {
		return nil, apperr.Invalidf("url", "This address does not serve a valid signed processor profile: %s", err.Error())
	}
	var l *store.ProfileLink
	err = c.Store.InTx(ctx, func(tx *store.Tx) error {
		l, err = tx.LinkRemoteProfile(ctx, orgID, agreementID, u, v, f.etag)
		return err
	})
	return l, err
}

// Check polls one link of the customer's. It returns the link as it
// stands afterwards; an error only when the database failed (or the link
// is not the customer's): what went wrong with the processor's server is
// the link's Problem.
func (c *Client) Check(ctx context.Context, orgID, linkID int64) (*store.ProfileLink, error) {
	l, err := c.Store.ProfileLink(ctx, orgID, linkID)
	if err != nil {
		return nil, err
	}
	if l.URL == "" {
		return nil, apperr.Invalidf("link", "This link follows a profile on this installation; there is nothing to fetch.")
	}
	// A blocked link is fetched in full: the held document was never
	// applied, so "not modified" would say nothing.
	etag := l.ETag
	if l.Status == store.LinkBlocked {
		etag = ""
	}
	f, ferr := c.fetch(ctx, l.URL, etag)
	err = c.Store.InTx(ctx, func(tx *store.Tx) error {
		l, err = tx.LockProfileLink(ctx, orgID, linkID)
		if err != nil {
			return err
		}
		return c.apply(ctx, tx, l, f, ferr)
	})
	return l, err
}

// apply records what one fetch brought.
func (c *Client) apply(ctx context.Context, tx *store.Tx, l *store.ProfileLink, f *fetched, ferr error) error {
	switch {
	case ferr != nil:
		return tx.RecordCheck(ctx, l, "", ferr.Error())
	case f.notModified:
		return tx.RecordCheck(ctx, l, "", "")
	case !signed(f.body):
		return tx.RecordCheck(ctx, l, "", "The address did not serve a signed processor profile.")
	}
	v, err := profile.Verify(f.body)
	if err != nil {
		return tx.BlockLink(ctx, l, "The document does not verify: "+err.Error()+". Nothing of it was applied.", string(f.body))
	}
	if v.PublicKey != l.PinnedKey {
		return tx.BlockLink(ctx, l, fmt.Sprintf("The processor's signing key changed: pinned %s, now %s. Nothing was applied; compare the new fingerprint with the processor before you trust it.",
			profile.Fingerprint(l.PinnedKey), profile.Fingerprint(v.PublicKey)), string(f.body))
	}
	if l.Status == store.LinkBlocked {
		// The pinned key verifies again (the bad document is gone):
		// nothing for the privacy officer to decide any more.
		if err := tx.TrustHeldKey(ctx, l, v); err != nil {
			return err
		}
		return tx.RecordCheck(ctx, l, f.etag, "")
	}
	if err := tx.ApplyProfileVersion(ctx, l, v.Document.Newest()); err != nil {
		return err
	}
	return tx.RecordCheck(ctx, l, f.etag, "")
}

// TrustHeld is the privacy officer's decision on a blocked link: the new
// key is the processor's. It is pinned and the held document applied. A
// held document that does not verify at all cannot be trusted: check
// again later, or ask the processor.
func (c *Client) TrustHeld(ctx context.Context, orgID, linkID int64) error {
	return c.Store.InTx(ctx, func(tx *store.Tx) error {
		l, err := tx.LockProfileLink(ctx, orgID, linkID)
		if err != nil {
			return err
		}
		if l.Status != store.LinkBlocked || l.Held == "" {
			return apperr.New(apperr.Conflict, "This link waits for no decision.")
		}
		v, err := profile.Verify([]byte(l.Held))
		if err != nil {
			return apperr.Invalidf("link", "The held document does not verify, so it cannot be trusted; check again later or ask the processor.")
		}
		return tx.TrustHeldKey(ctx, l, v)
	})
}

// PollDue checks every active remote link, of every organisation, not
// checked for every (0: all of them, now); it returns how many it
// checked. One link's database failure does not stop the others; the
// first is returned.
func (c *Client) PollDue(ctx context.Context, every time.Duration) (int, error) {
	every = max(every, 0)
	links, err := c.Store.RemoteLinksDue(ctx, c.Store.Now().Add(-every))
	if err != nil {
		return 0, err
	}
	n := 0
	var first error
	for _, l := range links {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		if _, err := c.Check(ctx, l.OrgID, l.ID); err != nil {
			if first == nil {
				first = fmt.Errorf("profile link %d of organisation %d: %w", l.ID, l.OrgID, err)
			}
			continue
		}
		n++
	}
	return n, first
}
