package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// auditIsoFixture creates an agreement of B with an audit.
func auditIsoFixture(a *testApp, b *org.Organisation, _ int64) map[string]int64 {
	ctx := context.Background()
	ag := &agreement.Agreement{OrgID: b.ID, Title: "Audited agreement of B", Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	au := &agreement.AgreementAudit{OrgID: b.ID, HeldOn: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), Kind: agreement.AuditReportReview,
		Auditor: "secret-person@b.example", FollowUp: "secret follow-up", FollowUpDue: ptrTime(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		au.AgreementID = ag.ID
		return tx.AddAudit(ctx, au)
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"audit_agreement": ag.ID, "audit": au.ID}
}

func ptrTime(t time.Time) *time.Time { return &t }

// auditAgreement stores a signed agreement with an audit frequency (nil:
// none agreed), signed on the given date.
func auditAgreement(t *testing.T, app *testApp, o *org.Organisation, title string, freq *int, signed time.Time, status agreement.Status) int64 {
	t.Helper()
	ctx := context.Background()
	terms := agreement.NewTerms()
	terms.Audit.Right, terms.Audit.FrequencyMonths = true, freq
	ag := &agreement.Agreement{OrgID: o.ID, Title: title, Status: status, SignedOn: &signed, Terms: terms}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, ag) }); err != nil {
		t.Fatal(err)
	}
	return ag.ID
}

