package register

import (
	"strings"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
)

func fields(err error) map[string]bool {
	m := map[string]bool{}
	if l, ok := err.(apperr.List); ok {
		for _, e := range l {
			m[e.Field] = true
		}
	}
	return m
}

func TestValidate(t *testing.T) {
	yes := true
	good := Activity{
		Name: "Ledenadministratie", Status: StatusEstablished,
		Purposes:         []Purpose{{Description: "Uitlenen", LawfulBasis: "b"}},
		DataCategories:   []DataCategory{{Name: "NAW", Kind: KindOrdinary, Retention: Retention{2, Years, "einde lidmaatschap", ""}}},
		Processors:       []ProcessorRef{{Name: "ProBiblio", AgreementStatus: AgreementSigned}},
		Transfers:        []Transfer{{Country: "Zwitserland"}},
		RiskAnalysisDone: &yes,
	}
	if err := Validate(&good); err != nil {
		t.Fatalf("valid activity: %v", err)
	}
	if good.Transfers[0].Country != "CH" || good.Transfers[0].Class != country.Adequate {
		t.Errorf("Validate must fill the ISO code and class: %+v", good.Transfers[0])
	}

	bad := Activity{
		Status:         "bogus",
		Purposes:       []Purpose{{Description: "x", LawfulBasis: "g", SpecialException: "k"}},
		DataCategories: []DataCategory{{Name: "Gezondheid", Kind: KindSpecial, Retention: Retention{Amount: -1, Unit: Years}}},
		Transfers:      []Transfer{{Country: "IN"}, {Country: "US"}, {Country: "DE"}},
		Processors:     []ProcessorRef{{Name: "", AgreementStatus: "maybe"}},
		DPIANeeded:     "perhaps",
	}
	got := fields(Validate(&bad))
	for _, f := range []string{
		"name", "status", "dpia_needed",
		"purposes[0].lawful_basis", "purposes[0].special_exception",
		"data_categories[0].retention.amount",
		"purposes",               // special data without a valid art. 9(2) exception
		"transfers[0].safeguard", // India: third country
		"transfers[1].safeguard", // US: adequate only for DPF-certified recipients
		"processors[0].name", "processors[0].agreement_status",
	} {
		if !got[f] {
			t.Errorf("Validate did not flag %s; got %v", f, got)
		}
	}
	if got["transfers[2].safeguard"] {
		t.Error("a transfer inside the EEA needs no safeguard")
	}
}

func TestSpecialDataNeedsException(t *testing.T) {
	a := Activity{Name: "Taalhuis", DataCategories: []DataCategory{{Name: "Gezondheid", Kind: KindSpecial}},
		Purposes: []Purpose{{Description: "Begeleiding", LawfulBasis: "a"}}}
	if !fields(Validate(&a))["purposes"] {
		t.Fatal("art. 9(1): special data without an art. 9(2) exception must be refused")
	}
	a.Purposes[0].SpecialException = "a" // explicit consent
	if err := Validate(&a); err != nil {
		t.Fatalf("with explicit consent (9(2)(a)): %v", err)
	}
}

func TestStatusTransitions(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a := Activity{Name: "Verzuim", Status: StatusConcept}
	if err := SetStatus(&a, StatusEstablished, now); err == nil || a.Status != StatusConcept {
		t.Fatalf("an activity without a lawful basis cannot be established: %v %s", err, a.Status)
	}
	a.Purposes = []Purpose{{Description: "Verzuimbegeleiding", LawfulBasis: "c"}}
	if err := SetStatus(&a, StatusEstablished, now); err != nil || a.Status != StatusEstablished || !a.UpdatedAt.Equal(now) {
		t.Fatalf("establish: %v %+v", err, a)
	}
	if err := Retire(&a, now); err != nil || a.Status != StatusRetired {
		t.Fatalf("retire: %v", err)
	}
	if err := Retire(&a, now); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("retiring twice must conflict: %v", err)
	}
	if err := SetStatus(&a, StatusEstablished, now); err == nil {
		t.Fatal("a retired activity reopens as a concept, not straight to established")
	}
	if err := SetStatus(&a, StatusConcept, now); err != nil {
		t.Fatal(err)
	}
}

