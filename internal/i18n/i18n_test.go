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
