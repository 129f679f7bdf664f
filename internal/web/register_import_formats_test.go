package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The mapping step names the tool a file comes from and the sheets it
// read, asks what an unknown status value stands for, and the answer
// carries through the dry run to the import.
func TestRegisterImportCISOWorkbook(t *testing.T) {
	app, o, c := registerApp(t, false)
	data, err := os.ReadFile("../register/testdata/ciso_workbook.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	res := c.regUpload("/o/blij/register/import", "processing.xlsx", data)
	if res.StatusCode != 200 || !strings.Contains(res.Body, "Herkend: de verwerkingenwerkmap van CISO Assistant.") ||
		!strings.Contains(res.Body, "Processing, Purposes, Personal data") || !strings.Contains(res.Body, `name="status_of_0" value="privacy_archived"`) ||
		!strings.Contains(res.Body, `tabblad Contractors, rij 4: Deze rij noemt verwerking &#34;LL-99&#34;`) {
		t.Fatalf("mapping step: %d\n%s", res.StatusCode, res.Body)
	}
	m := actionRE.FindStringSubmatch(res.Body)
	form := url.Values{}
	for _, s := range selectRE.FindAllStringSubmatch(res.Body, -1) {
		if sel := selectedRE.FindStringSubmatch(s[2]); sel != nil {
			form.Set(s[1], sel[1])
		} else {
			form.Set(s[1], "")
		}
	}
	form.Set("status_of_0", "privacy_archived")
	form.Set("status_value_0", string(register.StatusRetired))
	dry := c.postForm(m[1]+"/preview", form)
	if dry.StatusCode != 200 || !strings.Contains(dry.Body, "2 rijen: 2 nieuw") || strings.Contains(dry.Body, "Onbekende status") ||
		!strings.Contains(dry.Body, `name="status_value_0" value="retired"`) ||
		!strings.Contains(dry.Body, "Vervallen · doelen: 2 · categorieën betrokkenen: 1 · categorieën persoonsgegevens: 2 · verwerkers: 1 · ontvangers: 1") {
		t.Fatalf("dry run: %d\n%s", dry.StatusCode, dry.Body)
	}
	done := c.postForm(m[1]+"/apply", form)
	if done.StatusCode != 200 || !strings.Contains(done.Body, "2 verwerkingen aangemaakt") {
		t.Fatalf("apply: %d\n%s", done.StatusCode, done.Body)
	}
	acts, _, _ := app.st.Activities(context.Background(), o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(acts) != 2 || acts[0].Status != register.StatusRetired || len(acts[0].Purposes) != 2 || len(acts[0].Processors) != 1 || len(acts[1].Transfers) != 1 {
		t.Fatalf("imported: %+v", acts)
	}
}

// The government register's export is read from its ZIP.
func TestRegisterImportRDOExport(t *testing.T) {
	app, o, c := registerApp(t, false)
	data, err := os.ReadFile("../register/testdata/rdo_export.zip")
	if err != nil {
		t.Fatal(err)
	}
	dry, done := importFile(t, c, "export.zip", data)
	if !strings.Contains(dry.Body, "Herkend: een export van het verwerkingsregister van de Rijksoverheid (JSON in ZIP).") || !strings.Contains(dry.Body, "3 rijen: 3 nieuw") {
		t.Fatalf("dry run: %d\n%s", dry.StatusCode, dry.Body)
	}
	if done.StatusCode != 200 || !strings.Contains(done.Body, "3 verwerkingen aangemaakt") {
		t.Fatalf("apply: %d\n%s", done.StatusCode, done.Body)
	}
	acts, _, _ := app.st.Activities(context.Background(), o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(acts) != 3 || acts[0].Code != "M1" || len(acts[0].MeasureIDs) != 1 {
		t.Fatalf("imported: %+v", acts)
	}
}

// The API takes the same files, reports the layout and the unknown status
// values, and takes their answers in the mapping as "status=<value>".
func TestRegisterImportAPIFormats(t *testing.T) {
	app, o, _ := registerApp(t, false)
	tok := app.token(o, app.user(o, "api@blij.example", org.PrivacyOfficer))
	c := app.client()
	data, err := os.ReadFile("../register/testdata/ciso_workbook.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	post := func(path, mapping string) response {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "processing.xlsx")
		fw.Write(data)
		if mapping != "" {
			mw.WriteField("mapping", mapping)
		}
		mw.Close()
		req, _ := http.NewRequest("POST", c.base+path, &buf)
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return c.do(req)
	}
	dry := post("/api/v1/register/import/dry-run", "")
	if dry.StatusCode != 200 || !strings.Contains(dry.Body, `"layout": "ciso-assistant"`) || !strings.Contains(dry.Body, `"unknown_statuses": [`) ||
		!strings.Contains(dry.Body, `"created": 2`) || !strings.Contains(dry.Body, "privacy_archived") {
		t.Fatalf("dry run: %d %s", dry.StatusCode, dry.Body)
	}
	res := post("/api/v1/register/import", `{"status=privacy_archived": "retired"}`)
	if res.StatusCode != 200 || !strings.Contains(res.Body, `"applied": true`) {
		t.Fatalf("import: %d %s", res.StatusCode, res.Body)
	}
	acts, _, _ := app.st.Activities(context.Background(), o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(acts) != 2 || acts[0].Status != register.StatusRetired {
		t.Fatalf("imported: %+v", acts)
	}
}
