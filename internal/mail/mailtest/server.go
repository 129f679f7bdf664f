// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp)
// for tests: STARTTLS with a certificate made for the test, AUTH PLAIN,
// and a way to refuse mail for a while. It is imported by tests only.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"privacyregister/internal/mail"
)

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
	TLS  bool // it came over a TLS connection
	Auth string
}

// Server is a running SMTP server.
type Server struct {
	Addr     string
	CAs      *x509.CertPool // trusts the server's certificate
	User     string
	Password string

	mu       sync.Mutex
	received []Received
	login    bool // offer AUTH LOGIN instead of PLAIN
	refuse   int  // the next refuse DATA commands answer 451
	attempts int  // DATA commands seen, accepted or not
}

// Start runs a server on 127.0.0.1 that offers STARTTLS and requires
// AUTH PLAIN (as user/password) over TLS; it stops when the test ends.
func Start(t testing.TB, user, password string) *Server {
	return start(t, user, password, true)
}

// StartPlain runs a server that offers no STARTTLS but does offer AUTH.
func StartPlain(t testing.TB, user, password string) *Server {
	return start(t, user, password, false)
}

func start(t testing.TB, user, password string, withTLS bool) *Server {
	t.Helper()
	cert, pool := certificate(t)
	s := &Server{CAs: pool, User: user, Password: password}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{srv: s, conn: c}, nil
	}))
	srv.Domain = "localhost"
	if withTLS {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	} else {
		srv.AllowInsecureAuth = true // offered, so a test can see the client refuse
	}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Sender is a mail.SMTP for this server with the given password,
// STARTTLS required, trusting the test certificate.
func (s *Server) Sender(from, password string) *mail.SMTP {
	return &mail.SMTP{Addr: s.Addr, From: from, Username: s.User, Password: password,
		TLS: mail.StartTLS, Config: &tls.Config{RootCAs: s.CAs, ServerName: "localhost"}}
}

// OfferLoginOnly makes the server offer AUTH LOGIN instead of PLAIN, as
// some servers do.
func (s *Server) OfferLoginOnly() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.login = true
}

// Refuse makes the next n messages answer 451 (try again later).
func (s *Server) Refuse(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = n
}

// Attempts is the number of messages offered, accepted or refused.
func (s *Server) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Messages returns what the server accepted.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

type session struct {
	srv  *Server
	conn *smtp.Conn
	auth string
	from string
	to   []string
}

func (se *session) AuthMechanisms() []string {
	se.srv.mu.Lock()
	defer se.srv.mu.Unlock()
	if se.srv.login {
		return []string{sasl.Login}
	}
	return []string{sasl.Plain}
}

func (se *session) check(user, pass string) error {
	if user != se.srv.User || pass != se.srv.Password {
		return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
	}
	se.auth = user
	return nil
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	if mech == sasl.Login {
		return &loginServer{check: se.check}, nil
	}
	return sasl.NewPlainServer(func(_, user, pass string) error { return se.check(user, pass) }), nil
}

// loginServer is the server side of AUTH LOGIN (go-sasl has only the
// client's).
type loginServer struct {
	step  int
	user  string
	check func(user, pass string) error
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	l.step++
	switch l.step {
	case 1:
		if resp != nil {
			l.user, l.step = string(resp), 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(resp)
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(resp))
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.auth == "" {
		return smtp.ErrAuthRequired
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := se.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempts++
	if s.refuse > 0 {
		s.refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	_, tlsOn := se.conn.TLSConnectionState()
	s.received = append(s.received, Received{From: se.from, To: se.to, Data: bytes.Clone(b), TLS: tlsOn, Auth: se.auth})
	return nil
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

// certificate makes a self-signed certificate for localhost/127.0.0.1.
func certificate(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
