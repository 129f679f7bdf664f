package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// TestTrailShowsTheDecisionAsTheCasePage: the decision on a leaked member
// list (confidentiality, 800 identifiable people: notify the AP, art.
// 33(1)) reads in the trail as the decision aid on the case page does, in
// Dutch: its questions, its answers and its reasons, not personal_data,
// easily_identifiable, "risk" or the English reasons.
func TestTrailShowsTheDecisionAsTheCasePage(t *testing.T) {
	app := newTestApp(t)
	o := app.org("td")
	app.user(o, "fg@td.example", org.PrivacyOfficer)
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "fg@td.example"})
	i := &store.Incident{}
	i.Title, i.DiscoveredAt = "Ledenlijst gemaild", time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	a := incident.Assessment{PersonalData: true, Confidentiality: true, EasilyIdentifiable: true, People: 800, Severity: incident.SeverityMedium}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
			return err
		}
		_, err := tx.DecideIncident(ctx, o.ID, i.ID, a, "", "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	page := app.signIn("fg@td.example").get("/o/td/audit?kind=incident")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("trail: %d", page.StatusCode)
	}
	body := section(page.Body, `class="audit"`)
	for _, want := range []string{
		"Antwoorden van de beslishulp", "Er zijn persoonsgegevens bij betrokken: Ja",
		"De gegevens identificeren personen direct: Ja", "Ernst van de gevolgen: midden: aanzienlijk maar te overwinnen",
		"De beslishulp stelt voor", "Risico: risico", "Redenen: Elk datalek wordt vastgelegd",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("trail lacks %q", want)
		}
	}
	for _, bad := range []string{"Personal data", "Easily identifiable", "personal_data", "Assessment", "Proposed", "Reasons", "Every personal data breach", ": medium"} {
		if strings.Contains(body, bad) {
			t.Errorf("trail shows %q", bad)
		}
	}
}
