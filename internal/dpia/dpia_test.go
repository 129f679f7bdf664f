package dpia

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"privacyregister/internal/apperr"
)

func TestScreen(t *testing.T) {
	for _, c := range []struct {
		name string
		a    Answers
		want Outcome
	}{
		{"camera surveillance of a library's public area: AP list item 9 -> required", Answers{APList: []APCategory{9}}, Required},
		{"a school's pupil tracking with health data on a large scale: art. 35(3)(b) -> required", Answers{Art35: []Art35{LargeScaleSpecial}}, Required},
		{"credit scoring that decides on a contract: art. 35(3)(a) -> required", Answers{Art35: []Art35{Evaluation}}, Required},
		{"reading-promotion app for children that profiles their reading: criteria 1 and 7 -> required", Answers{Criteria: []Criterion{1, 7}}, Required},
		{"one criterion (vulnerable subjects): a children's reading club register -> advised", Answers{Criteria: []Criterion{7}}, Advised},
		{"the same criterion ticked twice still counts once -> advised", Answers{Criteria: []Criterion{7, 7}}, Advised},
		{"membership administration of a library, no criterion -> not needed", Answers{}, NotNeeded},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Screen(c.a)
			if r.Outcome != c.want {
				t.Fatalf("outcome %s, want %s", r.Outcome, c.want)
			}
			if len(r.Reasons) == 0 {
				t.Fatal("no reasons")
			}
		})
	}
}

func TestScreenReasonsTranslate(t *testing.T) {
	r := Screen(Answers{APList: []APCategory{9}})
	nl := r.Reasons[0].Text("nl")
	if !strings.Contains(nl, "cameratoezicht") || !strings.Contains(nl, "9") {
		t.Fatalf("nl reason: %q", nl)
	}
	if en := r.Reasons[0].Text("en"); !strings.Contains(en, "camera surveillance") {
		t.Fatalf("en reason: %q", en)
	}
}

func TestValidate(t *testing.T) {
	err := Validate(Answers{Art35: []Art35{"d"}, APList: []APCategory{18}, Criteria: []Criterion{0}})
	var l apperr.List
	if !errors.As(err, &l) || len(l) != 3 || l[0].Field != "art35[0]" || l[1].Field != "ap_list[0]" || l[2].Field != "criteria[0]" {
		t.Fatalf("got %v", err)
	}
	if err := Validate(Answers{Art35: []Art35{PublicMonitoring}, APList: []APCategory{1, 17}, Criteria: []Criterion{1, 9}}); err != nil {
		t.Fatal(err)
	}
}

// The matrix, row by row (impact), column by column (likelihood).
func TestLevelOf(t *testing.T) {
	want := [][]Level{
		{Low, Low, Low, Medium},
		{Low, Medium, Medium, High},
		{Medium, Medium, High, VeryHigh},
		{Medium, High, VeryHigh, VeryHigh},
	}
	for i := Negligible; i <= Maximum; i++ {
		for l := Negligible; l <= Maximum; l++ {
			got, err := LevelOf(l, i)
			if err != nil || got != want[i-1][l-1] {
				t.Errorf("impact %d likelihood %d: %s %v, want %s", i, l, got, err, want[i-1][l-1])
			}
		}
	}
	// Monotone: more likelihood or impact never lowers the level.
	order := []Level{Low, Medium, High, VeryHigh}
	for i := Negligible; i <= Maximum; i++ {
		for l := Negligible; l < Maximum; l++ {
			a, _ := LevelOf(l, i)
			b, _ := LevelOf(l+1, i)
			c, _ := LevelOf(i, l)
			d, _ := LevelOf(i, l+1)
			if slices.Index(order, b) < slices.Index(order, a) || slices.Index(order, d) < slices.Index(order, c) {
				t.Errorf("matrix not monotone at %d,%d", l, i)
			}
		}
	}
	if _, err := LevelOf(0, 2); !apperr.Is(err, apperr.Invalid) {
		t.Error("likelihood 0 should be invalid")
	}
	if _, err := LevelOf(2, 5); !apperr.Is(err, apperr.Invalid) {
		t.Error("impact 5 should be invalid")
	}
	if Significant.Name("nl") != "aanzienlijk" || Negligible.Name("nl") != "verwaarloosbaar" {
		t.Error("scale names")
	}
}

// Art. 36(1): consult the AP before processing when the residual risk
// stays high after measures.
func TestNeedsPriorConsultation(t *testing.T) {
	for l, want := range map[Level]bool{Low: false, Medium: false, High: true, VeryHigh: true} {
		if NeedsPriorConsultation(l) != want {
			t.Errorf("%s: want %v", l, want)
		}
	}
}

// A library's camera footage kept without access control: significant
// likelihood, significant impact (high); after measures limited/limited
// (medium), so no prior consultation.
func TestRiskLevels(t *testing.T) {
	r := DPIARisk{Likelihood: Significant, Impact: Significant, ResidualLikelihood: Limited, ResidualImpact: Limited}
	in, res, err := r.Levels()
	if err != nil || in != High || res != Medium || NeedsPriorConsultation(res) {
		t.Fatalf("got %s %s %v", in, res, err)
	}
	if _, _, err := (DPIARisk{Likelihood: 1, Impact: 1}).Levels(); err == nil {
		t.Fatal("a risk without residual scores should be invalid")
	}
}
