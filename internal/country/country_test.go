package country

import (
	"os"
	"path/filepath"
	"testing"
)

func TestClassify(t *testing.T) {
	for code, want := range map[string]Class{
		"NL": EEA, "IE": EEA, "NO": EEA, "IS": EEA, "LI": EEA,
		"CH": Adequate, "GB": Adequate, "JP": Adequate, "US": Adequate, "CA": Adequate,
		// Brazil: Commission Implementing Decision (EU) 2026/179 of 26 January
		// 2026; the European Patent Organisation: adopted 15 July 2025.
		"BR": Adequate, "EPO": Adequate,
		"IN": Third, "CN": Third, "AU": Third,
		"XX": Third, // unknown is never assumed safe
	} {
		if got := Classify(code); got != want {
			t.Errorf("Classify(%s) = %s, want %s", code, got, want)
		}
	}
}

func TestEEAHasThirtyMembers(t *testing.T) {
	n := 0
	for _, c := range All() {
		if c.Class == EEA {
			n++
		}
	}
	if n != 30 {
		t.Fatalf("EEA has %d countries, want 30 (EU-27 + IS, LI, NO)", n)
	}
}

func TestPartialAdequacy(t *testing.T) {
	us, ok := Lookup("US")
	if !ok || us.Class != Adequate || !us.Partial || us.Note == "" || !us.NeedsSafeguard() {
		t.Fatalf("US must be adequate only for DPF-certified recipients: %+v", us)
	}
	ca, _ := Lookup("CA")
	if !ca.Partial {
		t.Fatal("Canada adequacy covers only PIPEDA organisations")
	}
	ch, _ := Lookup("CH")
	if ch.Partial || ch.NeedsSafeguard() {
		t.Fatalf("Switzerland is fully adequate: %+v", ch)
	}
}

func TestLookup(t *testing.T) {
	for in, want := range map[string]string{
		"Duitsland": "DE", "duitsland": "DE", "Germany": "DE", "de": "DE",
		"VS": "US", "Verenigde Staten": "US", "USA": "US", "u.s.a.": "US",
		"UK": "GB", "Engeland": "GB", "Ierland": "IE", "Noord-Ierland": "GB",
		"België": "BE", "belgie": "BE", "  Curacao ": "CW", "Zwitserland": "CH",
		"Brazilië": "BR",
	} {
		c, ok := Lookup(in)
		if !ok || c.Code != want {
			t.Errorf("Lookup(%q) = %q, %v; want %s", in, c.Code, ok, want)
		}
	}
	if _, ok := Lookup("Atlantis"); ok {
		t.Error("Lookup found a country that does not exist")
	}
	if nl, _ := Lookup("NL"); nl.Name("nl") != "Nederland" || nl.Name("en") != "Netherlands" {
		t.Errorf("names of NL: %+v", nl)
	}
}

// TestLoadUpdatesTheListWithoutARelease: an installation applies a newer
// decision from a file (here a hypothetical adequacy decision for India and
// a withdrawn one for Japan); the list's date follows the file; a bad file
// changes nothing.
func TestLoadUpdatesTheListWithoutARelease(t *testing.T) {
	orig := current.Load() // nil: the embedded list
	t.Cleanup(func() { current.Store(orig) })
	if AsOf() != "2026-12-01" {
		t.Fatalf("embedded list dated %s", AsOf())
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.json", `{"as_of": "soon", "countries": [{"code": "IN", "name_nl": "India", "name_en": "India", "class": "adequate"}]}`)
	if _, err := Load(bad); err == nil || Classify("IN") != Third {
		t.Fatalf("a file without a date was applied: %v", err)
	}
	good := write("good.json", `{"as_of": "2027-03-01", "countries": [
		{"code": "in", "name_nl": "India", "name_en": "India", "class": "adequate", "note": "hypothetical decision of 2027"},
		{"code": "JP", "name_nl": "Japan", "name_en": "Japan", "class": "third"}]}`)
	if n, err := Load(good); err != nil || n != 2 {
		t.Fatalf("Load: %d %v", n, err)
	}
	if Classify("IN") != Adequate || Classify("JP") != Third || Classify("CH") != Adequate || AsOf() != "2027-03-01" {
		t.Errorf("after the file: IN %s, JP %s, CH %s, as of %s", Classify("IN"), Classify("JP"), Classify("CH"), AsOf())
	}
	if c, ok := Lookup("India"); !ok || c.Note == "" {
		t.Errorf("Lookup(India) after the file: %+v %v", c, ok)
	}
}

// TestStandingOneClassification: the US sub-processor was "adequate
// country" in the sub-processor table and "outside the EEA without an
// adequacy decision" in the warning above it. One standing now names it
// the same everywhere: an adequacy decision for some recipients only (the
// EU-US Data Privacy Framework), which needs the recipient's cover recorded.
func TestStandingOneClassification(t *testing.T) {
	for in, want := range map[string]struct {
		label string
		needs bool
	}{
		"US":                     {"adequacy decision for some recipients only", true},
		"Zwitserland":            {"adequacy decision", false},
		"NL":                     {"inside the EEA", false},
		"IN":                     {"third country without an adequacy decision", true},
		"Atlantis":               {"third country without an adequacy decision", true},
		"Brazilië":               {"adequacy decision", false},
		"European Patent Office": {"adequacy decision", false},
	} {
		st := StandingOf(in)
		if st.Label() != want.label || st.NeedsSafeguard() != want.needs {
			t.Errorf("%s: %q (safeguard needed %v), want %q (%v)", in, st.Label(), st.NeedsSafeguard(), want.label, want.needs)
		}
	}
}
