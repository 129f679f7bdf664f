package register

import "testing"

// TestGapRules states each rule of art. 30(1) completeness: what counts as
// a purpose (b), a lawful basis (art. 6(1)), an erasure time limit (f)
// and an owner, and that retired activities have no gaps.
func TestGapRules(t *testing.T) {
	full := Activity{Name: "Ledenadministratie", Owner: "RH", Status: StatusEstablished,
		Purposes:  []Purpose{{Description: "Uitlenen", LawfulBasis: "b"}},
		Retention: Retention{Amount: 2, Unit: Years}}
	for _, g := range GapKinds {
		if g.In(&full) {
			t.Errorf("a complete activity has gap %s", g)
		}
	}
	cases := []struct {
		name string
		gap  Gap
		edit func(a *Activity)
		want bool
	}{
		{"no purposes", GapPurpose, func(a *Activity) { a.Purposes = nil }, true},
		{"a purpose of blanks only", GapPurpose, func(a *Activity) { a.Purposes = []Purpose{{Description: "  ", LawfulBasis: "b"}} }, true},
		{"a basis without description still lacks a purpose", GapPurpose, func(a *Activity) { a.Purposes = []Purpose{{LawfulBasis: "c"}} }, true},
		{"a purpose without basis", GapBasis, func(a *Activity) { a.Purposes = []Purpose{{Description: "Nieuwsbrief"}} }, true},
		{"one of two purposes with a basis is enough", GapBasis, func(a *Activity) {
			a.Purposes = []Purpose{{Description: "x"}, {Description: "y", LawfulBasis: "a"}}
		}, false},
		{"no retention anywhere", GapRetention, func(a *Activity) { a.Retention = Retention{} }, true},
		{"retention per data category", GapRetention, func(a *Activity) {
			a.Retention = Retention{}
			a.DataCategories = []DataCategory{{Name: "NAW", Retention: Retention{Amount: 7, Unit: Years}}}
		}, false},
		{"retention as a rule in words", GapRetention, func(a *Activity) { a.Retention = Retention{Text: "tot einde lidmaatschap"} }, false},
		{"retention 'nvt' is none", GapRetention, func(a *Activity) { a.Retention = Retention{Text: "nvt"} }, true},
		{"retention 'n.b.' is unknown", GapRetention, func(a *Activity) { a.Retention = Retention{Text: "n.b."} }, true},
		{"owner blank", GapOwner, func(a *Activity) { a.Owner = " " }, true},
		{"retired activity has no gap", GapOwner, func(a *Activity) { a.Owner, a.Status = "", StatusRetired }, false},
	}
	for _, c := range cases {
		a := full
		c.edit(&a)
		if got := c.gap.In(&a); got != c.want {
			t.Errorf("%s: %s.In = %v, want %v", c.name, c.gap, got, c.want)
		}
	}
}

func TestCompletenessOf(t *testing.T) {
	acts := []Activity{
		{Name: "a", Owner: "x", Purposes: []Purpose{{Description: "d", LawfulBasis: "b"}}, Retention: Retention{Amount: 1, Unit: Years}},
		{Name: "b", Purposes: []Purpose{{Description: "d"}}},
		{Name: "c", Status: StatusRetired},
	}
	c := CompletenessOf(acts)
	if c.Activities != 2 || c.Complete != 1 {
		t.Errorf("activities %d complete %d, want 2 and 1", c.Activities, c.Complete)
	}
	want := map[Gap]int{GapPurpose: 0, GapBasis: 1, GapRetention: 1, GapOwner: 1}
	for g, n := range want {
		if c.Missing[g] != n {
			t.Errorf("%s: %d, want %d", g, c.Missing[g], n)
		}
	}
}

// TestProcessors: one row per processor (names compared without case or
// extra spaces); a signed agreement recorded on any activity covers the
// processor (art. 28(3): the agreement binds the processor, not one
// activity); "not needed" is covered too; retired activities do not count.
func TestProcessors(t *testing.T) {
	acts := []Activity{
		{Name: "1", Processors: []ProcessorRef{{Name: "ProBiblio", AgreementStatus: AgreementNone}, {Name: "Mailchimp", AgreementStatus: AgreementDraftSent}}},
		{Name: "2", Processors: []ProcessorRef{{Name: "probiblio ", AgreementStatus: AgreementSigned}, {Name: "POB", AgreementStatus: AgreementNotNeeded}}},
		{Name: "3", Processors: []ProcessorRef{{Name: "Oud", AgreementStatus: AgreementNone}}, Status: StatusRetired},
		{Name: "4", Processors: []ProcessorRef{{Name: "Mailchimp"}}},
	}
	ps := Processors(acts)
	got := map[string]Processor{}
	for _, p := range ps {
		got[p.Name] = p
	}
	if len(ps) != 3 {
		t.Fatalf("got %d processors, want 3: %+v", len(ps), ps)
	}
	if p := got["ProBiblio"]; p.Status != AgreementSigned || p.Activities != 2 {
		t.Errorf("ProBiblio: %+v", p)
	}
	if p := got["Mailchimp"]; p.Status != AgreementDraftSent || p.Activities != 2 {
		t.Errorf("Mailchimp: %+v", p)
	}
	un := Uncovered(ps)
	if len(un) != 1 || un[0].Name != "Mailchimp" {
		t.Errorf("uncovered: %+v", un)
	}
}
