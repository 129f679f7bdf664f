package i18n

import "testing"

func TestNoConflicts(t *testing.T) {
	for _, c := range Conflicts() {
		t.Error("translated twice differently:", c)
	}
}

func TestTranslateFallsBackToEnglish(t *testing.T) {
	if got := T("nl", "Dashboard"); got != "Overzicht" {
		t.Errorf("T(nl, Dashboard) = %q", got)
	}
	if got := T("en", "Dashboard"); got != "Dashboard" {
		t.Errorf("T(en, Dashboard) = %q", got)
	}
	if got := T("nl", "no such message %d", 3); got != "no such message 3" {
		t.Errorf("unknown message = %q", got)
	}
}

func TestAccepted(t *testing.T) {
	for h, want := range map[string]string{"": "", "en-GB,en;q=0.9": "en", "de,nl;q=0.5,en;q=0.4": "nl", "fr": "", "nl-BE;q=0.3, en-US;q=0.8": "en", "en;q=0": ""} {
		if got := Accepted(h); got != want {
			t.Errorf("Accepted(%q) = %q, want %q", h, got, want)
		}
	}
}
