package statement

import (
	"slices"
	"testing"

	"privacyregister/internal/i18n"
	"privacyregister/internal/register"
)

// TestProposed: the public sees the library's external processing
// (members, visitors) and not its HR and payroll, which the staff notice
// covers; without a domain the subjects decide.
func TestProposed(t *testing.T) {
	cases := []struct {
		a    register.Activity
		want bool
	}{
		{register.Activity{Name: "Ledenadministratie", Domain: "Extern"}, true},
		{register.Activity{Name: "Loonadministratie", Domain: "Intern"}, false},
		{register.Activity{Name: "Loonadministratie", Domain: " intern ", SubjectCategories: []string{"leden"}}, false},
		{register.Activity{Name: "Website", Domain: "external"}, true},
		{register.Activity{Name: "Ledenadministratie", Domain: "Extern", Status: register.StatusRetired}, false},
		{register.Activity{Name: "Uitlenen", SubjectCategories: []string{"Leden"}}, true},
		{register.Activity{Name: "Camera", SubjectCategories: []string{"Bezoekers van de bibliotheek"}}, true},
		{register.Activity{Name: "Webshop", SubjectCategories: []string{"customers"}}, true},
		{register.Activity{Name: "Leerlingvolgsysteem", SubjectCategories: []string{"Leerlingen", "ouders"}}, true},
		{register.Activity{Name: "Verzuim", SubjectCategories: []string{"medewerkers"}}, false},
		{register.Activity{Name: "Onbekend"}, false},
	}
	for _, c := range cases {
		if got := Proposed(c.a); got != c.want {
			t.Errorf("Proposed(%s, domain %q, subjects %v) = %v, want %v", c.a.Name, c.a.Domain, c.a.SubjectCategories, got, c.want)
		}
	}
}

// TestDemoRegisterProposal: of the demo library's register the HR
// activities (1.1.x) are left out and the public services (2.2.x) shown.
func TestDemoRegisterProposal(t *testing.T) {
	for _, a := range register.DemoActivities() {
		want := a.Code[0] == '2'
		if Proposed(a) != want {
			t.Errorf("%s %s: proposed %v", a.Code, a.Name, !want)
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	for _, s := range []string{"", " ", "proc.", "nvt", "NVT", "n.v.t.", "n.b.", "?", "-", "onbekend"} {
		if !IsPlaceholder(s) {
			t.Errorf("%q is a placeholder", s)
		}
	}
	for _, s := range []string{"2 jaar", "Bibliotheek.nl", "procedure"} {
		if IsPlaceholder(s) {
			t.Errorf("%q is not a placeholder", s)
		}
	}
}

func complete() Statement {
	return Statement{
		Controller: Controller{Name: "Bibliotheek IJsselstein", Address: "Overtoom 1, IJsselstein", DPOEmail: "fg@bieb.example"},
		Entries: []Entry{{ActivityID: 7, Activity: "Ledenadministratie", Purpose: "Wij houden bij wie lid is om boeken uit te lenen.",
			Bases: []register.LawfulBasis{"b"}, Data: []string{"NAW"}, Recipients: []string{"BiSC"}, Retention: "2 jaar na einde lidmaatschap",
			Transfers: []register.Transfer{{Country: "US", Safeguard: "DPF-certificering"}}}},
		Rights:    []string{"inzage (art. 15)"},
		Complaint: true,
	}
}

func keys(gs []Gap) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Key+" "+g.Article)
	}
	return out
}

// TestCheckComplete: a statement saying all that art. 13 asks has no gap.
func TestCheckComplete(t *testing.T) {
	if gaps := Check(complete()); len(gaps) != 0 {
		t.Errorf("gaps in a complete statement: %v", keys(gaps))
	}
}

