package incident

import (
	"errors"
	"testing"
	"time"

	"privacyregister/internal/apperr"
)

var now = ams(2026, time.June, 10, 12, 0)

func tp(t time.Time) *time.Time { return &t }

// valid is a complete, consistent case: a mis-sent newsletter.
func valid() Incident {
	aware := ams(2026, time.June, 8, 14, 0)
	return Incident{
		Dossier: "2026-007", Title: "Nieuwsbrief met zichtbare adressen", Regime: RegimeAVG, Role: Controller,
		Timing: OnDate, StartedAt: tp(ams(2026, time.June, 8, 9, 0)), DiscoveredAt: ams(2026, time.June, 8, 10, 0),
		AwareAt: &aware, NotifiedAuthorityAt: tp(aware.Add(20 * time.Hour)),
		Properties: []Property{Confidentiality}, Natures: []Nature{Reading},
		DataTypes: []DataType{NameAddress, EmailAddress}, People: Range{3000, 3000},
		Protection: Unprotected, International: No, SubjectsInformed: InformedNo,
		Measures: []Measure{{Kind: Immediate, Description: "Recall requested"}},
		Phases:   map[Phase]PhaseState{Discover: Done, Qualify: Done, Notify: Done},
	}
}

func fields(err error) map[string]bool {
	out := map[string]bool{}
	var l apperr.List
	if errors.As(err, &l) {
		for _, e := range l {
			if e.Code != apperr.Invalid {
				out["!code "+string(e.Code)] = true
			}
			out[e.Field] = true
		}
	}
	return out
}

func TestValidateAcceptsCompleteCase(t *testing.T) {
	inc := valid()
	if err := Validate(&inc, now); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRejects(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(*Incident)
		field string
	}{
		{"no title", func(i *Incident) { i.Title = " " }, "title"},
		{"bad dossier number", func(i *Incident) { i.Dossier = "7" }, "dossier"},
		{"period ends before it starts", func(i *Incident) {
			i.Timing, i.EndedAt = Period, tp(i.StartedAt.Add(-time.Hour))
		}, "ended_at"},
		{"period without end and not ongoing", func(i *Incident) { i.Timing = Period }, "ended_at"},
		{"ongoing breach with an end", func(i *Incident) { i.Ongoing, i.EndedAt = true, tp(*i.StartedAt) }, "ended_at"},
		{"breach starts after its discovery", func(i *Incident) { i.StartedAt = tp(i.DiscoveredAt.Add(time.Hour)) }, "started_at"},
		{"on a date without the date", func(i *Incident) { i.StartedAt = nil }, "started_at"},
		{"negative number of people", func(i *Incident) { i.People = Range{-1, 10} }, "people.min"},
		{"negative maximum of records", func(i *Incident) { i.Records = Range{0, -5} }, "records.max"},
		{"minimum above maximum", func(i *Incident) { i.People = Range{300, 30} }, "people.min"},
		{"discovered in the future", func(i *Incident) { i.DiscoveredAt = now.Add(time.Hour) }, "discovered_at"},
		{"no discovery time", func(i *Incident) { i.DiscoveredAt = time.Time{} }, "discovered_at"},
		{"aware before discovery", func(i *Incident) { i.AwareAt = tp(i.DiscoveredAt.Add(-time.Minute)) }, "aware_at"},
		{"aware in the future", func(i *Incident) { i.AwareAt = tp(now.Add(time.Minute)); i.NotifiedAuthorityAt = nil }, "aware_at"},
		{"notified before aware", func(i *Incident) { i.NotifiedAuthorityAt = tp(i.AwareAt.Add(-time.Minute)) }, "notified_authority_at"},
		{"art. 33(1): notified 80 h after awareness without reasons", func(i *Incident) {
			i.NotifiedAuthorityAt = tp(*i.AwareAt)
			i.AwareAt = tp(i.AwareAt.Add(-80 * time.Hour))
			i.DiscoveredAt = *i.AwareAt
			i.StartedAt = tp(i.DiscoveredAt)
		}, "late_reason"},
		{"unknown nature", func(i *Incident) { i.Natures = []Nature{"leaking"} }, "natures[0]"},
		{"unknown data type", func(i *Incident) { i.DataTypes = append(i.DataTypes, "dna") }, "data_types[2]"},
		{"other data without saying which", func(i *Incident) { i.DataTypes = append(i.DataTypes, OtherData) }, "data_other"},
		{"other consequence without saying which", func(i *Incident) { i.Consequences = []Consequence{OtherConsequence} }, "consequence_other"},
		{"partly protected without how", func(i *Incident) { i.Protection = PartProtected }, "protection_how"},
		{"special categories without the data type", func(i *Incident) { i.SpecialCategories = []Special{Health} }, "data_types"},
		{"unknown role", func(i *Incident) { i.Role = "owner" }, "role"},
		{"measure without description", func(i *Incident) { i.Measures[0].Description = "" }, "measures[0].description"},
		{"archived while repair is open", func(i *Incident) { i.Phases[Archive] = Done }, "phases.archive"},
		{"notification finished before qualification", func(i *Incident) { i.Phases[Qualify] = InProgress }, "phases.notify"},
	} {
		t.Run(c.name, func(t *testing.T) {
			inc := valid()
			inc.Measures = append([]Measure(nil), inc.Measures...)
			c.edit(&inc)
			got := fields(Validate(&inc, now))
			if !got[c.field] {
				t.Fatalf("want an error on %q, got %v", c.field, got)
			}
		})
	}
}

