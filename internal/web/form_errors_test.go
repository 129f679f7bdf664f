package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"privacyregister/internal/org"
)

// refused checks the page of a refused form (field is an attribute of
// the refused input, such as name="title"): 422, the field marked
// aria-invalid and pointing at its message, the field's Dutch label in the
// summary, what was typed kept, and no internal field name anywhere.
func refused(t *testing.T, what string, res response, field, id, anchor, label string, kept []string, internal ...string) {
	t.Helper()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%s: status %d, want 422: %s", what, res.StatusCode, errorsOf(res.Body))
	}
	input := regexp.MustCompile(`<(?:input|select|textarea)[^>]*` + regexp.QuoteMeta(field) + `[^>]*>`).FindString(res.Body)
	errID := "err-" + id
	if !strings.Contains(input, `aria-invalid="true"`) || !strings.Contains(input, `aria-describedby="`+errID+`"`) {
		t.Errorf("%s: the field %s is not marked: %s", what, field, input)
	}
	if !strings.Contains(res.Body, `<p class="field-error" id="`+errID+`">`) {
		t.Errorf("%s: no message at %s", what, field)
	}
	if !strings.Contains(errorsOf(res.Body), `href="#`+anchor+`"`) || !strings.Contains(errorsOf(res.Body), label) {
		t.Errorf("%s: the summary does not link %q: %s", what, label, errorsOf(res.Body))
	}
	for _, k := range kept {
		if !strings.Contains(res.Body, k) {
			t.Errorf("%s: %s not kept as typed", what, k)
		}
	}
	for _, name := range internal {
		if strings.Contains(res.Body, name) {
			t.Errorf("%s: the internal name %q shows", what, name)
		}
	}
}

// A bad date on the incident report (the datetime-local input sends
// 2026-10-24T09:00; anything else is refused) keeps the report as typed.
func TestIncidentReportBadDateAtTheField(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	c := app.signIn("fg@bieb.example")
	res := c.postForm("/o/bieb/incidents", url.Values{"title": {"Laptop kwijt"}, "discovered_at": {"gisteren"}, "system": {"Eduarte"}, "people.min": {"veel"}})
	refused(t, "incident report", res, `name="discovered_at"`, "discovered_at", "discovered_at", "Wanneer is het ontdekt",
		[]string{`value="Laptop kwijt"`, `value="gisteren"`, `value="Eduarte"`}, "discovered_at:", "people.min:")
	if !strings.Contains(res.Body, "Geef een geldige datum en tijd.") || strings.Contains(res.Body, "24-10-2026 21:30") {
		t.Error("the date message is not the one message without a format hint")
	}
	if !strings.Contains(res.Body, `aria-describedby="err-people-min"`) {
		t.Error("the number field is not marked")
	}
}

// The request form: no right and a bad date of receipt, both at their
// fields, with the labels of the form ("rights:", "received_at:" gone).
func TestRequestFormErrorsAtTheFields(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	c := app.signIn("fg@bieb.example")
	res := c.postForm("/o/bieb/requests", url.Values{"received_at": {"31-31-2026"}, "name": {"Jan Jansen"}, "description": {"inzage"}})
	refused(t, "request", res, `name="received_at"`, "received_at", "received_at", "Ontvangen op",
		[]string{`value="31-31-2026"`, `value="Jan Jansen"`, ">inzage</textarea>"}, "received_at:", "rights:")
	res = c.postForm("/o/bieb/requests", url.Values{"received_at": {"2026-10-20"}, "name": {"Jan Jansen"}})
	refused(t, "request without a right", res, `name="rights"`, "rights", "rights", "Welk recht", []string{`value="2026-10-20"`}, "rights:")
}

// The public request form (arts. 12 and 15-22 AVG): "rights: Kies ten
// minste één recht." became the question the form asks.
func TestPublicRequestFormNamesTheQuestion(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	publishStatement(t, app.signIn(po.Email), "bieb")
	res := app.client().postForm("/p/bieb/request?lang=nl", url.Values{"name": {"Jan"}, "email": {"jan@example.nl"}, "description": {"Welke gegevens?"}})
	refused(t, "public request", res, `name="rights"`, "rights", "rights", "Wat vraagt u? Kies", []string{`value="Jan"`, `value="jan@example.nl"`, ">Welke gegevens?</textarea>"}, "rights:")
}

// A bad date on the sub-processor notice form shows the agreement again
// with the notice as typed, not a bare error page.
func TestAgreementNoticeBadDateKeepsTheForm(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	u := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	ids := agreementIsoFixture(app, o, u.ID)
	c := app.signIn("fg@bieb.example")
	res := c.postForm("/o/bieb/agreements/"+agItoa(ids["agreement"])+"/notices?tab=subprocessors", url.Values{"subprocessor": {"Newco GmbH"}, "country": {"Duitsland"}, "notice_date": {"1 maart"}})
	refused(t, "notice", res, `name="notice_date"`, "notice_date", "n_date", "Datum van de melding", []string{`value="Newco GmbH"`, `value="1 maart"`}, "notice_date:")
}

// year=abc on the annual report: a Dutch message at the year field.
func TestAnnualReportBadYearInDutch(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	res := app.signIn("fg@bieb.example").get("/o/bieb/annual-report?year=abc")
	refused(t, "annual report", res, `name="year"`, "year", "year", "Jaar", []string{`value="abc"`}, "is not a year")
	if !strings.Contains(res.Body, "Geef een jaar tussen 2000 en 2027.") {
		t.Errorf("no Dutch message: %s", errorsOf(res.Body))
	}
}

// The activity form: a row's field is marked in its row.
func TestActivityFormErrorAtTheRow(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	c := app.signIn("fg@bieb.example")
	res := c.postForm("/o/bieb/register", url.Values{"name": {""}, "code": {"V-12"}, "p_desc": {"Ledenadministratie"}, "p_basis": {"z"}})
	refused(t, "activity", res, `name="name"`, "name", "name", "Naam", []string{`value="V-12"`}, "name:", "lawful_basis:", "purposes[0]")
	if !strings.Contains(res.Body, `aria-describedby="err-purposes-0-lawful_basis"`) {
		t.Errorf("the row's lawful basis is not marked: %s", errorsOf(res.Body))
	}
}

// The request page has five forms sharing the field "at": a refused
// extension (art. 12(3): announced within the first month) is marked on
// the extension's own date, with its label, and keeps its reasons.
func TestRequestExtensionErrorAtItsForm(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	c := app.signIn("fg@bieb.example")
	res := c.postForm("/o/bieb/requests", url.Values{"rights": {"access"}, "channel": {"email"}, "received_at": {"2026-10-01"},
		"name": {"Mevr. Jansen"}, "email": {"jansen@example.nl"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	loc := res.Header.Get("Location")
	res = c.postForm(loc+"/extend", url.Values{"at": {"2026-09-01"}, "reason": {"Veel systemen"}})
	refused(t, "extension", res, `id="ext-at"`, "extension-at", "ext-at", "Verzoeker ingelicht op", []string{">Veel systemen</textarea>"}, "extension.at")
	if !strings.Contains(res.Body, `id="ext-at" name="at" type="date" value="2026-09-01"`) {
		t.Error("the extension's date is not kept as typed")
	}
	if strings.Contains(res.Body, `id="reply-at" name="at" type="date" value="2026-09-01"`) {
		t.Error("another form shows the extension's date")
	}
}
