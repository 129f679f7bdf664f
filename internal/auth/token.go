package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewToken returns a random token with 160 bits of entropy and a prefix
// saying what it is for ("pr_" for API tokens), so leaked tokens can be
// recognised by secret scanners.
func NewToken(prefix string) string {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return prefix + strings.ToLower(b32.EncodeToString(b))
}

// HashToken is how tokens are stored: a leaked database does not give
// working sessions or API tokens. SHA-256 suffices for random tokens.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewPassword returns a random one-time password for a new or reset user.
func NewPassword() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return strings.ToLower(b32.EncodeToString(b))
}
