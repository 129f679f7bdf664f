package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// registerIsoFixture creates an activity, a measure and a processor record of B.
func registerIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	ctx := context.Background()
	act := register.Activity{Name: "Geheime verwerking", Code: "9.9", Department: "HR"}
	m := register.Measure{Name: "Geheime maatregel"}
	p := register.ProcessorRecord{ControllerName: "Geheime klant", ControllerContact: "x", ProcessingCategories: []string{"hosting"}}
	if err := a.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateActivity(ctx, b.ID, &act); err != nil {
			return err
		}
		if err := tx.CreateMeasure(ctx, b.ID, &m); err != nil {
			return err
		}
		return tx.CreateProcessorRecord(ctx, b.ID, &p)
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"activity": act.ID, "measure": m.ID, "precord": p.ID}
}

// registerApp is an application with organisation "blij" (the seed
// library), its privacy officer signed in, and optionally the seed register.
func registerApp(t *testing.T, withSeed bool) (*testApp, *org.Organisation, *client) {
	t.Helper()
	app := newTestApp(t)
	o := app.org("blij")
	app.user(o, "fg@blij.example", org.PrivacyOfficer)
	if withSeed {
		seedRegister(t, app.st, o.ID)
	}
	return app, o, app.signIn("fg@blij.example")
}