// The 72 hours may be exceeded with reasons (art. 33(1)).
func TestValidateLateWithReason(t *testing.T) {
	inc := valid()
	inc.AwareAt = tp(inc.DiscoveredAt)
	inc.NotifiedAuthorityAt = tp(inc.AwareAt.Add(80 * time.Hour))
	inc.LateReason = "Onderzoek door externe forensisch specialist"
	if err := Validate(&inc, inc.AwareAt.Add(100*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// Seed 003: phases 1 to 4 run in parallel; notification waits for the
// qualification, archiving for everything.
func TestSetPhase(t *testing.T) {
	var inc Incident
	for _, p := range []Phase{Discover, Inventory, Qualify, Repair} {
		if err := inc.SetPhase(p, InProgress); err != nil {
			t.Fatalf("%s in parallel: %v", p, err)
		}
	}
	if err := inc.SetPhase(Notify, InProgress); err != nil {
		t.Fatalf("notify may start while qualifying: %v", err)
	}
	if err := inc.SetPhase(Notify, Done); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("notify done before qualify done: %v", err)
	}
	for _, p := range []Phase{Discover, Inventory, Qualify, Repair} {
		inc.SetPhase(p, Done)
	}
	if err := inc.SetPhase(Archive, InProgress); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("archive with notify open: %v", err)
	}
	if err := inc.SetPhase(Notify, Done); err != nil {
		t.Fatal(err)
	}
	if err := inc.SetPhase(Archive, Done); err != nil {
		t.Fatal(err)
	}
	if err := inc.SetPhase("celebrate", Done); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("unknown phase: %v", err)
	}
}

func TestDossier(t *testing.T) {
	if got := FormatDossier(2026, 7); got != "2026-007" {
		t.Fatalf("FormatDossier = %q", got)
	}
	if got := FormatDossier(2026, 1234); got != "2026-1234" {
		t.Fatalf("FormatDossier = %q", got)
	}
	y, n, err := ParseDossier("2026-007")
	if err != nil || y != 2026 || n != 7 {
		t.Fatalf("ParseDossier = %d %d %v", y, n, err)
	}
	for _, bad := range []string{"", "2026", "26-007", "2026-7", "2026-000", "abcd-001"} {
		if _, _, err := ParseDossier(bad); err == nil {
			t.Errorf("ParseDossier(%q) should fail", bad)
		}
	}
}
