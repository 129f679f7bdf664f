// Package auth holds users and how they prove who they are: argon2id
// passwords, TOTP two-factor codes with recovery codes, and random tokens
// for sessions and the API (stored only as hashes).
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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

// Each argon2id hash takes argonMemory (64 MiB) while it runs, so the
// number running at once is bounded: 60 parallel sign-ins once took a
// server from 170 MB to 3.85 GB. A hash waits for one of the slots; a
// sign-in that cannot get one within SlotWait is told the server is busy
// (ErrBusy) instead of queueing without end.
var (
	slotsMu sync.Mutex
	slots   = make(chan struct{}, DefaultMaxHashes())
)

// hashing counts the hashes running now; hashHook (for tests) sees the
// count each time one starts.
var (
	hashing  atomic.Int64
	hashHook = func(running int64) {}
)

// SlotWait is how long a password check waits for a free hashing slot.
var SlotWait = 3 * time.Second

// DefaultMaxHashes is the number of hashes allowed at once when nothing is
// configured: one per processor, at most 4 (4 x 64 MiB).
func DefaultMaxHashes() int { return min(max(runtime.GOMAXPROCS(0), 1), 4) }

// SetMaxHashes sets how many argon2id hashes may run at once (n >= 1). Call
// it before serving; hashes already running keep their old slots.
func SetMaxHashes(n int) {
	slotsMu.Lock()
	defer slotsMu.Unlock()
	slots = make(chan struct{}, max(n, 1))
}

// MaxHashes returns the number of hashing slots.
func MaxHashes() int {
	slotsMu.Lock()
	defer slotsMu.Unlock()
	return cap(slots)
}

// ErrBusy is returned when every hashing slot stayed taken for SlotWait.
var ErrBusy = apperr.New(apperr.TooMany, "the server is busy checking other sign-ins; try again in a few seconds")

// acquire takes a hashing slot, waiting at most wait (or without limit when
// wait is 0), and returns the function that gives it back.
func acquire(ctx context.Context, wait time.Duration) (func(), error) {
	slotsMu.Lock()
	ch := slots
	slotsMu.Unlock()
	take := func() func() {
		hashHook(hashing.Add(1))
		return func() { hashing.Add(-1); <-ch }
	}
	select {
	case ch <- struct{}{}:
		return take(), nil
	default:
	}
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case ch <- struct{}{}:
		return take(), nil
	case <-timeout:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// HashPassword returns the PHC string of an argon2id hash of pw.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	release, _ := acquire(context.Background(), 0)
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	release()
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the PHC hash. It reads the
// parameters from the hash, so stronger settings later still verify old
// hashes. It waits for a hashing slot as long as it takes; requests from
// the network use CheckPassword, which gives up after SlotWait.
func VerifyPassword(hash, pw string) bool {
	ok, _ := verify(context.Background(), 0, hash, pw)
	return ok
}

// CheckPassword is VerifyPassword for a request: it returns ErrBusy when
// no hashing slot came free within SlotWait (or ctx's error when the
// client went away first).
func CheckPassword(ctx context.Context, hash, pw string) (bool, error) {
	return verify(ctx, SlotWait, hash, pw)
}

func verify(ctx context.Context, wait time.Duration, hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, nil
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, nil
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, nil
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, nil
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, nil
	}
	release, err := acquire(ctx, wait)
	if err != nil {
		return false, err
	}
	defer release()
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when a user does not exist, so a sign-in
// for an unknown account costs as long as one with a wrong password. It
// carries today's parameters with a fixed salt and an all-zero key that no
// password produces, so it costs nothing to make: it used to be hashed at
// package init, which made every process (even "version") spend 0.4 s and
// 90 MiB.
var dummyHash = fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
	base64.RawStdEncoding.EncodeToString([]byte("privacyregister!")), base64.RawStdEncoding.EncodeToString(make([]byte, argonKeyLen)))

// BurnTime spends the time of one password verification, in a hashing
// slot like a real one, so an unknown account answers as a known one does.
func BurnTime(ctx context.Context, pw string) error {
	_, err := CheckPassword(ctx, dummyHash, pw)
	return err
}
