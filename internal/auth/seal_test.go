package auth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpens(t *testing.T) {
	key := bytes.Repeat([]byte{7}, KeySize)
	s, err := NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "JBSWY3DPEHPK3PXP"
	sealed := s.Seal(secret, "user:1")
	if !strings.HasPrefix(sealed, "v1:") || strings.Contains(sealed, secret) {
		t.Fatalf("sealed value %q shows the secret or lacks the version", sealed)
	}
	if s.Seal(secret, "user:1") == sealed {
		t.Error("two seals of one secret are equal: the nonce is not fresh")
	}
	if got, err := s.Open(sealed, "user:1"); err != nil || got != secret {
		t.Errorf("open: %q %v", got, err)
	}
	if _, err := s.Open(sealed, "user:2"); err == nil {
		t.Error("a secret sealed for user 1 opens as user 2's")
	}
	other, _ := NewSealer(bytes.Repeat([]byte{8}, KeySize))
	if _, err := other.Open(sealed, "user:1"); err == nil {
		t.Error("a secret opens with another key")
	}
	var none *Sealer
	if _, err := none.Open(sealed, "user:1"); err == nil {
		t.Error("a sealed secret opens without a key")
	}
	if got, _ := s.Open(secret, "user:1"); got != secret {
		t.Errorf("a secret stored in the clear before sealing began: %q", got)
	}
	if _, err := NewSealer([]byte("short")); err == nil {
		t.Error("a 5-byte key accepted")
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "secret.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil || len(k1) != KeySize {
		t.Fatalf("create: %v %d", err, len(k1))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode: %v %v", fi.Mode(), err)
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Errorf("the second load gives another key: %v", err)
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil {
		t.Error("a damaged key file accepted")
	}
}
