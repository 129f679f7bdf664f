package incident

import (
	"strings"
	"testing"
	"time"
)

// TestNewCaseDefaults: every door's report starts a case the same way
// (issue 12): AVG, controller unless the organisation only processes,
// timing from the start date, discovery done and inventory under way, the
// signed-in reporter as contact only when the report names none.
func TestNewCaseDefaults(t *testing.T) {
	now := time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC)
	start := now.Add(-3 * time.Hour)
	r := Report{Title: "  Laptop kwijt ", DiscoveredAt: now.Add(-time.Hour), StartedAt: &start, ActivityIDs: []int64{4},
		Reporter: Contact{Email: "melder@bieb.example"}}
	inc := NewCase(r, Door{Source: "web", UserName: "Ingelogd", UserEmail: "user@bieb.example"})
	if inc.Title != "Laptop kwijt" || inc.Regime != RegimeAVG || inc.Role != Controller || inc.Timing != OnDate ||
		inc.PhaseOf(Discover) != Done || inc.PhaseOf(Inventory) != InProgress || inc.Reporter.Email != "melder@bieb.example" || inc.Reporter.Name != "" {
		t.Errorf("web case: %+v", inc)
	}
	r.Reporter = Contact{}
	inc = NewCase(r, Door{Source: "intake", Anonymous: true, ActsOnlyAsProcessor: true})
	if inc.ActivityIDs != nil || inc.Role != Processor {
		t.Errorf("intake case of a processor: %+v", inc)
	}
	if err := ValidateReport(&inc, now); err == nil || !strings.Contains(err.Error(), "call you back") {
		t.Errorf("a report without any contact: %v", err)
	}
	inc = NewCase(r, Door{Source: "api", UserEmail: "api@bieb.example"})
	if inc.Reporter.Name != "api@bieb.example" || inc.Reporter.Email != "api@bieb.example" {
		t.Errorf("API reporter without a name: %+v", inc.Reporter)
	}
	if err := ValidateReport(&inc, now); err != nil {
		t.Errorf("valid report: %v", err)
	}
}
