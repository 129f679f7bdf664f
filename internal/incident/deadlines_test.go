package incident

import (
	"testing"
	"time"

	"privacyregister/internal/deadline"
)

func ams(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, deadline.Amsterdam)
}

// Art. 33(1): 72 hours, counted in real time across the end of summer time.
func TestAuthorityDeadline(t *testing.T) {
	got := AuthorityDeadline(ams(2026, time.October, 24, 21, 30))
	if want := ams(2026, time.October, 27, 20, 30); !got.Equal(want) {
		t.Fatalf("AuthorityDeadline = %v, want %v", got.In(deadline.Amsterdam), want)
	}
}

// Art. 33(1) second sentence: a notification 80 hours after awareness must
// give reasons for the delay; one at exactly 72 hours need not.
func TestLateReasonRequired(t *testing.T) {
	aware := ams(2026, time.March, 2, 9, 0)
	if !LateReasonRequired(aware.Add(80*time.Hour), aware) {
		t.Error("80 hours late needs a reason")
	}
	if LateReasonRequired(aware.Add(72*time.Hour), aware) {
		t.Error("at 72 hours no reason is needed")
	}
}

// Processor agreements of the seeds: ProBiblio 72 h (seed 000), NOA 48 h
// after first discovery (seed 001 art. 6.1), ICTeam "onverwijld" (seed
// 002), and NOA's sub-processors 24 h (seed 001 art. 6.4).
func TestControllerDeadline(t *testing.T) {
	found := ams(2026, time.June, 1, 10, 0)
	h := func(n int) *int { return &n }
	for _, c := range []struct {
		name   string
		hours  *int
		target int
		want   time.Duration
	}{
		{"seed 000 ProBiblio: 72 hours", h(72), 12, 72 * time.Hour},
		{"seed 001 NOA: 48 hours after first discovery", h(48), 12, 48 * time.Hour},
		{"seed 001 NOA sub-processors: 24 hours", h(24), 12, 24 * time.Hour},
		{"seed 002 ICTeam: onverwijld, the organisation's target of 12 hours", nil, 12, 12 * time.Hour},
		{"onverwijld and no target set: 24 hours", nil, 0, DefaultWithoutDelayHours * time.Hour},
	} {
		if got := ControllerDeadline(found, c.hours, c.target); got.Sub(found) != c.want {
			t.Errorf("%s: %v after, want %v", c.name, got.Sub(found), c.want)
		}
	}
}

// Seed 001: NOA must tell its customer within 48 hours of first discovery.
func TestProcessorKeptDeadline(t *testing.T) {
	found := ams(2026, time.June, 1, 10, 0)
	if !ProcessorKeptDeadline(found, found.Add(47*time.Hour), 48) {
		t.Error("told after 47 h: kept the 48 h")
	}
	if ProcessorKeptDeadline(found, found.Add(49*time.Hour), 48) {
		t.Error("told after 49 h: broke the 48 h")
	}
	// "Onverwijld" (seed 002) is judged against 24 hours.
	if ProcessorKeptDeadline(found, found.Add(30*time.Hour), 0) {
		t.Error("told after 30 h under onverwijld: late")
	}
	// Our own 72 hours start when the processor tells us.
	told := found.Add(47 * time.Hour)
	if got := AuthorityDeadline(told); got.Sub(found) != 119*time.Hour {
		t.Errorf("AP deadline %v after discovery by the processor, want 119h", got.Sub(found))
	}
}
