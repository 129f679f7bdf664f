package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/dpia"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// figure reads the number a dashboard link to path shows.
func figure(t *testing.T, body, path string) int {
	t.Helper()
	m := regexp.MustCompile(`href="` + regexp.QuoteMeta(path) + `"[^>]*>(?:<strong>)?(\d+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no figure linking to %s", path)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestDashboardFiguresMatchTheirLists: each figure of the dashboard links
// to the list that shows exactly the items counted (one rule for both).
func TestDashboardFiguresMatchTheirLists(t *testing.T) {
	a := newTestApp(t)
	o := a.org("fig")
	a.user(o, "fg@fig.example", org.PrivacyOfficer)
	ctx := context.Background()
	acts := register.Generate(160, 7)
	for i := range acts {
		if i%10 == 0 {
			acts[i].DPIANeeded = register.DPIAYes
		}
		// Gaps of every kind, some overlapping (a concept may have them).
		acts[i].Status = register.StatusConcept
		if i%7 == 0 {
			acts[i].Owner = ""
		}
		if i%5 == 0 {
			acts[i].Purposes = nil
		}
		if i%3 == 0 && len(acts[i].Purposes) > 0 {
			acts[i].Purposes[0].LawfulBasis = ""
		}
		if i%4 == 0 {
			acts[i].Retention = register.Retention{Text: "n.b."}
			acts[i].DataCategories = nil
		}
		if i%6 == 0 {
			acts[i].Processors = append(acts[i].Processors, register.ProcessorRef{Name: "Nieuwe verwerker " + strconv.Itoa(i%24), AgreementStatus: register.AgreementNegotiating})
		}
	}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error { return tx.FillRegister(ctx, o.ID, register.GenerateMeasures(), acts) }); err != nil {
		t.Fatal(err)
	}
	// DPIAs: a draft and a decided one for activities the register says need one.
	stored, _, err := a.st.Activities(ctx, o.ID, store.ActivityFilter{DPIA: register.DPIAYes, Limit: 2})
	if err != nil || len(stored) < 2 {
		t.Fatalf("need two activities with a DPIA needed: %v %d", err, len(stored))
	}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		for i, st := range []dpia.State{dpia.Draft, dpia.Decided} {
			id := stored[i].ID
			d := &store.DPIA{ActivityID: &id, Title: "DPIA " + stored[i].Name, State: st}
			if st == dpia.Decided {
				now := a.st.Now()
				d.Decision, d.DecidedBy, d.DecidedAt = "Doorgaan", "FG", &now
			}
			if err := tx.CreateDPIA(ctx, o.ID, d); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	c := a.signIn("fg@fig.example")
	dash := c.get("/o/fig/")
	if dash.StatusCode != http.StatusOK {
		t.Fatalf("dashboard: %d\n%s", dash.StatusCode, dash.Body)
	}
	count := regexp.MustCompile(`id="register-count">(\d+)`)
	nonZero := 0
	for _, g := range register.GapKinds {
		path := "/o/fig/register?missing=" + string(g)
		want := figure(t, dash.Body, path)
		nonZero += want
		list := c.get(path)
		m := count.FindStringSubmatch(list.Body)
		if list.StatusCode != http.StatusOK || m == nil {
			t.Fatalf("%s: %d", path, list.StatusCode)
		}
		if got, _ := strconv.Atoi(m[1]); got != want {
			t.Errorf("%s: the dashboard counts %d, the list shows %d", g, want, got)
		}
	}
	if nonZero == 0 {
		t.Error("the generated register has no gaps: the test proves nothing")
	}

	row := regexp.MustCompile(`<tr><td><a href="/o/fig/screenings/`)
	for _, n := range dpia.Needs {
		path := "/o/fig/dpias?need=" + string(n)
		want := figure(t, dash.Body, path)
		if got := len(row.FindAllString(c.get(path).Body, -1)); got != want {
			t.Errorf("DPIA %s: the dashboard counts %d, the list shows %d", n, want, got)
		}
	}
	if figure(t, dash.Body, "/o/fig/dpias?need=draft") != 1 || figure(t, dash.Body, "/o/fig/dpias?need=done") != 1 {
		t.Error("the draft and the decided DPIA are not counted")
	}

	path := "/o/fig/agreements?processors=uncovered"
	want := figure(t, dash.Body, path)
	list := c.get(path).Body
	section := list[strings.Index(list, `id="processors"`):]
	section = section[:strings.Index(section, "</section>")]
	if got := strings.Count(section, "<tr><td>"); got != want || want == 0 {
		t.Errorf("processors without a signed agreement: the dashboard counts %d, the list shows %d", want, got)
	}
}

// TestRegisterMissingFilter: ?missing= pages like the other filters and
// refuses an unknown gap, naming the field.
func TestRegisterMissingFilter(t *testing.T) {
	a := newTestApp(t)
	o := a.org("mis")
	u := a.user(o, "fg@mis.example", org.PrivacyOfficer)
	ctx := context.Background()
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		return tx.FillRegister(ctx, o.ID, nil, []register.Activity{
			{Name: "Zonder eigenaar", Status: register.StatusConcept},
			{Name: "Met eigenaar", Owner: "RH", Status: register.StatusConcept},
			{Name: "Vervallen zonder eigenaar", Status: register.StatusRetired},
		})
	}); err != nil {
		t.Fatal(err)
	}
	res := a.client().api("GET", "/api/v1/activities?missing=owner", a.token(o, u), "")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Zonder eigenaar") || strings.Contains(res.Body, "Met eigenaar") || strings.Contains(res.Body, "Vervallen") {
		t.Errorf("missing=owner: %d %s", res.StatusCode, res.Body)
	}
	res = a.client().api("GET", "/api/v1/activities?missing=colour", a.token(o, u), "")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "missing") {
		t.Errorf("missing=colour: %d %s", res.StatusCode, res.Body)
	}
}