// TestAgreementAudits, on 2 March 2026: seed 002's ICTeam agreement
// (audit once a year, signed 14 May 2018, never audited) is in the
// calendar as an audit due since 14 May 2019; an ended agreement is not.
// Seed 001's NOA agreement (every three years) signed 1 January 2021 is
// overdue since 1 January 2024 until the TPM statement read on 15 March
// 2025 is recorded: then the next is due 15 March 2028, and its follow-up
// stands in the calendar until it is marked done. A lezer may not record;
// bad input is refused naming the field and writes nothing; the API shows
// the same record and next date.
func TestAgreementAudits(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	reader := app.user(o, "reader@lib.example", org.Reader)
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, ams).UTC() }
	yearly, triennial := 12, 36
	icteam := auditAgreement(t, app, o, "Verwerkersovereenkomst ICTeam Zuid", &yearly, day(2018, 5, 14), agreement.StatusSigned)
	noa := auditAgreement(t, app, o, "Verwerkersovereenkomst NOA", &triennial, day(2021, 1, 1), agreement.StatusSigned)
	auditAgreement(t, app, o, "Beeindigde overeenkomst Oldco", &yearly, day(2019, 2, 1), agreement.StatusEnded)
	none := auditAgreement(t, app, o, "Overeenkomst zonder auditritme", nil, day(2022, 1, 1), agreement.StatusSigned)
	c := app.signIn(po.Email)
	noaURL := "/o/lib/agreements/" + strconv.FormatInt(noa, 10)

	nextAudit := func(path string) string {
		t.Helper()
		page := c.get(path + "?tab=reviews")
		i := strings.Index(page.Body, `id="next-audit"`)
		if page.StatusCode != http.StatusOK || i < 0 {
			t.Fatalf("%s: %d, no next audit shown", path, page.StatusCode)
		}
		return page.Body[i : i+strings.Index(page.Body[i:], "</p>")]
	}
	if got := nextAudit(noaURL); !strings.Contains(got, "01-01-2024") || !strings.Contains(got, "te laat") || !strings.Contains(got, "elke 36 maanden") {
		t.Errorf("NOA before its audit: %s", got)
	}
	if got := nextAudit("/o/lib/agreements/" + strconv.FormatInt(none, 10)); !strings.Contains(got, "Geen auditfrequentie afgesproken.") {
		t.Errorf("agreement without rhythm: %s", got)
	}

	// The calendar's rows of a kind (other areas list the same agreements
	// for their reviews).
	calRows := func(kind string) string {
		t.Helper()
		var rows []string
		for _, row := range strings.Split(c.get("/o/lib/calendar").Body, "<tr") {
			if strings.Contains(row, "<td>"+kind+"</td>") {
				rows = append(rows, row)
			}
		}
		return strings.Join(rows, "\n")
	}
	due := calRows("Audit verwacht")
	if !strings.Contains(due, "14-05-2019") || !strings.Contains(due, "Verwerkersovereenkomst ICTeam Zuid") || !strings.Contains(due, "01-01-2024") {
		t.Errorf("calendar lacks ICTeam's audit due 14-05-2019 or NOA's due 01-01-2024:\n%s", due)
	}
	if strings.Contains(due, "Oldco") || strings.Contains(due, "zonder auditritme") {
		t.Errorf("calendar lists the audit of an ended agreement or of one without rhythm:\n%s", due)
	}

	// A lezer may not record an audit; nothing is written.
	good := url.Values{"held_on": {"2025-03-15"}, "kind": {"report_review"}, "auditor": {"eigen FG"}, "findings": {"TPM-verklaring 2024 zonder voorbehoud"},
		"follow_up": {"pentestrapport opvragen"}, "follow_up_due": {"2026-01-31"}}
	if res := app.signIn(reader.Email).postForm(noaURL+"/audits", good); res.StatusCode != http.StatusForbidden {
		t.Errorf("lezer records an audit: %d", res.StatusCode)
	}
	// Bad input: 422 naming the field (in Dutch), nothing written.
	for name, c2 := range map[string]struct {
		set  url.Values
		want string
	}{
		"future date":            {url.Values{"held_on": {"2026-03-03"}}, "uitgevoerd op: ligt in de toekomst"},
		"no date":                {url.Values{"held_on": {""}}, "uitgevoerd op: is verplicht"},
		"bad date":               {url.Values{"held_on": {"gisteren"}}, "uitgevoerd op"},
		"unknown kind":           {url.Values{"kind": {"guess"}}, "soort"},
		"follow-up before audit": {url.Values{"follow_up_due": {"2025-03-14"}}, "vervolgactie uiterlijk: ligt vóór de datum van de audit"},
	} {
		form := url.Values{}
		for k, v := range good {
			form[k] = v
		}
		for k, v := range c2.set {
			form[k] = v
		}
		res := c.postForm(noaURL+"/audits", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, c2.want) {
			t.Errorf("%s: %d, want 422 naming %q", name, res.StatusCode, c2.want)
		}
	}
	if list, _ := app.st.Audits(ctx, o.ID, 0); len(list) != 0 {
		t.Fatalf("%d audits written by refused requests", len(list))
	}

	// Recorded: the page lists it and the next audit moves.
	if res := c.postForm(noaURL+"/audits", good); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d %s", res.StatusCode, res.Body)
	}
	page := c.get(noaURL + "?tab=reviews").Body
	for _, want := range []string{"15-03-2025", "rapport beoordeeld (TPM, ISAE 3402, SOC 2)", "eigen FG", "TPM-verklaring 2024 zonder voorbehoud", "pentestrapport opvragen", "31-01-2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("agreement page lacks %q", want)
		}
	}
	if got := nextAudit(noaURL); !strings.Contains(got, "15-03-2028") || strings.Contains(got, "te laat") {
		t.Errorf("NOA after its audit: %s", got)
	}
	list, _ := app.st.Audits(ctx, o.ID, noa)
	if len(list) != 1 {
		t.Fatalf("%d audits", len(list))
	}
	auditURL := noaURL + "/audits/" + strconv.FormatInt(list[0].ID, 10)
	// The forms return to the tab they were posted from.
	for _, form := range []string{`action="` + auditURL + `/close?tab=reviews"`, `action="` + auditURL + `/delete?tab=reviews"`, `action="` + noaURL + `/audits?tab=reviews"`} {
		if !strings.Contains(page, form) {
			t.Errorf("agreement page lacks the form %s", form)
		}
	}
	if page := app.signIn(reader.Email).get(noaURL + "?tab=reviews").Body; !strings.Contains(page, "pentestrapport opvragen") || strings.Contains(page, `action="`+auditURL) {
		t.Errorf("lezer does not see the audit, or sees its buttons")
	}
	if f := calRows("Vervolgactie audit"); !strings.Contains(f, "Verwerkersovereenkomst NOA: pentestrapport opvragen") || !strings.Contains(f, "31-01-2026") {
		t.Errorf("calendar lacks NOA's follow-up:\n%s", f)
	}
	if due := calRows("Audit verwacht"); !strings.Contains(due, "15-03-2028") || strings.Contains(due, "01-01-2024") {
		t.Errorf("calendar's NOA audit did not move to 15-03-2028:\n%s", due)
	}
	// The follow-up done: it leaves the calendar, the audit stays.
	if res := app.signIn(reader.Email).postForm(auditURL+"/close", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("lezer closes a follow-up: %d", res.StatusCode)
	}
	if res := c.postForm(auditURL+"/close", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", res.StatusCode)
	}
	if f := calRows("Vervolgactie audit"); f != "" {
		t.Errorf("closed follow-up still in the calendar:\n%s", f)
	}
	// Another agreement's path does not reach the audit.
	if res := c.postForm("/o/lib/agreements/"+strconv.FormatInt(icteam, 10)+"/audits/"+strconv.FormatInt(list[0].ID, 10)+"/delete", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("delete via another agreement: %d", res.StatusCode)
	}

	// The API: the same record and date; record and delete through it.
	tok := app.token(o, po)
	api := app.client()
	res := api.api("GET", "/api/v1/agreements/"+strconv.FormatInt(noa, 10)+"/audits", tok, "")
	var out struct {
		FrequencyMonths *int                       `json:"frequency_months"`
		NextDue         *time.Time                 `json:"next_due"`
		Audits          []agreement.AgreementAudit `json:"audits"`
	}
	if err := json.Unmarshal([]byte(res.Body), &out); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("API list: %d %v %s", res.StatusCode, err, res.Body)
	}
	if len(out.Audits) != 1 || !out.Audits[0].Closed || out.NextDue == nil || out.NextDue.In(ams).Format("2006-01-02") != "2028-03-15" || *out.FrequencyMonths != 36 {
		t.Errorf("API list: %s", res.Body)
	}
	icteamAPI := "/api/v1/agreements/" + strconv.FormatInt(icteam, 10) + "/audits"
	if res := api.api("POST", icteamAPI, tok, `{"held_on":"2026-03-02T09:00:00+01:00","kind":"nonsense"}`); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "kind") {
		t.Errorf("API bad kind: %d %s", res.StatusCode, res.Body)
	}
	res = api.api("POST", icteamAPI, tok, `{"held_on":"2026-02-20T00:00:00+01:00","kind":"on_site","auditor":"externe auditor"}`)
	var created agreement.AgreementAudit
	if err := json.Unmarshal([]byte(res.Body), &created); err != nil || res.StatusCode != http.StatusCreated || created.ID == 0 {
		t.Fatalf("API record: %d %s", res.StatusCode, res.Body)
	}
	if got := nextAudit("/o/lib/agreements/" + strconv.FormatInt(icteam, 10)); !strings.Contains(got, "20-02-2027") {
		t.Errorf("ICTeam after its audit: %s", got)
	}
	if res := api.api("DELETE", "/api/v1/agreements/"+strconv.FormatInt(noa, 10)+"/audits/"+strconv.FormatInt(created.ID, 10), tok, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("API delete via another agreement: %d", res.StatusCode)
	}
	if res := api.api("DELETE", icteamAPI+"/"+strconv.FormatInt(created.ID, 10), tok, ""); res.StatusCode != http.StatusNoContent {
		t.Errorf("API delete: %d %s", res.StatusCode, res.Body)
	}

	// Deleted in the page: the next audit counts from the signature again.
	if res := c.postForm(auditURL+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if got := nextAudit(noaURL); !strings.Contains(got, "01-01-2024") {
		t.Errorf("NOA after deleting its audit: %s", got)
	}
	trail, _ := app.st.AuditLog(ctx, o.ID, store.AuditFilter{Entity: "agreement_audit"})
	if len(trail) != 5 { // NOA: created, closed, deleted; ICTeam: created, deleted
		t.Errorf("audit trail has %d agreement_audit rows, want 5", len(trail))
	}
}
