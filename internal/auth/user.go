package auth

import (
	"net/mail"
	"strings"
	"time"

	"privacyregister/internal/apperr"
)

// User is a person who can sign in. A user may belong to several
// organisations (org.Membership). Secrets never leave as JSON.
type User struct {
	ID                 int64     `json:"id"`
	Email              string    `json:"email"`
	Name               string    `json:"name"`
	Lang               string    `json:"lang"`
	PasswordHash       string    `json:"-"`
	TOTPSecret         string    `json:"-"`
	TOTPEnabled        bool      `json:"totp_enabled"`
	MustChangePassword bool      `json:"must_change_password"`
	Disabled           bool      `json:"disabled"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
}

// NormaliseEmail lower-cases and checks an e-mail address.
func NormaliseEmail(field, s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s, "@") {
		return "", apperr.Invalidf(field, "is not an e-mail address")
	}
	return s, nil
}
