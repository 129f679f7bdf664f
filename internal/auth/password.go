// Package auth holds users and how they prove who they are: argon2id
// passwords, TOTP two-factor codes with recovery codes, and random tokens
// for sessions and the API (stored only as hashes).
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"privacyregister/internal/apperr"
)

// argon2id parameters: OWASP's second recommended set (19 MiB would do;
// 64 MiB, 1 pass, 4 lanes is the RFC 9106 "low memory" choice).
const (
	argonTime    = 1
	argonMemory  = 64 * 1024
	argonThreads = 4
	argonKeyLen  = 32
	saltLen      = 16
)

// MinPasswordLength follows NIST SP 800-63B (at least 8; we ask 10).
const MinPasswordLength = 10

// CheckPasswordPolicy returns an error naming the field when pw is too weak.
func CheckPasswordPolicy(field, pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return apperr.Invalidf(field, "must be at least %d characters", MinPasswordLength)
	}
	if len(pw) > 1024 {
		return apperr.Invalidf(field, "is too long")
	}
	return nil
}

// HashPassword returns the PHC string of an argon2id hash of pw.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the PHC hash. It reads the
// parameters from the hash, so stronger settings later still verify old
// hashes.
func VerifyPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when a user does not exist, so a sign-in
// for an unknown address costs as long as one with a wrong password.
var dummyHash, _ = HashPassword("not a real password, only for timing")

// BurnTime spends the time of one password verification.
func BurnTime(pw string) { VerifyPassword(dummyHash, pw) }