// Art. 30(5): fewer than 250 employees exempts only when the processing is
// occasional, unlikely to result in a risk, and without art. 9 or 10 data.
// Any one ground removes the exemption.
func TestExemption(t *testing.T) {
	occasional := Activity{Name: "Jubileumfeest", Occasional: true, DPIANeeded: DPIANo}
	if r := Exemption([]Activity{occasional}, 40); !r.MayApply || len(r.Reasons) != 0 || r.Summary() != MsgMayBeExempt {
		t.Fatalf("small organisation, occasional harmless processing: %+v", r)
	}
	if r := Exemption([]Activity{occasional}, 250); r.MayApply || r.Reasons[0].Msg != MsgTooManyEmployees {
		t.Fatalf("250 employees is not fewer than 250: %+v", r)
	}
	cases := map[string]struct {
		a   Activity
		msg string
	}{
		"not occasional": {Activity{Name: "Salaris"}, MsgNotOccasional},
		"likely risk":    {Activity{Name: "Camera", Occasional: true, DPIANeeded: DPIAYes}, MsgLikelyRisk},
		"unassessed":     {Activity{Name: "Nieuw", Occasional: true, DPIANeeded: DPIAToAssess}, MsgLikelyRisk},
		// "likely to result in a risk", not only a high one: no DPIA needed,
		// yet BSNs or a transfer to a third country remove the exemption.
		"BSN, no DPIA":      {Activity{Name: "Declaraties", Occasional: true, DPIANeeded: DPIANo, DataCategories: []DataCategory{{Name: "BSN", Kind: KindBSN}}}, MsgLikelyRisk},
		"transfer, no DPIA": {Activity{Name: "Enquête", Occasional: true, DPIANeeded: DPIANo, Transfers: []Transfer{{Country: "IN"}}}, MsgLikelyRisk},
		"special data":      {Activity{Name: "Verzuim", Occasional: true, DataCategories: []DataCategory{{Name: "Gezondheid", Kind: KindSpecial}}}, MsgSpecialData},
		"criminal data":     {Activity{Name: "VOG", Occasional: true, DataCategories: []DataCategory{{Name: "Strafblad", Kind: KindCriminal}}}, MsgCriminalData},
	}
	for name, c := range cases {
		r := Exemption([]Activity{occasional, c.a}, 10)
		if r.MayApply || len(r.Reasons) != 1 || r.Reasons[0].Msg != c.msg || r.Reasons[0].Activities[0] != c.a.Name {
			t.Errorf("%s must remove the exemption with %q: %+v", name, c.msg, r)
		}
		if r.Summary() != MsgNotExempt {
			t.Errorf("%s: summary %q", name, r.Summary())
		}
	}
	retired := Activity{Name: "Oud", Status: StatusRetired}
	if r := Exemption([]Activity{occasional, retired}, 10); !r.MayApply {
		t.Error("retired activities are no longer carried out and do not count")
	}
	// The demo library: 26 regular activities, three with special data.
	r := Exemption(DemoActivities(), 60)
	if r.MayApply || r.Reasons[0].Args[0] != 26 {
		t.Errorf("demo library: %+v", r)
	}
}

