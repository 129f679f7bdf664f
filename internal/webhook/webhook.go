// Package webhook is the outgoing webhooks' format: the events an
// organisation can subscribe to, the payload, and its signature as the
// Standard Webhooks specification (standardwebhooks.com) describes it:
// headers webhook-id, webhook-timestamp and webhook-signature, the last
// "v1," and the base64 HMAC-SHA256 of "id.timestamp.body" under the
// endpoint's secret ("whsec_" and base64). Queueing and delivery are in
// the store (the durable queue) and the job loop.
package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
)

// Event types an endpoint can subscribe to.
const (
	IncidentReported            = "incident.reported"
	IncidentDeadlineApproaching = "incident.deadline_approaching"
	IncidentDeadlinePassed      = "incident.deadline_passed"
	IncidentAuthorityNotified   = "incident.authority_notified"
	RequestReceived             = "request.received"
	RequestDue                  = "request.due"
	RequestClosed               = "request.closed"
	NoticeReceived              = "subprocessor_notice.received"
	NoticeDecided               = "subprocessor_notice.decided"
	AgreementExpiring           = "agreement.expiring"
	ReviewOverdue               = "review.overdue"
	// Test is sent by the "send test event" button, to one endpoint.
	Test = "webhook.test"
)

// Events lists the subscribable types in the order the page shows them.
var Events = []string{IncidentReported, IncidentDeadlineApproaching, IncidentDeadlinePassed, IncidentAuthorityNotified,
	RequestReceived, RequestDue, RequestClosed, NoticeReceived, NoticeDecided, AgreementExpiring, ReviewOverdue}

// Event is something that happened. Data holds only ids, dossier numbers
// or references, kinds, states and deadlines; Details what an endpoint
// gets only when its beheerder ticked "include details" (titles, names).
type Event struct {
	Type    string
	At      time.Time
	Data    map[string]any
	Details map[string]any
}

// Body is the JSON body for an endpoint: {type, timestamp, data}, with
// the details merged into data when withDetails.
func (e Event) Body(withDetails bool) ([]byte, error) {
	data := map[string]any{}
	for k, v := range e.Data {
		data[k] = v
	}
	if withDetails {
		for k, v := range e.Details {
			data[k] = v
		}
	}
	return json.Marshal(struct {
		Type      string         `json:"type"`
		Timestamp string         `json:"timestamp"`
		Data      map[string]any `json:"data"`
	}{e.Type, e.At.UTC().Format(time.RFC3339), data})
}

// NewSecret returns a new signing secret in the Standard Webhooks form:
// "whsec_" and 24 random bytes in base64.
func NewSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// NewMessageID returns a webhook-id: the same on every retry of a
// delivery, so a receiver can drop duplicates.
func NewMessageID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return "msg_" + base64.RawURLEncoding.EncodeToString(b)
}

// Sign returns the webhook-signature header value for a message.
func Sign(secret, msgID string, ts time.Time, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || len(key) == 0 {
		return "", errors.New("webhook secret is not whsec_ and base64")
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msgID + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// CheckEvents keeps the known types, in the page's order, and refuses an
// empty choice.
func CheckEvents(chosen []string) ([]string, error) {
	var out []string
	for _, e := range Events {
		if slices.Contains(chosen, e) {
			out = append(out, e)
		}
	}
	for _, c := range chosen {
		if !slices.Contains(Events, c) {
			return nil, apperr.Invalidf("events", "Unknown event %q.", c)
		}
	}
	if len(out) == 0 {
		return nil, apperr.Invalidf("events", "Choose at least one event.")
	}
	return out, nil
}

// CheckURL accepts an https URL, or http to this machine (loopback) only:
// a payload and its signature must not cross a network in the clear.
func CheckURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", apperr.Invalidf("url", "Enter a full address starting with https://.")
	}
	if u.User != nil {
		return "", apperr.Invalidf("url", "The address must not contain a user name or password.")
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return "", apperr.Invalidf("url", "Use https://; plain http is only allowed to this machine (localhost).")
	}
	if len(raw) > 2000 {
		return "", apperr.Invalidf("url", "The address is too long.")
	}
	return u.String(), nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
