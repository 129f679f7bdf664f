package auth

import (
	"strings"
	"testing"
	"time"
)

func TestPasswordHashVerifies(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=1,p=4$") {
		t.Fatalf("hash %q is not argon2id with the chosen parameters", h)
	}
	if !VerifyPassword(h, "correct horse battery") {
		t.Fatal("right password rejected")
	}
	if VerifyPassword(h, "correct horse batterY") {
		t.Fatal("wrong password accepted")
	}
	h2, _ := HashPassword("correct horse battery")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x$a$b"} {
		if VerifyPassword(bad, "x") {
			t.Fatalf("malformed hash %q verified", bad)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	if err := CheckPasswordPolicy("password", "kort"); err == nil {
		t.Fatal("4 characters accepted")
	}
	if err := CheckPasswordPolicy("password", "tien tekens"); err != nil {
		t.Fatal(err)
	}
}

func TestTOTPWindow(t *testing.T) {
	secret, url, err := NewTOTP("privacyregister", "fg@bieb.nl")
	if err != nil || !strings.HasPrefix(url, "otpauth://totp/") {
		t.Fatalf("NewTOTP: %v %q", err, url)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	code, _ := TOTPCode(secret, now)
	if !CheckTOTP(secret, code, now) || !CheckTOTP(secret, code, now.Add(30*time.Second)) {
		t.Fatal("code of this or the neighbouring step rejected")
	}
	if CheckTOTP(secret, code, now.Add(2*time.Minute)) {
		t.Fatal("code two minutes old accepted")
	}
	if CheckTOTP("", code, now) {
		t.Fatal("empty secret accepted")
	}
}

func TestRecoveryCodesNormalise(t *testing.T) {
	codes := NewRecoveryCodes(10)
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 14 || NormaliseRecoveryCode(strings.ToUpper(strings.ReplaceAll(c, "-", " "))) != c {
			t.Fatalf("code %q does not survive being typed differently", c)
		}
		seen[c] = true
	}
	if len(seen) != 10 {
		t.Fatal("recovery codes repeat")
	}
}

func TestTokensAreHashedAndPrefixed(t *testing.T) {
	a, b := NewToken("pr_"), NewToken("pr_")
	if a == b || !strings.HasPrefix(a, "pr_") || len(a) < 30 {
		t.Fatalf("tokens %q %q", a, b)
	}
	again := HashToken(strings.Clone(a))
	if HashToken(a) == a || HashToken(a) != again || HashToken(a) == HashToken(b) {
		t.Fatal("token hash is not a stable one-way function")
	}
}
