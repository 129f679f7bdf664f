package web_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// TestTrailShowsLabelsAndValuesAsThePages: a change to a breach reads as
// the case page does, in Dutch: "Bekend sinds" in Amsterdam time, not
// aware_at (or AwareAt) in UTC; "10 tot 100" records, not map[max:100
// min:10]; "Ja", not true; the activity by its code and name, not its id;
// the case by its dossier number. The history on the case page shows the
// same; a reader sees it without a link to the trail, which is closed to
// them.
func TestTrailShowsLabelsAndValuesAsThePages(t *testing.T) {
	app := newTestApp(t)
	o := app.org("tr")
	app.user(o, "fg@tr.example", org.PrivacyOfficer)
	app.user(o, "lezer@tr.example", org.Reader)
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "fg@tr.example"})
	act := register.Activity{Name: "Ledenadministratie", Code: "1.2"}
	i := &store.Incident{}
	i.Title, i.DiscoveredAt = "Verloren laptop", time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateActivity(ctx, o.ID, &act); err != nil {
			return err
		}
		return tx.CreateIncident(ctx, o.ID, i)
	}); err != nil {
		t.Fatal(err)
	}
	aware := time.Date(2026, 3, 2, 13, 30, 0, 0, time.UTC) // 14:30 in Amsterdam
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.UpdateIncident(ctx, o.ID, i.ID, "", func(x *store.Incident) error {
			x.AwareAt, x.Records, x.Encrypted, x.ActivityIDs = &aware, incident.Range{Min: 10, Max: 100}, true, []int64{act.ID}
			return nil
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	fg := app.signIn("fg@tr.example")
	page := fg.get("/o/tr/audit?kind=incident")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("trail: %d", page.StatusCode)
	}
	for _, want := range []string{"Bekend sinds", "02-03-2026 14:30", "10 tot 100", "<ins>Ja</ins>", "1.2 Ledenadministratie",
		">" + i.Dossier + "</a>", `<option value="incident" selected>Incident</option>`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("trail lacks %q", want)
		}
	}
	for _, bad := range []string{"aware_at", "AwareAt", "ActivityIDs", "activity_ids", "map[", "2026-03-02T", ">true<", "incident " + strconv.FormatInt(i.ID, 10)} {
		if strings.Contains(page.Body, bad) {
			t.Errorf("trail shows %q", bad)
		}
	}
	casePage := fg.get("/o/tr/incidents/" + strconv.FormatInt(i.ID, 10) + "?tab=history")
	hist := section(casePage.Body, `id="history"`)
	if !strings.Contains(hist, "Bekend sinds") || !strings.Contains(hist, "10 tot 100") || !strings.Contains(hist, "/o/tr/audit?id=") {
		t.Errorf("case page history: %q", hist)
	}
	reader := app.signIn("lezer@tr.example")
	if res := reader.get("/o/tr/audit"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a reader opened the trail: %d", res.StatusCode)
	}
	hist = section(reader.get("/o/tr/register/"+strconv.FormatInt(act.ID, 10)+"?tab=history").Body, `id="history"`)
	if !strings.Contains(hist, "Ledenadministratie") || strings.Contains(hist, "/audit") {
		t.Errorf("reader's activity history: %q", hist)
	}
}