// TestDashboardBreachClockInDutch: a breach known for 28 hours 8 minutes
// has 43 hours 52 minutes left of the 72 of art. 33(1), said in Dutch
// units ("uur", not "h"), and in English for an English reader.
func TestDashboardBreachClockInDutch(t *testing.T) {
	a, _ := incidentApp(t)
	o := a.org("klok")
	u := a.user(o, "fg@klok.example", org.PrivacyOfficer)
	ctx := context.Background()
	aware := a.st.Now().Add(-(28*time.Hour + 8*time.Minute))
	i := &store.Incident{}
	i.Title, i.DiscoveredAt, i.Role = "Nieuwsbrief met alle adressen", aware, incident.Controller
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
			return err
		}
		_, err := tx.UpdateIncident(ctx, o.ID, i.ID, "", func(x *store.Incident) error { x.AwareAt = &aware; return nil })
		return err
	}); err != nil {
		t.Fatal(err)
	}
	c := a.signIn(u.Email)
	dash := c.get("/o/klok/")
	if !strings.Contains(dash.Body, "nog 43 uur 52 min") || strings.Contains(dash.Body, " h ") {
		t.Errorf("want the clock as \"nog 43 uur 52 min\":\n%s", dash.Body)
	}
	if err := a.st.RawExec(ctx, "UPDATE users SET lang = 'en' WHERE id = ?", u.ID); err != nil {
		t.Fatal(err)
	}
	if en := c.get("/o/klok/"); !strings.Contains(en.Body, "43 h 52 min left") {
		t.Errorf("want the clock in English as \"43 h 52 min left\"")
	}
}

// TestDashboardFollowsChanges: the figures are kept between views but
// follow every change of the register: an owner filled in, an activity
// added, one retired.
func TestDashboardFollowsChanges(t *testing.T) {
	a := newTestApp(t)
	o := a.org("wijz")
	a.user(o, "fg@wijz.example", org.PrivacyOfficer)
	ctx := context.Background()
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		return tx.FillRegister(ctx, o.ID, nil, []register.Activity{
			{Name: "Een", Status: register.StatusConcept}, {Name: "Twee", Status: register.StatusConcept}, {Name: "Drie", Owner: "RH", Status: register.StatusConcept},
		})
	}); err != nil {
		t.Fatal(err)
	}
	c := a.signIn("fg@wijz.example")
	owner := func() int { return figure(t, c.get("/o/wijz/").Body, "/o/wijz/register?missing=owner") }
	if n := owner(); n != 2 {
		t.Fatalf("without owner: %d, want 2", n)
	}
	acts, _, err := a.st.Activities(ctx, o.ID, store.ActivityFilter{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		een := acts[1] // Drie, Een, Twee by name
		een.Owner = "GC"
		if err := tx.UpdateActivity(ctx, o.ID, &een); err != nil {
			return err
		}
		return tx.CreateActivity(ctx, o.ID, &register.Activity{Name: "Vier", Status: register.StatusConcept})
	}); err != nil {
		t.Fatal(err)
	}
	if n := owner(); n != 2 {
		t.Errorf("after filling in one owner and adding an activity without: %d, want 2", n)
	}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.RetireActivity(ctx, o.ID, acts[2].ID); return err }); err != nil {
		t.Fatal(err)
	}
	if n := owner(); n != 1 {
		t.Errorf("after retiring one without owner: %d, want 1", n)
	}
}
