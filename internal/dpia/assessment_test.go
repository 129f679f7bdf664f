package dpia

import (
	"errors"
	"testing"
	"time"

	"privacyregister/internal/apperr"
)

// TestTransitions: a draft may be decided or archived, a decided DPIA goes
// back to draft for review (art. 35(11)) or is archived, and an archived
// one is reopened as a draft before it can be decided again.
func TestTransitions(t *testing.T) {
	allowed := map[[2]State]bool{
		{Draft, Decided}: true, {Draft, Archived}: true,
		{Decided, Draft}: true, {Decided, Archived}: true,
		{Archived, Draft}: true,
	}
	for _, from := range States {
		for _, to := range States {
			err := Transition(from, to)
			want := from == to || allowed[[2]State{from, to}]
			if (err == nil) != want {
				t.Errorf("%s -> %s: %v, want allowed %v", from, to, err, want)
			}
			if err != nil && !apperr.Is(err, apperr.Conflict) {
				t.Errorf("%s -> %s: %v is not a conflict", from, to, err)
			}
		}
	}
	if Transition(Draft, "bogus") == nil {
		t.Error("move to an unknown state allowed")
	}
}

// TestPrepareDecidedNeedsDecision: a decided DPIA records the decision, who
// took it and when (art. 35(7), accountability of art. 5(2)).
func TestPrepareDecidedNeedsDecision(t *testing.T) {
	d := DPIA{Title: "Cameratoezicht", State: Decided}
	var l apperr.List
	if !errors.As(d.Prepare(), &l) {
		t.Fatal("decided without a decision accepted")
	}
	fields := map[string]bool{}
	for _, e := range l {
		fields[e.Field] = true
	}
	for _, f := range []string{"decision", "decided_by", "decided_at"} {
		if !fields[f] {
			t.Errorf("no error on %s: %v", f, l)
		}
	}
	at := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	d.Decision, d.DecidedBy, d.DecidedAt = "Doorgaan", "Directeur", &at
	if err := d.Prepare(); err != nil {
		t.Fatal(err)
	}
	if (&DPIA{Title: "x", State: "closed"}).Prepare() == nil {
		t.Error("unknown state accepted")
	}
}
