package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// statementIsoFixture gives B a statement that was published and taken
// offline again: its versions exist, its public pages do not.
func statementIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	ctx := context.Background()
	act := register.Activity{Name: "Geheime ledenlijst", Domain: "Extern"}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateActivity(ctx, b.ID, &act); err != nil {
			return err
		}
		if err := tx.SaveStatementDraft(ctx, b.ID, "secret-person@b.example", []store.StatementChoice{{ActivityID: act.ID, Shown: true, PurposeNL: "Geheim doel"}}); err != nil {
			return err
		}
		if err := tx.AcceptStatementGaps(ctx, b.ID, map[string]string{"dpo": "geen"}, "secret-person@b.example"); err != nil {
			return err
		}
		_, err := tx.PublishStatement(ctx, b.ID, "nl", `{"nl":{"OrgName":"Organisatie org-b"}}`, "secret-person@b.example", nil)
		return err
	}); err != nil {
		a.t.Fatal(err)
	}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error { return tx.WithdrawStatement(ctx, b.ID) }); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"version": 1}
}

var acceptBox = regexp.MustCompile(`name="accept" value="([^"]+)"`)

// publishStatement accepts every gap the check lists, with a reason, and
// publishes: for tests that need a published statement.
func publishStatement(t *testing.T, c *client, short string) {
	t.Helper()
	form := url.Values{}
	for _, m := range acceptBox.FindAllStringSubmatch(c.get("/o/"+short+"/statement/check").Body, -1) {
		key := html.UnescapeString(m[1])
		form.Add("accept", key)
		form.Set("reason_"+key, "Geaccepteerd in de test")
	}
	if res := c.postForm("/o/"+short+"/statement/check", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accepting the gaps: %d", res.StatusCode)
	}
	if res := c.postForm("/o/"+short+"/statement/publish", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
}

// TestStatementEditor: the library's public statement shows its members'
// administration and not its payroll (proposed by domain); publishing is
// refused while arts. 13/14 gaps are open (the DPO of art. 13(1)(b), the
// retention "proc." of art. 13(2)(a)); a gap accepted without a reason is
// refused at its field; once every gap is fixed or accepted, each
// publication is a dated version in Dutch and English; every change is
// audited, and a lezer changes nothing.
func TestStatementEditor(t *testing.T) {
	app := newTestApp(t)
	ctx := context.Background()
	o := app.org("bieb")
	o.Address = "Overtoom 1, IJsselstein"
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	reader := app.user(o, "lezer@bieb.example", org.Reader)
	leden := &register.Activity{Name: "Ledenadministratie", Domain: "Extern",
		Purposes:       []register.Purpose{{Description: "ledenadm. en uitlening", LawfulBasis: "b"}},
		DataCategories: []register.DataCategory{{Name: "NAW-gegevens"}}, Recipients: []string{"BiSC"},
		Retention: register.Retention{Amount: 2, Unit: register.Years, StartEvent: "einde lidmaatschap"}}
	loon := &register.Activity{Name: "Loonadministratie", Domain: "Intern", Retention: register.Retention{Text: "proc."},
		Purposes: []register.Purpose{{Description: "Salaris", LawfulBasis: "c"}}}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateOrg(ctx, o); err != nil {
			return err
		}
		if err := tx.CreateActivity(ctx, o.ID, leden); err != nil {
			return err
		}
		return tx.CreateActivity(ctx, o.ID, loon)
	}); err != nil {
		t.Fatal(err)
	}
	c, anon := app.signIn(po.Email), app.client()
	lid, loonID := strconv.FormatInt(leden.ID, 10), strconv.FormatInt(loon.ID, 10)

	// The proposal: members shown, payroll left out, purpose from the register.
	ed := c.get("/o/bieb/statement")
	if ed.StatusCode != http.StatusOK || !strings.Contains(ed.Body, `name="shown_`+lid+`" checked`) || strings.Contains(ed.Body, `name="shown_`+loonID+`" checked`) ||
		!strings.Contains(ed.Body, "ledenadm. en uitlening</textarea>") {
		t.Fatalf("editor proposal: %d\n%s", ed.StatusCode, ed.Body)
	}

	// Nothing is published while gaps are open.
	if res := c.postForm("/o/bieb/statement/publish", nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Niet gepubliceerd") {
		t.Fatalf("publish with gaps: %d", res.StatusCode)
	}
	if res := anon.get("/p/bieb/privacy"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("public page after a refused publication: %d", res.StatusCode)
	}
	check := c.get("/o/bieb/statement/check")
	for _, want := range []string{"art. 13 lid 1 sub b", "functionaris gegevensbescherming ontbreken"} {
		if !strings.Contains(check.Body, want) {
			t.Errorf("check lacks %q", want)
		}
	}
	if strings.Contains(check.Body, "retention:"+lid) || strings.Contains(check.Body, "Loonadministratie") {
		t.Errorf("check lists a gap of a complete or hidden activity")
	}

	// Showing payroll brings its placeholder retention into the check.
	save := url.Values{"ids": {lid, loonID}, "contact": {"info@bieb.example"},
		"shown_" + lid: {"on"}, "purpose_nl_" + lid: {"Wij houden bij wie lid is, zodat u boeken kunt lenen."}, "purpose_en_" + lid: {"We keep track of our members so you can borrow books."},
		"shown_" + loonID: {"on"}, "purpose_nl_" + loonID: {"Salaris"}}
	if res := c.postForm("/o/bieb/statement", save); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	if !strings.Contains(c.get("/o/bieb/statement/check").Body, `value="retention:`+loonID+`"`) {
		t.Errorf("the check does not count the retention \"proc.\" as missing (art. 13(2)(a))")
	}
	save.Del("shown_" + loonID)
	if res := c.postForm("/o/bieb/statement", save); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}

	// A lezer reads but cannot change or publish.
	rc := app.signIn(reader.Email)
	for _, p := range []string{"/o/bieb/statement", "/o/bieb/statement/check", "/o/bieb/statement/publish"} {
		if res := rc.postForm(p, url.Values{"contact": {"x"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("lezer POST %s: %d", p, res.StatusCode)
		}
	}

	// Accepting without a reason is refused at the field; nothing is stored.
	res := c.postForm("/o/bieb/statement/check", url.Values{"accept": {"dpo"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `aria-invalid="true"`) {
		t.Fatalf("acceptance without reason: %d", res.StatusCode)
	}
	if d, _ := app.st.StatementDraft(ctx, o.ID); len(d.Accepted) != 0 {
		t.Errorf("stored: %+v", d.Accepted)
	}
	if res := c.postForm("/o/bieb/statement/check", url.Values{"accept": {"dpo"}, "reason_dpo": {"Geen FG: niet verplicht (art. 37)."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", res.StatusCode)
	}
	if strings.Contains(c.get("/o/bieb/statement/check").Body, "Publiceren kan nog niet") {
		t.Fatalf("gaps still open after fixing and accepting")
	}
	prev := c.get("/o/bieb/statement/preview")
	if !strings.Contains(prev.Body, "Voorbeeld") || !strings.Contains(prev.Body, "zodat u boeken kunt lenen") || strings.Contains(prev.Body, "Loonadministratie") {
		t.Errorf("preview:\n%s", prev.Body)
	}
	if res := c.postForm("/o/bieb/statement/publish", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	pub := anon.get("/p/bieb/privacy")
	for _, want := range []string{"Versie 1 van", "zodat u boeken kunt lenen", "overeenkomst met u (art. 6 lid 1 sub b)", "2 jaar na einde lidmaatschap", "BiSC", "info@bieb.example", "Autoriteit Persoonsgegevens"} {
		if !strings.Contains(pub.Body, want) {
			t.Errorf("public page lacks %q", want)
		}
	}
	for _, not := range []string{"Loonadministratie", "proc.", "statement/withdraw"} {
		if strings.Contains(pub.Body, not) {
			t.Errorf("public page shows %q", not)
		}
	}
	if en := anon.get("/p/bieb/privacy?lang=en"); !strings.Contains(en.Body, "so you can borrow books") || !strings.Contains(en.Body, "Your rights") {
		t.Errorf("English public page:\n%s", en.Body)
	}

	// A second publication is version 2; version 1 stays readable.
	if res := c.postForm("/o/bieb/statement", url.Values{"ids": {lid}, "contact": {"info@bieb.example"}, "shown_" + lid: {"on"}, "purpose_nl_" + lid: {"Tweede tekst."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	if res := c.postForm("/o/bieb/statement/publish", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish 2: %d", res.StatusCode)
	}
	if pub := anon.get("/p/bieb/privacy"); !strings.Contains(pub.Body, "Versie 2 van") || !strings.Contains(pub.Body, "Tweede tekst.") {
		t.Errorf("public page is not version 2")
	}
	vs := c.get("/o/bieb/statement/versions")
	if !strings.Contains(vs.Body, "/o/bieb/statement/versions/1") || !strings.Contains(vs.Body, "/o/bieb/statement/versions/2") || !strings.Contains(vs.Body, "Geen FG") {
		t.Errorf("versions:\n%s", vs.Body)
	}
	if v1 := c.get("/o/bieb/statement/versions/1"); !strings.Contains(v1.Body, "zodat u boeken kunt lenen") || strings.Contains(v1.Body, "Tweede tekst.") {
		t.Errorf("version 1 is not as published")
	}
	if res := c.get("/o/bieb/statement/versions/9"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown version: %d", res.StatusCode)
	}
	trail, _ := app.st.AuditLog(ctx, o.ID, store.AuditFilter{})
	kinds := map[string]int{}
	for _, e := range trail {
		kinds[e.Entity]++
	}
	// contact, acceptance, two publications; the choices of three saves.
	if kinds["privacy_statement"] != 4 || kinds["statement_activity"] != 4 {
		t.Errorf("audit rows: %v", kinds)
	}
}
