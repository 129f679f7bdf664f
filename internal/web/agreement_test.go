package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
	"privacyregister/internal/web"
)

// agreementIsoFixture creates a party, agreement, notice and attachment of B.
func agreementIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	ctx := context.Background()
	p := &agreement.Party{OrgID: b.ID, Name: "Secret supplier of B"}
	ag := &agreement.Agreement{OrgID: b.ID, Title: "Secret agreement of B", Terms: agreement.NewTerms()}
	var at *store.Attachment
	n := &agreement.Notice{OrgID: b.ID, Subprocessor: "Secret sub of B"}
	if err := a.st.InTx(ctx, func(tx *store.Tx) (err error) {
		if err := tx.CreateParty(ctx, p); err != nil {
			return err
		}
		ag.PartyID = &p.ID
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		n.AgreementID, n.NoticeDate = ag.ID, a.st.Now()
		if err := tx.CreateNotice(ctx, n); err != nil {
			return err
		}
		at, err = tx.AddAttachment(ctx, b.ID, &ag.ID, "b.txt", []byte("secret text of B"), 0)
		return err
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"agreement": ag.ID, "party": p.ID, "attachment": at.ID, "notice": n.ID}
}

// upload posts a multipart form with one file.
func (c *client) upload(path, name string, data []byte, fields url.Values) response {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestAgreementPages(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	reader := app.user(o, "reader@lib.example", org.Reader)
	c := app.signIn(po.Email)

	res := c.postForm("/o/lib/parties/new", url.Values{"name": {"NOA BV"}, "kind": {"processor"}, "country": {"Nederland"},
		"contact.role": {"breach"}, "contact.name": {"Servicedesk"}, "contact.phone": {"085 1234567"},
		"cert.name": {"ISO 27001"}, "cert.issuer": {"BSI"}, "cert.issued": {"2020-01-01"}, "cert.expires": {"2023-01-01"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create party: %d %s", res.StatusCode, res.Body)
	}
	partyURL := res.Header.Get("Location")
	partyID := partyURL[strings.LastIndex(partyURL, "/")+1:]

	form := url.Values{"title": {"VO NOA"}, "party_id": {partyID}, "our_role": {"controller"}, "type": {"verwerkersovereenkomst"},
		"status": {"signed"}, "language": {"nl"}, "law": {"avg"}, "breach_notification.hours": {"96"},
		"subprocessors.regime": {"general_with_objection"}, "subprocessors.objection_days": {"14"},
		"data_location": {"eea_only"}, "audit.cost": {"depends"}, "end_of_contract": {"controller_choice"},
		"liability_cap_eur": {"50.000"}, "art28.a.present": {"on"}, "art28.a.clause": {"3.1"},
		"sub.name": {"Cloudy Inc", ""}, "sub.country": {"India", ""}, "sub.service": {"hosting", ""},
		"annex.service": {"Ledenadministratie"}, "annex.data": {"naam; adres"}, "annex.countries": {"NL"}}
	res = c.postForm("/o/lib/agreements/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create agreement: %d %s", res.StatusCode, res.Body)
	}
	agURL := res.Header.Get("Location")
	// Each part of the agreement on its tab.
	for want, tab := range map[string]string{"VO NOA": "", "NOA BV": "", "96": "?tab=terms", "Cloudy Inc": "?tab=subprocessors",
		"Ledenadministratie": "?tab=annexes", "naam": "?tab=annexes"} {
		if res = c.get(agURL + tab); !strings.Contains(res.Body, want) {
			t.Errorf("detail%s lacks %q", tab, want)
		}
	}
	// Warnings with reasons on the overview: 96 h, third country without safeguard, cap, missing elements, expired certificate.
	res = c.get(agURL)
	for _, code := range []string{"notification_over_72h", "subprocessor_outside_eea_without_safeguard", "low_liability_cap", "missing_art28_elements", "certification_expired"} {
		if !strings.Contains(res.Body, `data-code="`+code+`"`) {
			t.Errorf("detail lacks warning %s", code)
		}
	}

	// Impossible terms: a clear error naming the field, nothing written.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("breach_notification.hours", "-5")
	bad["sub.country"] = []string{"Atlantis", ""}
	res = c.postForm("/o/lib/agreements/new", bad)
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad terms: status %d", res.StatusCode)
	}
	if !strings.Contains(res.Body, "breach_notification.hours") || !strings.Contains(res.Body, "Atlantis") {
		t.Errorf("bad terms: errors do not name the fields")
	}
	if list, _ := app.st.Agreements(t0(), o.ID, store.AgreementFilter{}); len(list) != 1 {
		t.Errorf("%d agreements after bad input, want 1", len(list))
	}

	// An executable named .pdf is refused; a PDF is stored and downloadable by members only.
	res = c.upload(agURL+"/files", "contract.pdf", []byte("MZ\x90\x00\x03 program"), nil)
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("exe upload: status %d", res.StatusCode)
	}
	res = c.upload(agURL+"/files", "contract.pdf", []byte("%PDF-1.4\nfake but typed"), nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("pdf upload: %d %s", res.StatusCode, res.Body)
	}
	id := agIDFromURL(agURL)
	files, _ := app.st.Attachments(t0(), o.ID, id)
	if len(files) != 1 {
		t.Fatalf("%d files stored, want 1", len(files))
	}
	dl := "/o/lib/attachments/" + agItoa(files[0].ID)
	res = app.signIn(reader.Email).get(dl)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Body, "%PDF") || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("reader download: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	// A reader may not edit.
	if res := app.signIn(reader.Email).postForm(agURL+"/edit", form); res.StatusCode != http.StatusForbidden {
		t.Errorf("reader edits: %d", res.StatusCode)
	}
	// Employees cannot see agreements at all.
	emp := app.user(o, "emp@lib.example", org.Employee)
	if res := app.signIn(emp.Email).get(dl); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("employee download: %d", res.StatusCode)
	}
	for _, p := range []string{"/o/lib/agreements", "/o/lib/parties", partyURL, "/o/lib/agreements/processor", "/o/lib/agreements/reviews", "/o/lib/agreements/compare?a=" + agItoa(id) + "&b=" + agItoa(id), "/o/lib/"} {
		if res := c.get(p); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, res.StatusCode)
		}
	}
	// As processor: the strictest terms across the controllers' agreements.
	proc := url.Values{"title": {"Klant A"}, "our_role": {"processor"}, "status": {"signed"}, "breach_notification.hours": {"24"},
		"subprocessors.regime": {"specific_consent"}, "annex.service": {"Hosting"}, "annex.countries": {"NL"}}
	if res := c.postForm("/o/lib/agreements/new", proc); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("processor agreement: %d %s", res.StatusCode, res.Body)
	}
	if res := c.get("/o/lib/agreements/processor"); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="strictest-hours">24`) || !strings.Contains(res.Body, `href="/o/lib/processor-register"`) {
		t.Errorf("processor view: %d", res.StatusCode)
	}
	if res := c.get("/o/lib/processor-register"); !strings.Contains(res.Body, "Klant A") {
		t.Errorf("the processor's register does not offer the agreement as processor")
	}
	// A sub-processor notice: deadline from the 14-day window, open on the dashboard until decided.
	today := app.st.Now().In(web.Amsterdam)
	res = c.postForm(agURL+"/notices", url.Values{"subprocessor": {"Newco GmbH"}, "country": {"Duitsland"}, "notice_date": {today.Format("2006-01-02")}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("notice: %d %s", res.StatusCode, res.Body)
	}
	notices, _ := app.st.Notices(t0(), o.ID, id)
	if len(notices) != 1 || notices[0].Deadline.In(web.Amsterdam).Format("2006-01-02") != today.AddDate(0, 0, 14).Format("2006-01-02") {
		t.Fatalf("notices %+v", notices)
	}
	if res := c.postForm(agURL+"/notices", url.Values{"subprocessor": {"X"}, "notice_date": {"1-3-2026"}, "country": {"Atlantis"}}); res.StatusCode == http.StatusSeeOther {
		t.Error("notice with an unknown country accepted")
	}
	dash := c.get("/o/lib/")
	if !strings.Contains(dash.Body, "ISO 27001") || !strings.Contains(dash.Body, "Newco GmbH") {
		t.Errorf("dashboard lacks the expired certificate or the open notice")
	}
	// An objection gives its reasons; without, the page says so.
	if res := c.postForm(agURL+"/notices/"+agItoa(notices[0].ID)+"/decide?tab=subprocessors", url.Values{"decision": {"object"}}); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Geef de redenen") {
		t.Errorf("objection without reasons: %d", res.StatusCode)
	}
	if res := c.postForm(agURL+"/notices/"+agItoa(notices[0].ID)+"/decide", url.Values{"decision": {"object"}, "note": {"Geen hosting buiten Nederland"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("decide: %d %s", res.StatusCode, res.Body)
	}
	if strings.Contains(c.get("/o/lib/").Body, "Newco GmbH") {
		t.Error("decided notice still on the dashboard")
	}
	// Objecting after the window is refused with the date it ended.
	late := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	old := &agreement.Notice{OrgID: o.ID, AgreementID: id, Subprocessor: "Late Ltd", NoticeDate: late}
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.CreateNotice(t0(), old) }); err != nil {
		t.Fatal(err)
	}
	if res := c.postForm(agURL+"/notices/"+agItoa(old.ID)+"/decide", url.Values{"decision": {"object"}}); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest {
		t.Errorf("late objection: %d", res.StatusCode)
	}
	// A review dates the agreement; the yearly overview lists it.
	if res := c.postForm(agURL+"/reviews", url.Values{"conclusion": {"renegotiate"}, "note": {"cap too low"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("review: %d", res.StatusCode)
	}
	if res := c.get("/o/lib/agreements/reviews?format=csv"); !strings.Contains(res.Body, "cap too low") {
		t.Errorf("review CSV: %s", res.Body)
	}
	trail, _ := app.st.AuditLog(t0(), o.ID, store.AuditFilter{})
	entities := map[string]bool{}
	for _, e := range trail {
		entities[e.Entity] = true
	}
	for _, e := range []string{"party", "agreement", "attachment", "subprocessor_notice", "agreement_review"} {
		if !entities[e] {
			t.Errorf("no audit row for %s", e)
		}
	}
}

func TestAnalyseAndCreate(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	c := app.signIn(po.Email)
	text := "Verwerkersovereenkomst\n\nArtikel 6 Datalekken\n6.1 Verwerker informeert Verwerkingsverantwoordelijke zonder onredelijke vertraging en uiterlijk binnen 48 uur na ontdekking van een inbreuk in verband met persoonsgegevens.\n\nArtikel 7 Beveiliging\n7.1 Verwerker neemt passende technische en organisatorische maatregelen.\n"
	res := c.upload("/o/lib/agreements/analyse", "vo.txt", []byte(text), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("analyse: %d %s", res.StatusCode, res.Body)
	}
	if !strings.Contains(res.Body, "<mark") || !strings.Contains(res.Body, `name="breach_notification.hours" type="number" min="0" value="48"`) {
		t.Errorf("analysis page lacks marks or the prefilled 48 hours")
	}
	i := strings.Index(res.Body, `name="attachment_id" value="`)
	if i < 0 {
		t.Fatal("no attachment id in the form")
	}
	rest := res.Body[i+len(`name="attachment_id" value="`):]
	attID := rest[:strings.Index(rest, `"`)]
	// Exe named .pdf: clear error, nothing stored.
	res = c.upload("/o/lib/agreements/analyse", "vo.pdf", []byte("MZ\x90\x00 program"), nil)
	if res.StatusCode == http.StatusOK || !strings.Contains(res.Body, "program") {
		t.Errorf("exe analysed: %d", res.StatusCode)
	}
	res = c.postForm("/o/lib/agreements/new", url.Values{"title": {"From analysis"}, "status": {"signed"}, "breach_notification.hours": {"48"},
		"attachment_id": {attID}, "subprocessors.regime": {"not_addressed"}, "data_location": {"not_addressed"}, "audit.cost": {"not_stated"}, "end_of_contract": {"not_addressed"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create from analysis: %d %s", res.StatusCode, res.Body)
	}
	id := agIDFromURL(res.Header.Get("Location"))
	files, _ := app.st.Attachments(t0(), o.ID, id)
	if len(files) != 1 || files[0].Name != "vo.txt" {
		t.Errorf("file not attached: %+v", files)
	}
}

func TestAnalyseSeedAPI(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	tok := app.token(o, po)
	path := testutil.SeedPath(t, "001")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip(err)
	}
	c := app.client()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "001.txt")
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/api/v1/agreements/analyse", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	res := c.do(req)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("analyse API: %d %s", res.StatusCode, res.Body)
	}
	var an map[string]any
	if err := json.Unmarshal([]byte(res.Body), &an); err != nil {
		t.Fatal(err)
	}
	if _, ok := an["breach_notification"].(map[string]any)["hours"]; !ok {
		t.Errorf("analysis JSON lacks breach_notification.hours")
	}
	// Create through the API with the reference's names, read back the same.
	body := `{"title":"API VO","status":"signed","terms":{"breach_notification":{"hours":24,"without_delay":true},"subprocessors":{"regime":"specific_consent","named":[{"name":"Flores","country":"NL"}]},"art28":{"c":{"present":true}}}}`
	res = app.client().api("POST", "/api/v1/agreements", tok, body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create via API: %d %s", res.StatusCode, res.Body)
	}
	var got struct {
		ID    int64 `json:"id"`
		Terms struct {
			BreachNotification struct{ Hours int } `json:"breach_notification"`
			Subprocessors      struct {
				Regime string
				Named  []struct{ Country, Class string }
			} `json:"subprocessors"`
		} `json:"terms"`
	}
	_ = json.Unmarshal([]byte(res.Body), &got)
	if got.Terms.BreachNotification.Hours != 24 || got.Terms.Subprocessors.Regime != "specific_consent" || got.Terms.Subprocessors.Named[0].Class != "eea" {
		t.Errorf("API agreement %s", res.Body)
	}
	res = app.client().api("POST", "/api/v1/agreements", tok, `{"title":"Bad","terms":{"breach_notification":{"hours":-1}}}`)
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "breach_notification.hours") {
		t.Errorf("bad API agreement: %d %s", res.StatusCode, res.Body)
	}
	if res := app.client().api("GET", "/api/v1/agreements", tok, ""); !strings.Contains(res.Body, "API VO") {
		t.Errorf("list: %s", res.Body)
	}
	// A sub-processor notice gets its deadline from the window (30 days when none is stated).
	res = app.client().api("POST", "/api/v1/agreements/"+agItoa(got.ID)+"/notices", tok, `{"subprocessor":"Newco","country":"Duitsland","notice_date":"2026-03-01T00:00:00Z"}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, `"deadline": "2026-03-31T00:00:00Z"`) || !strings.Contains(res.Body, `"country": "DE"`) {
		t.Errorf("notice: %d %s", res.StatusCode, res.Body)
	}
	if res := app.client().api("GET", "/api/v1/openapi.json", tok, ""); !strings.Contains(res.Body, "/api/v1/agreements/analyse") {
		t.Errorf("OpenAPI lacks the analyse route")
	}
}

func agIDFromURL(u string) int64 {
	var id int64
	for _, r := range u[strings.LastIndex(u, "/")+1:] {
		id = id*10 + int64(r-'0')
	}
	return id
}

func agItoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestAnalyseUnclearDeadline: a breach deadline the analyser cannot read is
// shown as something to check, never as "no deadline" or "over 72 hours".
func TestAnalyseUnclearDeadline(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	c := app.signIn(po.Email)
	text := "Verwerkersovereenkomst\n\nArtikel 6 Datalekken\n6.1 Verwerker meldt een Datalek aan Verwerkingsverantwoordelijke binnen een termijn van vierentwintig klokuren.\n"
	res := c.upload("/o/lib/agreements/analyse", "vo.txt", []byte(text), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("analyse: %d %s", res.StatusCode, res.Body)
	}
	if !strings.Contains(res.Body, "controleer die zelf") && !strings.Contains(res.Body, "check it yourself") {
		t.Errorf("the unreadable deadline is not pointed out")
	}
	if strings.Contains(res.Body, "more than 72 hours") || strings.Contains(res.Body, "sets no deadline") || strings.Contains(res.Body, "geen termijn") {
		t.Errorf("an unreadable deadline is reported as missing or too long")
	}
}

// TestAnalysedPartyMatchesAnExistingParty: an uploaded agreement of "NOA
// BV" is offered with the party "NOA B.V." already in the administration
// chosen (a user saw no party chosen and added it twice).
func TestAnalysedPartyMatchesAnExistingParty(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	p := &agreement.Party{OrgID: o.ID, Name: "NOA B.V.", Kind: agreement.KindProcessor}
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.CreateParty(t0(), p) }); err != nil {
		t.Fatal(err)
	}
	c := app.signIn(po.Email)
	text := "Verwerkersovereenkomst\n\nPartijen\nBibliotheek Lib, hierna: Verwerkingsverantwoordelijke, en NOA BV, hierna: Verwerker.\n\nArtikel 6 Datalekken\n6.1 Verwerker informeert Verwerkingsverantwoordelijke binnen 24 uur na ontdekking van een inbreuk.\n"
	res := c.upload("/o/lib/agreements/analyse", "noa.txt", []byte(text), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("analyse: %d", res.StatusCode)
	}
	if want := `<option value="` + strconv.FormatInt(p.ID, 10) + `" selected>NOA B.V.</option>`; !strings.Contains(res.Body, want) {
		t.Errorf("the existing party is not chosen: want %s", want)
	}
}