// TestTrailPagesFiltersAndCSV: 60 changes make two pages of 50 and 10 with
// links both ways; the filters keep one kind, one person, one period; the
// CSV holds the filtered rows as the page writes them.
func TestTrailPagesFiltersAndCSV(t *testing.T) {
	app := newTestApp(t)
	o := app.org("pg")
	app.user(o, "fg@pg.example", org.PrivacyOfficer)
	ann := audit.WithActor(context.Background(), audit.Actor{Name: "ann@pg.example"})
	for n := range 60 {
		p := &agreement.Party{OrgID: o.ID, Name: fmt.Sprintf("Leverancier %02d", n), Kind: agreement.KindProcessor}
		if err := app.st.InTx(ann, func(tx *store.Tx) error { return tx.CreateParty(ann, p) }); err != nil {
			t.Fatal(err)
		}
	}
	fg := app.signIn("fg@pg.example")
	first := fg.get("/o/pg/audit?kind=party")
	rows := regexp.MustCompile(`Leverancier \d\d</a>`).FindAllString(first.Body, -1)
	if len(rows) != 50 || rows[0] != "Leverancier 59</a>" || !strings.Contains(first.Body, "60 regels") {
		t.Fatalf("first page: %d rows from %v", len(rows), rows[:1])
	}
	older := regexp.MustCompile(`href="(\?[^"]*after=\d+[^"]*)" rel="next"`).FindStringSubmatch(first.Body)
	if older == nil || strings.Contains(first.Body, `rel="prev"`) {
		t.Fatal("first page: no link to older rows only")
	}
	second := fg.get("/o/pg/audit" + strings.ReplaceAll(older[1], "&amp;", "&"))
	rows = regexp.MustCompile(`Leverancier \d\d</a>`).FindAllString(second.Body, -1)
	if len(rows) != 10 || rows[0] != "Leverancier 09</a>" || strings.Contains(second.Body, `rel="next"`) {
		t.Errorf("second page: %v", rows)
	}
	newer := regexp.MustCompile(`href="(\?[^"]*before=\d+[^"]*)" rel="prev"`).FindStringSubmatch(second.Body)
	if newer == nil {
		t.Fatal("second page: no link back")
	}
	back := fg.get("/o/pg/audit" + strings.ReplaceAll(newer[1], "&amp;", "&"))
	if rows := regexp.MustCompile(`Leverancier \d\d</a>`).FindAllString(back.Body, -1); len(rows) != 50 || rows[0] != "Leverancier 59</a>" {
		t.Errorf("back to the first page: %d rows", len(rows))
	}
	// Filters: by person, by period, by kind.
	if res := fg.get("/o/pg/audit?actor=ann%40pg.example&kind=organisation"); !strings.Contains(res.Body, "Geen regels.") {
		t.Error("ann made no change to the organisation, yet rows show")
	}
	if res := fg.get("/o/pg/audit?from=2020-01-01&to=2020-01-31"); regexp.MustCompile(`Leverancier \d\d`).MatchString(res.Body) {
		t.Error("the period filter kept this year's rows")
	}
	if res := fg.get("/o/pg/audit?from=morgen"); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Van: Geef een geldige datum.") {
		t.Errorf("a bad date: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	csv := fg.get("/o/pg/audit/export?kind=party&actor=ann%40pg.example")
	if csv.StatusCode != http.StatusOK || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", csv.StatusCode, csv.Header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(csv.Body), "\r\n")
	if !strings.Contains(lines[0], `"Veld";"Voor";"Na"`) || !strings.Contains(csv.Body, `"Naam";"";"Leverancier 00"`) || strings.Contains(csv.Body, `"name"`) {
		t.Errorf("export header %q", lines[0])
	}
	names := 0
	for _, l := range lines {
		if strings.Contains(l, `"Naam"`) {
			names++
		}
	}
	if names != 60 {
		t.Errorf("export has %d name changes, want 60", names)
	}
	if res := fg.get("/o/pg/audit/export?kind=incident"); strings.Count(strings.TrimSpace(res.Body), "\r\n") != 0 {
		t.Error("the export of a kind without rows has rows")
	}
}

// section returns the HTML element from the tag that holds attr to its
// closing </section>.
func section(body, attr string) string {
	i := strings.Index(body, attr)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</section>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

// TestTrailNamesACaseNote: a note on the timeline of a case is named by
// the case's dossier number and its kind in words.
func TestTrailNamesACaseNote(t *testing.T) {
	app := newTestApp(t)
	o := app.org("nt")
	app.user(o, "fg@nt.example", org.PrivacyOfficer)
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "fg@nt.example"})
	i := &store.Incident{}
	i.Title, i.DiscoveredAt = "Inbraak", time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
			return err
		}
		return tx.AddIncidentEvent(ctx, o.ID, i.ID, "updated", "")
	}); err != nil {
		t.Fatal(err)
	}
	page := app.signIn("fg@nt.example").get("/o/nt/audit?kind=incident_event")
	if !strings.Contains(page.Body, i.Dossier) || !strings.Contains(page.Body, "gegevens bijgewerkt") || strings.Contains(page.Body, ">updated<") {
		t.Errorf("a case note in the trail: %s", section(page.Body, `class="audit"`))
	}
}