func TestNextReview(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 9, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		last   time.Time
		months int
		want   time.Time
	}{
		{d(2026, 1, 15), 3, d(2026, 4, 15)},
		{d(2026, 11, 30), 3, d(2027, 2, 28)}, // no 30 February: last day
		{d(2027, 11, 30), 3, d(2028, 2, 29)}, // leap year
		{d(2026, 1, 31), 1, d(2026, 2, 28)},
		{d(2026, 5, 31), 12, d(2027, 5, 31)},
		{d(2026, 5, 31), 0, d(2026, 8, 31)}, // default cadence: quarterly
	} {
		if got := NextReview(c.last, c.months); !got.Equal(c.want) {
			t.Errorf("NextReview(%s, %d) = %s, want %s", c.last.Format("2006-01-02"), c.months, got, c.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	next := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	if !Overdue(Activity{}, now) {
		t.Error("never reviewed is overdue")
	}
	if !Overdue(Activity{LastReviewedAt: &last}, now) {
		t.Error("reviewed 1 Feb, quarterly: due 1 May, overdue on 1 June")
	}
	if Overdue(Activity{LastReviewedAt: &last, NextReviewAt: &next}, now) {
		t.Error("an explicit next review date wins")
	}
	if Overdue(Activity{Status: StatusRetired}, now) {
		t.Error("retired activities are not reviewed")
	}
}

func TestParseRetention(t *testing.T) {
	for in, want := range map[string]Retention{
		"7 jaar":                       {7, Years, "", ""},
		"4 weken":                      {4, Weeks, "", ""},
		"2 jaar na einde lidmaatschap": {2, Years, "einde lidmaatschap", ""},
		"5 years after Leaving.":       {5, Years, "Leaving", ""},
		"1 maand":                      {1, Months, "", ""},
		"30 dagen":                     {30, Days, "", ""},
		"12 mnd":                       {12, Months, "", ""},
		"proc.":                        {Text: "proc."},
		"zolang   nodig":               {Text: "zolang nodig"},
		"nvt":                          {Text: "nvt"},
		"":                             {},
	} {
		if got := ParseRetention(in); got != want {
			t.Errorf("ParseRetention(%q) = %+v, want %+v", in, got, want)
		}
		for _, lang := range []string{"nl", "en"} {
			if back := ParseRetention(want.Format(lang)); back != want {
				t.Errorf("Format(%s) of %+v does not read back: %+v", lang, want, back)
			}
		}
	}
}

func TestParseAgreement(t *testing.T) {
	for in, want := range map[string]AgreementStatus{
		"vo getekend": AgreementSigned, "concept vo gestuurd": AgreementDraftSent, "nvt": AgreementNotNeeded,
		"n.v.t.": AgreementNotNeeded, "niet noodzakelijk. Email d.d. 8 mei 2018": AgreementNotNeeded,
		"in onderhandeling": AgreementNegotiating, "maakt deel uit van licentieovk. MS": AgreementSigned,
		"verder inventariseren": AgreementNone, "concept verstuurd": AgreementDraftSent, "signed": AgreementSigned,
		"draft_sent": AgreementDraftSent, "niet nodig": AgreementNotNeeded,
	} {
		if got, _ := parseAgreement(in); got != want {
			t.Errorf("parseAgreement(%q) = %s, want %s", in, got, want)
		}
	}
	if _, note := parseAgreement("vo getekend"); note != "" {
		t.Error("a plain status needs no note")
	}
}

func TestParseAnswers(t *testing.T) {
	for in, want := range map[string]string{"ja": AnswerYes, "Nee": AnswerNo, "nvt": AnswerNA, "n.v.t.": AnswerNA, "n.b.": AnswerUnknown, "in afwa": "in afwa"} {
		if got := answer(in); got != want {
			t.Errorf("answer(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]LawfulBasis{"b": "b", "6.1.e": "e", "art. 6(1)(f)": "f", "Toestemming": "a", "wettelijke verplichting": "c"} {
		if got, err := parseBasis(in); got != want || err != nil {
			t.Errorf("parseBasis(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := parseBasis("g"); err == nil || !strings.Contains(err.Error(), "a-f") {
		t.Errorf("g is no lawful basis: %v", err)
	}
}

func TestValidateProcessorRecord(t *testing.T) {
	p := ProcessorRecord{ControllerName: "Bibliotheek", Transfers: []Transfer{{Country: "IN"}}}
	got := fields(ValidateProcessorRecord(&p))
	for _, f := range []string{"controller_contact", "processing_categories", "transfers[0].safeguard"} {
		if !got[f] {
			t.Errorf("missing %s in %v", f, got)
		}
	}
	if p.Transfers[0].Class != country.Third {
		t.Errorf("class not filled: %+v", p.Transfers)
	}
}

func TestValidateMeasure(t *testing.T) {
	if err := ValidateMeasure(&Measure{Name: "Back-up", Kind: Technical}); err != nil {
		t.Fatal(err)
	}
	if got := fields(ValidateMeasure(&Measure{Kind: "magic"})); !got["name"] || !got["kind"] {
		t.Fatalf("%v", got)
	}
}
