package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// NewID returns a random message id (the part before the @).
func NewID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Build renders m as an RFC 5322 message from from (an address, with or
// without a display name): Date, Message-ID at the sender's domain, From,
// To, a Subject encoded for UTF-8 (RFC 2047), MIME-Version, and a
// multipart/alternative body with a text/plain and a text/html part, both
// quoted-printable.
func Build(from string, m Message, now time.Time) ([]byte, error) {
	sender, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("sender address %q: %w", from, err)
	}
	var to []string
	for _, a := range m.To {
		addr, err := mail.ParseAddress(a)
		if err != nil {
			return nil, fmt.Errorf("recipient address %q: %w", a, err)
		}
		to = append(to, addr.String())
	}
	if len(to) == 0 {
		return nil, fmt.Errorf("no recipients")
	}
	html, err := HTML(m)
	if err != nil {
		return nil, err
	}
	id := m.ID
	if id == "" {
		id = NewID()
	}
	domain := sender.Address[strings.LastIndex(sender.Address, "@")+1:]
	lang := m.Lang
	if lang == "" {
		lang = "nl"
	}

	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	header := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+id+"@"+domain+">")
	header("From", sender.String())
	header("To", strings.Join(to, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	header("MIME-Version", "1.0")
	header("Content-Language", lang)
	header("Content-Type", `multipart/alternative; boundary="`+w.Boundary()+`"`)
	buf.WriteString("\r\n")
	for _, p := range []struct{ typ, body string }{
		{"text/plain; charset=utf-8", strings.ReplaceAll(m.Body, "\n", "\r\n")},
		{"text/html; charset=utf-8", strings.ReplaceAll(html, "\n", "\r\n")},
	} {
		pw, err := w.CreatePart(textproto.MIMEHeader{"Content-Type": {p.typ}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write([]byte(p.body)); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
