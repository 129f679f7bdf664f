package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// A case page shows one part at a time: the tab bar marks the part shown
// with aria-current, and a refused form comes back on its own tab with
// what was typed.
func TestIncidentTabs(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	po := app.signIn("fg@bieb.example")
	id := report(t, po, "bieb", url.Values{"title": {"USB stick lost"}, "discovered_at": {"2026-10-24T09:00"}})
	path := "/o/bieb/incidents/" + strconv.FormatInt(id, 10)

	page := po.get(path)
	if !strings.Contains(page.Body, `<a href="`+path+`" aria-current="page">Overzicht</a>`) || !strings.Contains(page.Body, `<a href="`+path+`?tab=measures">Maatregelen</a>`) {
		t.Fatalf("overview: no tab bar with the overview current")
	}
	if !strings.Contains(page.Body, `id="ph-discover"`) || strings.Contains(page.Body, `id="m-desc"`) || strings.Contains(page.Body, `id="history"`) {
		t.Errorf("the overview shows other tabs' parts, or not its phases")
	}
	if page = po.get(path + "?tab=measures"); !strings.Contains(page.Body, `aria-current="page">Maatregelen</a>`) || !strings.Contains(page.Body, `id="m-desc"`) || strings.Contains(page.Body, `id="ph-discover"`) {
		t.Errorf("measures tab: not current, or not only the measures")
	}
	if page = po.get(path + "?tab=nonsense"); !strings.Contains(page.Body, `aria-current="page">Overzicht</a>`) {
		t.Errorf("an unknown tab does not fall back to the overview")
	}

	// A measure with a bad date: refused on the measures tab, as typed.
	res := po.postForm(path+"/measures?tab=measures", url.Values{"kind": {"structural"}, "description": {"Versleutel alle sticks"}, "done_at": {"gisteren"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad date: %d, want 422", res.StatusCode)
	}
	if !strings.Contains(res.Body, `aria-current="page">Maatregelen</a>`) || !strings.Contains(res.Body, `value="Versleutel alle sticks"`) {
		t.Errorf("the refused measure is not shown on its tab")
	}
	// Fixed: back on the measures tab.
	res = po.postForm(path+"/measures?tab=measures", url.Values{"kind": {"structural"}, "description": {"Versleutel alle sticks"}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != path+"?tab=measures" {
		t.Errorf("measure saved: %d to %q, want the measures tab", res.StatusCode, loc)
	}

	// The details form refused keeps what was typed, on the details tab.
	res = po.postForm(path+"?tab=details", url.Values{"title": {"USB stick lost at the station"}, "discovered_at": {"24-10-2026"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `aria-current="page">Gegevens</a>`) ||
		!strings.Contains(res.Body, `value="USB stick lost at the station"`) || !strings.Contains(res.Body, `aria-describedby="err-discovered_at"`) {
		t.Errorf("refused details: %d, not on the details tab as typed with the message at the field", res.StatusCode)
	}
}
