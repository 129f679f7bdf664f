// Package mail writes and sends e-mail: through an SMTP server when one is
// configured, to the log otherwise, and to memory in tests. Every mail is
// multipart/alternative, a plain-text part and an HTML part made from the
// same text, in the recipient's language. Mail about a breach names the
// case (its dossier number) and links to it; what happened and who
// reported it stay in the application.
package mail

import (
	"context"
	"log/slog"
	"strings"
	"sync"
)

// Message is one e-mail. Body is plain text in paragraphs separated by an
// empty line; a paragraph whose lines start with "- " is a list, and a
// line that is only an http(s) address is a link. The HTML part is made
// from it (see HTML), so both parts always say the same.
type Message struct {
	ID      string // unique, kept across retries; the Message-ID's left part (random when empty)
	To      []string
	Subject string
	Lang    string // "nl" or "en": Content-Language, and the HTML's lang
	Body    string
}

// Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Observe is told the outcome of every delivery attempt of the outbox:
// err is nil when the message was sent. It is the one place where sent and
// failed mail is known, for counting (metrics); the default does nothing.
var Observe = func(kind string, err error) {}

// Log writes messages to the log instead of sending them (no SMTP server
// configured). Only the recipients and subject are logged, not the body.
type Log struct{ L *slog.Logger }

// Send logs m.
func (l Log) Send(ctx context.Context, m Message) error {
	l.L.Info("mail not sent (no SMTP server configured)", "to", strings.Join(m.To, ","), "subject", m.Subject)
	return nil
}

// Memory keeps messages, for tests.
type Memory struct {
	mu   sync.Mutex
	Sent []Message
}

// Send records m.
func (m *Memory) Send(ctx context.Context, msg Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Sent = append(m.Sent, msg)
	return nil
}

// Messages returns a copy of what was sent.
func (m *Memory) Messages() []Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Message(nil), m.Sent...)
}
