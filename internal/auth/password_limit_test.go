package auth

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/apperr"
)

// initAllocEnv makes the test binary report what package init allocated
// and exit, before any test runs.
const initAllocEnv = "AUTH_TEST_REPORT_INIT_ALLOC"

func TestMain(m *testing.M) {
	if os.Getenv(initAllocEnv) == "1" {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Println(ms.TotalAlloc)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestNoHashAtInit: loading the package (every command, even "version")
// must not run a 64 MiB argon2id hash, as the dummy hash once did.
func TestNoHashAtInit(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), initAllocEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		t.Fatalf("child said %q", out)
	}
	if n > 8<<20 {
		t.Fatalf("package init allocated %d MiB; a password hash runs at start", n>>20)
	}
}

// TestDummyHashLikeReal: the hash an unknown account is checked against has
// the parameters of a real one (so it costs the same) and matches nothing.
func TestDummyHashLikeReal(t *testing.T) {
	real, err := HashPassword("x")
	if err != nil {
		t.Fatal(err)
	}
	params := func(h string) string { return strings.Join(strings.Split(h, "$")[:4], "$") }
	if params(dummyHash) != params(real) {
		t.Fatalf("dummy hash %q, real hash %q: parameters differ", params(dummyHash), params(real))
	}
	for _, pw := range []string{"", "x", "not a real password, only for timing"} {
		if VerifyPassword(dummyHash, pw) {
			t.Fatalf("%q matches the dummy hash", pw)
		}
	}
	if err := BurnTime(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
}

func setSlots(t *testing.T, n int, wait time.Duration) {
	old, oldWait := MaxHashes(), SlotWait
	SetMaxHashes(n)
	SlotWait = wait
	t.Cleanup(func() { SetMaxHashes(old); SlotWait = oldWait; hashHook = func(int64) {} })
}

// TestHashesBounded: however many checks run in parallel, no more than the
// slots hash at once (64 MiB each).
func TestHashesBounded(t *testing.T) {
	setSlots(t, 2, time.Minute)
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var peak int64
	hashHook = func(n int64) {
		mu.Lock()
		peak = max(peak, n)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := CheckPassword(context.Background(), h, "correct horse battery"); !ok || err != nil {
				t.Errorf("check: %v %v", ok, err)
			}
		}()
	}
	wg.Wait()
	if peak > 2 {
		t.Fatalf("%d hashes ran at once, want at most 2", peak)
	}
}

// TestBusyWhenNoSlot: a check that cannot get a slot in time says the
// server is busy (429) instead of waiting without end.
func TestBusyWhenNoSlot(t *testing.T) {
	setSlots(t, 1, 20*time.Millisecond)
	release, err := acquire(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = CheckPassword(context.Background(), dummyHash, "x")
	if !errors.Is(err, ErrBusy) || apperr.HTTPStatus(err) != 429 {
		t.Fatalf("with every slot taken: %v, want ErrBusy (429)", err)
	}
	release()
	if _, err := CheckPassword(context.Background(), dummyHash, "x"); err != nil {
		t.Fatalf("with a free slot: %v", err)
	}
}
