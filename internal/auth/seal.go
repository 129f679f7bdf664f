package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Sealer encrypts the secrets the application must be able to read back
// (TOTP secrets; hashes would not do) with AES-256-GCM under the
// installation's key, so a copy of the database alone does not give them
// away. Sealed values carry a version prefix; values without it are read
// as stored in the clear by an earlier version.
type Sealer struct {
	aead cipher.AEAD
}

const sealPrefix = "v1:"

// KeySize is the length of an installation key in bytes.
const KeySize = 32

// NewSealer returns a sealer for a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secret key: %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts plain, bound to context (for example the user's id), so a
// sealed value copied to another row does not open there. A nil Sealer
// and an empty value return plain unchanged.
func (s *Sealer) Seal(plain, context string) string {
	if s == nil || plain == "" {
		return plain
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	out := s.aead.Seal(nonce, nonce, []byte(plain), []byte(context))
	return sealPrefix + base64.RawStdEncoding.EncodeToString(out)
}

// Open decrypts a value of Seal with the same context. A value without the
// prefix is returned as it is (stored in the clear before sealing began).
func (s *Sealer) Open(sealed, context string) (string, error) {
	if !strings.HasPrefix(sealed, sealPrefix) {
		return sealed, nil
	}
	if s == nil {
		return "", errors.New("a sealed secret, but no secret key is configured")
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, sealPrefix))
	if err != nil || len(raw) < s.aead.NonceSize() {
		return "", errors.New("a sealed secret is damaged")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(context))
	if err != nil {
		return "", errors.New("a sealed secret does not open with this key")
	}
	return string(plain), nil
}

// ParseKey reads a key written as base64 (as LoadOrCreateKey writes it).
func ParseKey(text string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("secret key: want %d bytes in base64", KeySize)
	}
	return key, nil
}

// LoadOrCreateKey reads the key file at path, or creates it with a new
// random key (readable by the owner only) when it does not exist.
func LoadOrCreateKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return ParseKey(string(b))
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) { // another process was first
			return LoadOrCreateKey(path)
		}
		return nil, err
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}
