package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strings"
	"time"
)

// TLS modes of an SMTP connection.
const (
	StartTLS = "starttls" // plain connect, then STARTTLS, which the server must offer (port 587, 25)
	TLS      = "tls"      // TLS from the first byte (port 465)
	NoTLS    = "none"     // no encryption: only for a relay on the same host or network
)

// DefaultTimeout bounds one SMTP conversation when the context sets no
// deadline.
const DefaultTimeout = 30 * time.Second

// SMTP sends through an SMTP server.
type SMTP struct {
	Addr     string // host:port
	From     string // sender, e.g. "Privacyregister <privacy@example.nl>"
	Username string // AUTH when set (only over TLS): PLAIN, or LOGIN when the server offers only that
	Password string
	TLS      string      // StartTLS (default), TLS or NoTLS
	Config   *tls.Config // optional: e.g. a custom CA (LoadCA); ServerName defaults to the host
	Now      func() time.Time
}

// LoadCA reads PEM certificates to trust instead of the system's, for a
// server with a certificate of an internal CA.
func LoadCA(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// CheckTLSMode reports whether mode is one SMTP understands ("" is StartTLS).
func CheckTLSMode(mode string) error {
	switch mode {
	case "", StartTLS, TLS, NoTLS:
		return nil
	}
	return fmt.Errorf("TLS mode %q: use starttls, tls or none", mode)
}

// Send delivers m in one SMTP conversation, bounded by ctx (or
// DefaultTimeout). Its errors never hold the password.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := s.send(ctx, m); err != nil {
		return s.redact(err)
	}
	return nil
}

func (s *SMTP) send(ctx context.Context, m Message) error {
	if err := CheckTLSMode(s.TLS); err != nil {
		return err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	raw, err := Build(s.From, m, now())
	if err != nil {
		return err
	}
	from, _ := mail.ParseAddress(s.From) // Build checked it
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("SMTP address %q: %w", s.Addr, err)
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.Config != nil {
		cfg = s.Config.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	var conn net.Conn
	if s.TLS == TLS {
		conn, err = (&tls.Dialer{Config: cfg}).DialContext(ctx, "tcp", s.Addr)
	} else {
		conn, err = (&net.Dialer{}).DialContext(ctx, "tcp", s.Addr)
	}
	if err != nil {
		return err
	}
	// net/smtp knows no context: the deadline bounds every read and write,
	// and a cancelled context closes the connection.
	dl, _ := ctx.Deadline()
	conn.SetDeadline(dl)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := s.converse(c, host, cfg, from.Address, raw, m.To); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return err
	}
	return nil
}

func (s *SMTP) converse(c *smtp.Client, host string, cfg *tls.Config, from string, raw []byte, to []string) error {
	if err := c.Hello(helloName(from)); err != nil {
		return err
	}
	if s.TLS == "" || s.TLS == StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("the SMTP server does not offer STARTTLS, which is required (set the TLS mode to none only for a local relay)")
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if s.Username != "" {
		// The password goes only over TLS, also to a relay on this host.
		if _, ok := c.TLSConnectionState(); !ok {
			return errors.New("unencrypted connection: the password is not sent (use starttls or tls)")
		}
		ok, mechs := c.Extension("AUTH")
		if !ok {
			return errors.New("the SMTP server offers no authentication, but a user name is set")
		}
		var a smtp.Auth = smtp.PlainAuth("", s.Username, s.Password, host)
		if !hasMech(mechs, "PLAIN") && hasMech(mechs, "LOGIN") {
			a = &loginAuth{user: s.Username, pass: s.Password, host: host}
		}
		if err := c.Auth(a); err != nil {
			return fmt.Errorf("authentication: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, rcpt := range to {
		addr, err := mail.ParseAddress(rcpt)
		if err != nil {
			return err
		}
		if err := c.Rcpt(addr.Address); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// helloName is the name given in EHLO: the sender's domain, which a
// server accepts more readily than "localhost".
func helloName(from string) string {
	if i := strings.LastIndex(from, "@"); i >= 0 && i < len(from)-1 {
		return from[i+1:]
	}
	return "localhost"
}

func hasMech(mechs, m string) bool {
	for _, f := range strings.Fields(mechs) {
		if strings.EqualFold(f, m) {
			return true
		}
	}
	return false
}

// redact takes the password out of an error, should a server echo it.
func (s *SMTP) redact(err error) error {
	if s.Password == "" || !strings.Contains(err.Error(), s.Password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), s.Password, "[password]"))
}

// loginAuth is the LOGIN mechanism, which some servers (Microsoft 365
// among them) offer instead of PLAIN. Like smtp.PlainAuth it sends the
// password only over TLS.
type loginAuth struct{ user, pass, host string }

func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS {
		return "", nil, errors.New("unencrypted connection: the password is not sent")
	}
	if server.Name != a.host {
		return "", nil, errors.New("wrong host name")
	}
	return "LOGIN", nil, nil
}

func (a *loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:", "user name", "username":
		return []byte(a.user), nil
	case "password:", "password":
		return []byte(a.pass), nil
	}
	return nil, fmt.Errorf("unexpected LOGIN challenge %q", fromServer)
}
