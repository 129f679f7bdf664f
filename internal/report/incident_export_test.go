package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/store"
)

// TestIncidentCSVEscapesFormulas: the breach register's CSV wrote a title
// such as =HYPERLINK(...) unchanged; it goes through the one CSV writer.
func TestIncidentCSVEscapesFormulas(t *testing.T) {
	var list []store.Incident
	for _, title := range []string{"=1+1", "+31 6 formule", "-2+3", "@SUM(A1)", "\tTab", "\rCR"} {
		var i store.Incident
		i.Title, i.Dossier, i.DiscoveredAt = title, "2026-001", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		list = append(list, i)
	}
	var buf bytes.Buffer
	if err := WriteIncidentsCSV(&buf, "nl", list); err != nil {
		t.Fatal(err)
	}
	for _, i := range list {
		if !strings.Contains(buf.String(), `"'`+i.Title+`"`) {
			t.Errorf("title %q is not escaped: %q", i.Title, buf.String())
		}
	}
}
