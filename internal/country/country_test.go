package country

import "testing"

func TestClassify(t *testing.T) {
	for code, want := range map[string]Class{
		"NL": EEA, "IE": EEA, "NO": EEA, "IS": EEA, "LI": EEA,
		"CH": Adequate, "GB": Adequate, "JP": Adequate, "US": Adequate, "CA": Adequate,
		"BR": Third, "IN": Third, "CN": Third, "AU": Third,
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
