// Package mail sends e-mail: through an SMTP server when one is
// configured, to the log otherwise, and to memory in tests.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/smtp"
	"strings"
	"sync"
	"time"
)

// Message is one plain-text e-mail.
type Message struct {
	To      []string
	Subject string
	Body    string
}

// Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through an SMTP server (STARTTLS when the server offers it).
type SMTP struct {
	Addr     string // host:port
	From     string
	Username string
	Password string
}

// Send delivers m.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	var a smtp.Auth
	if s.Username != "" {
		host := s.Addr
		if i := strings.LastIndex(host, ":"); i > 0 {
			host = host[:i]
		}
		a = smtp.PlainAuth("", s.Username, s.Password, host)
	}
	return smtp.SendMail(s.Addr, a, s.From, m.To, Format(s.From, m, time.Now()))
}

// Format renders m as an RFC 5322 message with a UTF-8 subject and body.
func Format(from string, m Message, now time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", strings.Join(m.To, ", "))
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.Body, "\n", "\r\n"))
	return []byte(b.String())
}

// Log writes messages to the log instead of sending them (no SMTP server
// configured). Only the recipients and subject are logged, not the body,
// which may describe a data breach.
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