// TestCheckEachArticle: taking away each element of arts. 13(1)(a)-(f),
// 13(2)(a), (b), (d) and 14(1)(d) gives exactly the gap of its article.
func TestCheckEachArticle(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Statement)
		want string
	}{
		{"art. 13(1)(a) identity", func(s *Statement) { s.Controller.Name = "" }, "controller 13(1)(a)"},
		{"art. 13(1)(a) contact", func(s *Statement) { s.Controller.Address = "n.b." }, "contact 13(1)(a)"},
		{"art. 13(1)(b) DPO", func(s *Statement) { s.Controller.DPOEmail = "nvt" }, "dpo 13(1)(b)"},
		{"art. 13(1)(c) purpose", func(s *Statement) { s.Entries[0].Purpose = "?" }, "purpose:7 13(1)(c)"},
		{"art. 13(1)(c) lawful basis", func(s *Statement) { s.Entries[0].Bases = nil }, "basis:7 13(1)(c)"},
		{"art. 13(1)(c) no activity", func(s *Statement) { s.Entries = nil }, "activities 13(1)(c)"},
		{"art. 13(1)(e) recipients", func(s *Statement) { s.Entries[0].Recipients = []string{"nvt"} }, "recipients:7 13(1)(e)"},
		{"art. 13(1)(f) transfer safeguard", func(s *Statement) { s.Entries[0].Transfers[0].Safeguard = "n.v.t." }, "transfer:7 13(1)(f)"},
		{"art. 13(1)(f) transfer without country", func(s *Statement) { s.Entries[0].Transfers, s.Entries[0].LeavesEEA = nil, true }, "transfer-country:7 13(1)(f)"},
		{"art. 13(2)(a) retention", func(s *Statement) { s.Entries[0].Retention = "proc." }, "retention:7 13(2)(a)"},
		{"art. 13(2)(b) rights", func(s *Statement) { s.Rights = nil }, "rights 13(2)(b)"},
		{"art. 13(2)(d) complaint to the AP", func(s *Statement) { s.Complaint = false }, "complaint 13(2)(d)"},
		{"art. 14(1)(d) categories of data", func(s *Statement) { s.Entries[0].Data = nil }, "data:7 14(1)(d)"},
	}
	for _, c := range cases {
		st := complete()
		c.edit(&st)
		if got := keys(Check(st)); !slices.Equal(got, []string{c.want}) {
			t.Errorf("%s: gaps %v, want [%s]", c.name, got, c.want)
		}
	}
}

// TestCheckAdequateCountry: a transfer to Switzerland (adequacy decision,
// art. 45) needs no safeguard stated; one to India (third country) does.
func TestCheckAdequateCountry(t *testing.T) {
	st := complete()
	st.Entries[0].Transfers = []register.Transfer{{Country: "CH"}}
	if gaps := Check(st); len(gaps) != 0 {
		t.Errorf("Switzerland: %v", keys(gaps))
	}
	st.Entries[0].Transfers = []register.Transfer{{Country: "IN"}}
	if got := keys(Check(st)); !slices.Equal(got, []string{"transfer:7 13(1)(f)"}) {
		t.Errorf("India: %v", got)
	}
}

func TestOpen(t *testing.T) {
	st := complete()
	st.Controller.DPOEmail, st.Entries[0].Retention = "", ""
	open := Open(Check(st), map[string]bool{"dpo": true})
	if got := keys(open); !slices.Equal(got, []string{"retention:7 13(2)(a)"}) {
		t.Errorf("open gaps: %v", got)
	}
}

func TestProposedPurposeAndBases(t *testing.T) {
	a := register.Activity{Purposes: []register.Purpose{{Description: "Uitlenen", LawfulBasis: "b"}, {Description: "nvt", LawfulBasis: "B"}, {Description: "Nieuwsbrief", LawfulBasis: "a"}}}
	if got := ProposedPurpose(a); got != "Uitlenen; Nieuwsbrief" {
		t.Errorf("purpose %q", got)
	}
	if got := Bases(a); !slices.Equal(got, []register.LawfulBasis{"b", "a"}) {
		t.Errorf("bases %v", got)
	}
	if got := Retention(register.Activity{Retention: register.Retention{Text: "proc."}}, "nl"); got != "" {
		t.Errorf("retention of proc.: %q", got)
	}
}

func TestMessagesHaveDutch(t *testing.T) {
	for _, m := range Messages {
		if !i18n.Has("nl", m) {
			t.Errorf("no Dutch for %q", m)
		}
	}
}
