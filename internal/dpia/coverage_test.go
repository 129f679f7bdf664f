package dpia

import (
	"testing"

	"privacyregister/internal/register"
)

// TestNeedOf: art. 35(1) needs a DPIA before the processing where the
// register (or a screening, via Outcome.ActivityDPIA) says so; a draft is
// under way, a decided DPIA covers it, an archived one no longer does
// (art. 35(11): the processing changed), and an unanswered or "to assess"
// activity still has to be screened (WP248).
func TestNeedOf(t *testing.T) {
	cases := []struct {
		needed register.DPIA
		states []State
		want   Need
	}{
		{register.DPIANo, nil, NeedNone},
		{register.DPIANo, []State{Decided}, NeedNone},
		{register.DPIAToAssess, nil, NeedToAssess},
		{"", nil, NeedToAssess},
		{register.DPIAYes, nil, NeedMissing},
		{register.DPIAYes, []State{Archived}, NeedMissing},
		{register.DPIAYes, []State{Draft}, NeedDraft},
		{register.DPIAYes, []State{Draft, Decided}, NeedDone},
		{register.DPIAYes, []State{Archived, Draft}, NeedDraft},
	}
	for _, c := range cases {
		if got := NeedOf(c.needed, c.states); got != c.want {
			t.Errorf("NeedOf(%q, %v) = %s, want %s", c.needed, c.states, got, c.want)
		}
	}
}

func TestCoverage(t *testing.T) {
	acts := []register.Activity{
		{ID: 1, DPIANeeded: register.DPIAYes},
		{ID: 2, DPIANeeded: register.DPIAYes},
		{ID: 3, DPIANeeded: register.DPIAYes, Status: register.StatusRetired},
		{ID: 4, DPIANeeded: register.DPIANo},
	}
	got := Coverage(acts, map[int64][]State{2: {Decided}})
	if got[NeedMissing] != 1 || got[NeedDone] != 1 || got[NeedNone] != 1 || len(got) != 3 {
		t.Errorf("coverage %v", got)
	}
	for _, n := range Needs {
		if !ValidNeed(n) || n.Label("nl") == "" {
			t.Errorf("need %s", n)
		}
	}
}