func seedRegister(t testing.TB, st *store.Store, orgID int64) {
	t.Helper()
	data, err := os.ReadFile(testutil.SeedPath(t, "003_register.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := register.ParseFile("003_register.csv", bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.InTx(context.Background(), func(tx *store.Tx) error {
		_, _, err := tx.Import(context.Background(), orgID, tb, register.AutoMapping(tb.Headers))
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// rowsOf counts the rows of the register table on a list page.
func rowsOf(body string) int {
	i := strings.Index(body, `<table class="register">`)
	if i < 0 {
		return -1
	}
	j := strings.Index(body[i:], "</table>")
	return strings.Count(body[i:i+j], "<tr") - 1
}

func TestRegisterListSearchFilterSort(t *testing.T) {
	_, _, c := registerApp(t, true)
	res := c.get("/o/blij/register")
	if res.StatusCode != 200 || rowsOf(res.Body) != 26 {
		t.Fatalf("list: %d, %d rows", res.StatusCode, rowsOf(res.Body))
	}
	if !strings.Contains(res.Body, `href="/o/blij/register"`) {
		t.Error("the navigation has no link to the register")
	}
	// art. 30(5): special data and activities that are not occasional.
	if !strings.Contains(res.Body, `id="exemption"`) || !strings.Contains(res.Body, "bijzondere categorieën") {
		t.Errorf("exemption section missing or without reasons")
	}
	for q, want := range map[string]int{
		"department=HR":                      7,
		"q=nieuwsbrief":                      3,
		"special=yes":                        3,
		"eea=yes":                            2,
		"dpia=to_assess":                     3,
		"agreement=signed":                   4,
		"agreement=draft_sent&department=HR": 2,
		"basis=b":                            0,
		"overdue=1":                          0,
		"q=Taalhuis&special=yes&department=Programma": 1,
	} {
		res := c.get("/o/blij/register?" + q)
		got := rowsOf(res.Body)
		if want == 0 && strings.Contains(res.Body, "Geen verwerkingen gevonden.") {
			got = 0
		}
		if res.StatusCode != 200 || got != want {
			t.Errorf("%s: status %d, %d rows, want %d", q, res.StatusCode, got, want)
		}
	}
	res = c.get("/o/blij/register?sort=-name")
	if a, b := strings.Index(res.Body, "Werving en selectie"), strings.Index(res.Body, "Algemene nieuwsbrief leden"); a < 0 || b < a {
		t.Error("sorting by name, descending")
	}
	if res := c.get("/o/blij/register?sort=password"); res.StatusCode != 422 {
		t.Errorf("unknown sort: %d", res.StatusCode)
	}
}

func idFromLocation(t *testing.T, loc string) int64 {
	t.Helper()
	m := regexp.MustCompile(`/register/(\d+)`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("no activity in %q", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestRegisterCreateEditCopyRetireReview(t *testing.T) {
	app, o, c := registerApp(t, false)
	ctx := context.Background()
	m := register.Measure{Name: "Versleuteling laptops", Kind: register.Technical}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateMeasure(ctx, o.ID, &m) }); err != nil {
		t.Fatal(err)
	}
	if res := c.get("/o/blij/register/new"); res.StatusCode != 200 || !strings.Contains(res.Body, "Versleuteling laptops") {
		t.Fatalf("new form: %d", res.StatusCode)
	}
	// Validation names the field, and the form keeps what was typed.
	res := c.postForm("/o/blij/register", url.Values{"name": {""}, "department": {"Publieksservice"}, "p_desc": {"Uitlenen", ""}, "p_basis": {"b", ""}, "p_exc": {"", ""}})
	if res.StatusCode != 422 || !strings.Contains(res.Body, "Naam") || !strings.Contains(res.Body, `value="Publieksservice"`) {
		t.Fatalf("empty name: %d\n%s", res.StatusCode, res.Body)
	}
	res = c.postForm("/o/blij/register", url.Values{"name": {"Ledenadministratie"}, "status": {"established"}, "p_desc": {"Uitlenen"}, "p_basis": {""}, "p_exc": {""}})
	if res.StatusCode != 422 || !strings.Contains(res.Body, "Doeleinden") {
		t.Fatalf("established without a lawful basis must name the purposes: %d", res.StatusCode)
	}
	form := url.Values{
		"name": {"Ledenadministratie"}, "code": {"2.2.1"}, "department": {"Publieksservice"}, "domain": {"Extern"}, "status": {"concept"},
		"p_desc": {"Uitlenen van materialen", ""}, "p_basis": {"b", ""}, "p_exc": {"", ""},
		"subjects": {"leden\r\nouders van jeugdleden"},
		"d_name":   {"NAW-gegevens", "Gezondheid", ""}, "d_kind": {"ordinary", "special", "ordinary"}, "d_ret": {"2 jaar na einde lidmaatschap", "", ""},
		"pr_name": {"BiSC", ""}, "pr_status": {"draft_sent", ""}, "pr_with": {"", ""}, "pr_note": {"", ""},
		"t_country": {"US", ""}, "t_safeguard": {"", ""},
		"systems": {"BicatWISE"}, "measure_ids": {strconv.FormatInt(m.ID, 10)}, "dpia": {"to_assess"}, "risk": {"yes"},
		"extra": {"Data Inw.: ja"},
	}
	res = c.postForm("/o/blij/register", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.StatusCode, res.Body)
	}
	id := idFromLocation(t, res.Header.Get("Location"))
	a, err := app.st.Activity(ctx, o.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Purposes[0].LawfulBasis != "b" || len(a.DataCategories) != 2 || a.DataCategories[0].Retention.Amount != 2 || a.Processors[0].AgreementStatus != register.AgreementDraftSent ||
		a.Transfers[0].Country != "US" || a.MeasureIDs[0] != m.ID || a.Extra["Data Inw."] != "ja" || len(a.SubjectCategories) != 2 {
		t.Errorf("stored activity: %+v", a)
	}
	view := c.get("/o/blij/register/" + strconv.FormatInt(id, 10))
	if view.StatusCode != 200 || !strings.Contains(view.Body, `id="gaps"`) || !strings.Contains(view.Body, "Versleuteling laptops") || !strings.Contains(view.Body, `href="/o/blij/register/`+strconv.FormatInt(id, 10)+`?tab=history"`) {
		t.Errorf("view: %d (gaps: special data without exception, US without safeguard)", view.StatusCode)
	}
	if !strings.Contains(view.Body, "lijst van adequaatheidsbesluiten met stand 01-12-2026") {
		t.Error("the view does not say which country list classified the transfer")
	}
	if res := c.get("/o/blij/register/" + strconv.FormatInt(id, 10) + "/edit"); res.StatusCode != 200 || !strings.Contains(res.Body, `value="2 jaar na einde lidmaatschap"`) {
		t.Errorf("edit form: %d", res.StatusCode)
	}
	form.Set("name", "Ledenadministratie bibliotheek")
	if res := c.postForm("/o/blij/register/"+strconv.FormatInt(id, 10), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d %s", res.StatusCode, res.Body)
	}
	res = c.postForm("/o/blij/register/"+strconv.FormatInt(id, 10)+"/copy", nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/edit") {
		t.Fatalf("copy: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	copyID := idFromLocation(t, res.Header.Get("Location"))
	cp, _ := app.st.Activity(ctx, o.ID, copyID)
	if cp.Code != "" || !strings.HasPrefix(cp.Name, "Ledenadministratie bibliotheek (") || cp.Processors[0].Name != "BiSC" {
		t.Errorf("copy: %+v", cp)
	}
	if res := c.postForm("/o/blij/register/"+strconv.FormatInt(id, 10)+"/review", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", res.StatusCode)
	}
	a, _ = app.st.Activity(ctx, o.ID, id)
	if a.LastReviewedBy == "" || a.LastReviewedAt == nil || a.NextReviewAt == nil || a.NextReviewAt.Sub(*a.LastReviewedAt) < 80*24*time.Hour {
		t.Errorf("review: by %q at %v next %v", a.LastReviewedBy, a.LastReviewedAt, a.NextReviewAt)
	}
	if res := c.postForm("/o/blij/register/"+strconv.FormatInt(id, 10)+"/retire", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("retire: %d", res.StatusCode)
	}
	if res := c.get("/o/blij/register"); strings.Contains(res.Body, ">Ledenadministratie bibliotheek</a>") {
		t.Error("a retired activity is listed among the current ones")
	}
	view = c.get("/o/blij/register/" + strconv.FormatInt(id, 10) + "?tab=history")
	// The status shows as the page shows it, in the user's language,
	// never as the stored value.
	for _, want := range []string{"fg@blij.example", "Ledenadministratie bibliotheek", "<ins>Vervallen</ins>"} {
		if !strings.Contains(view.Body, want) {
			t.Errorf("history lacks %q", want)
		}
	}
	if strings.Contains(view.Body, "<ins>retired</ins>") {
		t.Error("history shows the stored status value")
	}
	hist, _ := app.st.AuditLog(ctx, o.ID, store.AuditFilter{Entity: store.EntityActivity, EntityID: id})
	if len(hist) != 4 {
		t.Errorf("history: %d entries, want create, update, review, retire", len(hist))
	}
}

func TestRegisterReaderCannotEdit(t *testing.T) {
	app, o, _ := registerApp(t, true)
	app.user(o, "lezer@blij.example", org.Reader)
	c := app.signIn("lezer@blij.example")
	if res := c.get("/o/blij/register"); res.StatusCode != 200 || strings.Contains(res.Body, "/register/new") {
		t.Errorf("reader's list: %d", res.StatusCode)
	}
	if res := c.postForm("/o/blij/register", url.Values{"name": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("reader creates: %d", res.StatusCode)
	}
	app.user(o, "medewerker@blij.example", org.Employee)
	if res := app.signIn("medewerker@blij.example").get("/o/blij/register"); res.StatusCode != http.StatusForbidden {
		t.Errorf("employee reads the register: %d", res.StatusCode)
	}
}

// upload posts a file to the import page as a browser does.
func (c *client) regUpload(path, filename string, data []byte) response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var (
	selectRE   = regexp.MustCompile(`(?s)<select name="(col_\d+)"[^>]*>(.*?)</select>`)
	selectedRE = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	actionRE   = regexp.MustCompile(`action="(/o/blij/register/import/[0-9a-z]+)/preview"`)
)

// importFile runs the three steps of the import page with the mapping the
// page proposes, and returns the dry-run and the final page.
func importFile(t *testing.T, c *client, filename string, data []byte) (dry, done response) {
	t.Helper()
	res := c.regUpload("/o/blij/register/import", filename, data)
	if res.StatusCode != 200 {
		t.Fatalf("upload %s: %d %s", filename, res.StatusCode, res.Body)
	}
	m := actionRE.FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no mapping step for %s", filename)
	}
	form := url.Values{}
	for _, s := range selectRE.FindAllStringSubmatch(res.Body, -1) {
		v := ""
		if sel := selectedRE.FindStringSubmatch(s[2]); sel != nil {
			v = sel[1]
		}
		form.Set(s[1], v)
	}
	dry = c.postForm(m[1]+"/preview", form)
	done = c.postForm(m[1]+"/apply", form)
	return dry, done
}

// dutchExcel rewrites the seed CSV as a Dutch Excel saves it: semicolons,
// Windows-1252, CRLF, and the columns in another order.
func dutchExcel(t *testing.T, src []byte) []byte {
	recs, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	for _, r := range recs {
		n := len(r)
		out := append([]string{r[n-1], r[4]}, r[:4]...)
		out = append(out, r[5:n-1]...)
		w.Write(out)
	}
	w.Flush()
	enc, err := charmap.Windows1252.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

func TestRegisterImportPage(t *testing.T) {
	app, o, c := registerApp(t, false)
	ctx := context.Background()
	seed, err := os.ReadFile(testutil.SeedPath(t, "003_register.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dry, done := importFile(t, c, "003_register.csv", seed)
	if dry.StatusCode != 200 || !strings.Contains(dry.Body, "26 rijen: 26 nieuw, 0 bijgewerkt op nummer, 0 bijgewerkt op naam") {
		t.Fatalf("dry run: %d\n%s", dry.StatusCode, dry.Body)
	}
	if !strings.Contains(dry.Body, "rij 25") { // a warning on the MailChimp newsletter
		t.Error("the dry run shows no warnings with their row")
	}
	if done.StatusCode != 200 || !strings.Contains(done.Body, "26 verwerkingen aangemaakt, 0 bijgewerkt") {
		t.Fatalf("apply: %d\n%s", done.StatusCode, done.Body)
	}
	acts, _, _ := app.st.Activities(ctx, o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(acts) != 26 {
		t.Fatalf("%d activities", len(acts))
	}
	trail, _ := app.st.AuditLog(ctx, o.ID, store.AuditFilter{Entity: store.EntityActivity})
	if len(trail) != 26 || trail[0].Actor != "fg@blij.example" {
		t.Errorf("the import's audit rows: %d", len(trail))
	}
	// The same register from a Dutch Excel updates the 26, creates none,
	// and keeps the Dutch letters.
	dry, done = importFile(t, c, "register.csv", dutchExcel(t, seed))
	if !strings.Contains(dry.Body, "26 rijen: 0 nieuw, 26 bijgewerkt op nummer") || !strings.Contains(done.Body, "0 verwerkingen aangemaakt, 26 bijgewerkt") {
		t.Fatalf("re-import from Dutch Excel:\n%s\n%s", dry.Body, done.Body)
	}
	again, _, _ := app.st.Activities(ctx, o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(again) != 26 {
		t.Fatalf("after re-import: %d activities", len(again))
	}
	for i := range acts {
		a, b := acts[i], again[i]
		a.UpdatedAt, b.UpdatedAt = time.Time{}, time.Time{}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("Dutch Excel import changed %s:\n%s\n%s", a.Code, ja, jb)
		}
	}

	// An XLSX with an error: the dry run names row and column, apply writes nothing.
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Nr", "Verwerking", "Status", "GEB?"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"50", "Nieuwe verwerking", "concept", "nee"})
	// (An unknown status is no error: it is asked in the mapping step and
	// warned about; an answer that is not yes or no is.)
	x.SetSheetRow("Sheet1", "A3", &[]any{"51", "Foute verwerking", "bijna klaar", "misschien"})
	var xb bytes.Buffer
	x.WriteTo(&xb)
	dry, done = importFile(t, c, "fout.xlsx", xb.Bytes())
	if dry.StatusCode != 422 || !strings.Contains(dry.Body, "rij 3, kolom GEB?") || !strings.Contains(dry.Body, "Onbekende status") {
		t.Errorf("dry run of a bad XLSX: %d\n%s", dry.StatusCode, dry.Body)
	}
	if done.StatusCode != 422 {
		t.Errorf("apply of a bad XLSX: %d", done.StatusCode)
	}
	if n, _, _ := app.st.Activities(ctx, o.ID, store.ActivityFilter{IncludeRetired: true}); len(n) != 26 {
		t.Errorf("a refused import wrote %d activities", len(n)-26)
	}
	// Not a register at all.
	if res := c.regUpload("/o/blij/register/import", "zip.xlsx", []byte("PK\x03\x04 this is no zip")); res.StatusCode != 422 || !strings.Contains(res.Body, "errors") {
		t.Errorf("broken xlsx: %d", res.StatusCode)
	}
	// Another user cannot continue this user's upload.
	res := c.regUpload("/o/blij/register/import", "003_register.csv", seed)
	key := actionRE.FindStringSubmatch(res.Body)[1]
	app.user(o, "fg2@blij.example", org.PrivacyOfficer)
	if res := app.signIn("fg2@blij.example").postForm(key+"/apply", url.Values{}); res.StatusCode != 404 {
		t.Errorf("another user's upload: %d", res.StatusCode)
	}
}

func TestRegisterExports(t *testing.T) {
	_, _, c := registerApp(t, true)
	for format, magic := range map[string]string{"xlsx": "PK", "csv": "\uFEFF", "json": "{", "pdf": "%PDF"} {
		res := c.get("/o/blij/register/export?format=" + format)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Body, magic) {
			t.Errorf("%s: %d %q", format, res.StatusCode, res.Body[:min(len(res.Body), 20)])
			continue
		}
		cd := res.Header.Get("Content-Disposition")
		if !regexp.MustCompile(`^attachment; filename=verwerkingsregister-blij-\d{4}-\d{2}-\d{2}\.` + format + `$`).MatchString(cd) {
			t.Errorf("%s: Content-Disposition %q", format, cd)
		}
	}
	res := c.get("/o/blij/register/export?format=json&department=HR")
	var doc register.Export
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil || len(doc.Activities) != 7 || doc.Organisation.Name != "Organisatie blij" {
		t.Errorf("JSON export of the HR filter: %d activities, %v", len(doc.Activities), err)
	}
	if res := c.get("/o/blij/register/export?format=exe"); res.StatusCode != 422 {
		t.Errorf("unknown format: %d", res.StatusCode)
	}
}

func TestRegisterDashboardAndCadence(t *testing.T) {
	app, o, c := registerApp(t, true)
	if res := c.get("/o/blij/"); strings.Contains(res.Body, "Ledenadministratie") {
		t.Error("nothing is due right after the import")
	}
	if res := c.postForm("/o/blij/register/settings", url.Values{"review_months": {"12"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cadence: %d", res.StatusCode)
	}
	if rs, _ := app.st.RegisterSettings(context.Background(), o.ID); rs.ReviewMonths != 12 {
		t.Errorf("cadence: %+v", rs)
	}
	if res := c.postForm("/o/blij/register/settings", url.Values{"review_months": {"0"}}); res.StatusCode != 422 {
		t.Errorf("cadence 0: %d", res.StatusCode)
	}
	// Four months on, every review is late.
	if err := app.st.RawExec(context.Background(), "UPDATE activities SET next_review_at = ? WHERE org_id = ?", time.Now().AddDate(0, -1, 0).UTC(), o.ID); err != nil {
		t.Fatal(err)
	}
	res := c.get("/o/blij/")
	if !strings.Contains(res.Body, "Ledenadministratie") || !strings.Contains(res.Body, "en 11 andere verwerkingen") {
		t.Errorf("dashboard four months later lists no overdue reviews:\n%s", res.Body)
	}
	if res := c.get("/o/blij/register?overdue=1"); rowsOf(res.Body) != 26 {
		t.Errorf("overdue filter: %d", rowsOf(res.Body))
	}
}

func TestRegisterMeasuresAndProcessorPages(t *testing.T) {
	app, o, c := registerApp(t, false)
	if res := c.postForm("/o/blij/measures", url.Values{"name": {"Dagelijkse back-up"}, "kind": {"technical"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add measure: %d", res.StatusCode)
	}
	if res := c.postForm("/o/blij/measures", url.Values{"name": {""}, "kind": {"magisch"}}); res.StatusCode != 422 || !strings.Contains(res.Body, "Naam") {
		t.Errorf("bad measure: %d", res.StatusCode)
	}
	if res := c.get("/o/blij/measures"); !strings.Contains(res.Body, "Dagelijkse back-up") {
		t.Error("measure not listed")
	}
	form := url.Values{"controller_name": {"Bibliotheek Lek & IJssel"}, "controller_contact": {"fg@blij.nl"}, "categories": {"hosting\nback-up"},
		"t_country": {"CH", ""}, "t_safeguard": {"", ""}}
	if res := c.postForm("/o/blij/processor-register", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("processor record: %d %s", res.StatusCode, res.Body)
	}
	res := c.get("/o/blij/processor-register")
	if !strings.Contains(res.Body, "Bibliotheek Lek &amp; IJssel") || !strings.Contains(res.Body, "Zwitserland") {
		t.Errorf("processor's register: %s", res.Body)
	}
	form.Set("categories", "")
	if res := c.postForm("/o/blij/processor-register", form); res.StatusCode != 422 {
		t.Errorf("record without categories: %d", res.StatusCode)
	}
	recs, _ := app.st.ProcessorRecords(context.Background(), o.ID)
	if len(recs) != 1 {
		t.Errorf("%d records", len(recs))
	}
}

func TestRegisterAPI(t *testing.T) {
	app, o, _ := registerApp(t, true)
	u := app.user(o, "api@blij.example", org.PrivacyOfficer)
	tok := app.token(o, u)
	c := app.client()
	res := c.api("GET", "/api/v1/activities?department=HR&sort=-name&limit=3", tok, "")
	var list struct {
		Total      int                 `json:"total"`
		Activities []register.Activity `json:"activities"`
	}
	if err := json.Unmarshal([]byte(res.Body), &list); err != nil || res.StatusCode != 200 || list.Total != 7 || len(list.Activities) != 3 || list.Activities[0].Name != "Werving en selectie" {
		t.Fatalf("list: %d %+v %v", res.StatusCode, list, err)
	}
	res = c.api("POST", "/api/v1/activities", tok, `{"name":"Cameratoezicht","code":"3.1","purposes":[{"description":"Beveiliging","lawful_basis":"x"}]}`)
	if res.StatusCode != 422 || !strings.Contains(res.Body, "purposes[0].lawful_basis") {
		t.Errorf("bad create: %d %s", res.StatusCode, res.Body)
	}
	res = c.api("POST", "/api/v1/activities", tok, `{"name":"Cameratoezicht","code":"3.1","purposes":[{"description":"Beveiliging","lawful_basis":"f"}]}`)
	var a register.Activity
	if err := json.Unmarshal([]byte(res.Body), &a); res.StatusCode != 201 || err != nil || a.ID == 0 {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	id := strconv.FormatInt(a.ID, 10)
	a.Status = register.StatusEstablished
	a.Systems = []string{"camerasysteem"}
	body, _ := json.Marshal(a)
	if res := c.api("PUT", "/api/v1/activities/"+id, tok, string(body)); res.StatusCode != 200 || !strings.Contains(res.Body, "camerasysteem") {
		t.Errorf("update: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/activities/"+id+"/retire", tok, ""); res.StatusCode != 200 || !strings.Contains(res.Body, `"status": "retired"`) {
		t.Errorf("retire: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("GET", "/api/v1/activities/"+id+"/history", tok, ""); strings.Count(res.Body, `"action"`) != 3 {
		t.Errorf("history: %s", res.Body)
	}
	if res := c.api("GET", "/api/v1/register/exemption", tok, ""); !strings.Contains(res.Body, `"may_apply": false`) {
		t.Errorf("exemption: %s", res.Body)
	}
	// Import: dry run, then the real one, of the seed (all updates).
	seed, _ := os.ReadFile(testutil.SeedPath(t, "003_register.csv"))
	for _, path := range []string{"/api/v1/register/import/dry-run", "/api/v1/register/import"} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "003_register.csv")
		fw.Write(seed)
		mw.Close()
		req, _ := http.NewRequest("POST", c.base+path, &buf)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res := c.do(req)
		if res.StatusCode != 200 || !strings.Contains(res.Body, `"updated_by_code": 26`) || !strings.Contains(res.Body, `"created": 0`) {
			t.Errorf("%s: %d %s", path, res.StatusCode, res.Body[:min(400, len(res.Body))])
		}
	}
	doc := c.api("GET", "/api/v1/openapi.json", tok, "")
	for _, p := range []string{`"/api/v1/activities"`, `"/api/v1/activities/{id}/retire"`, `"/api/v1/register/import/dry-run"`, `"/api/v1/register/import"`} {
		if !strings.Contains(doc.Body, p) {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
}
