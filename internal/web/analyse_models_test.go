package web_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/testutil"
)

// The analysis page compares the uploaded agreement with the model
// agreements: per model a table of requirement, source, status and quote.
// The text falls short of SCC 2021/915 clause 7.7(a) (sub-processors at
// will, no notice) and clause 9.2(a) (96 hours, no "without undue delay").
func TestAnalysePageModels(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	c := app.signIn(po.Email)
	text := "Data Processing Agreement\n\n1. Sub-processors\n1.1 The Processor may engage sub-processors at its discretion without notice to the Customer.\n\n2. Breaches\n2.1 The Processor shall notify the Customer of a Personal Data Breach within 96 hours.\n"
	res := c.upload("/o/lib/agreements/analyse", "dpa.txt", []byte(text), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("analyse: %d %s", res.StatusCode, res.Body)
	}
	if p := os.Getenv("PRIVACYREGISTER_SAVE_ANALYSIS_HTML"); p != "" {
		_ = os.WriteFile(p, []byte(res.Body), 0o600)
	}
	for _, want := range []string{
		"Vergelijking met modelovereenkomsten", "Standaardcontractbepalingen art. 28 AVG",
		"Model Verwerkersovereenkomst 4.0", "SCC 2021/915 clausule 7.7(a)",
		// the requirement in Dutch, the status as a badge, the agreement's words
		"Subverwerkers alleen met voorafgaande specifieke toestemming",
		`<tr data-status="weaker">`, `<span class="badge warn">zwakker</span>`,
		"<q>2.1 The Processor shall notify the Customer of a Personal Data Breach within 96 hours.</q>",
		// nothing on audits: missing, said so instead of a quote
		`<span class="badge bad">ontbreekt</span>`, "niet geregeld in de overeenkomst",
		// no clause letting the processor change the agreement: meets, no quote
		"niets gevonden dat dit tegenspreekt",
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("analysis page lacks %q", want)
		}
	}
}

// The API's analysis carries the same comparison as the extra field
// "models"; on seed 001 the 48-hour deadline with "zonder onredelijke
// vertraging" is stronger than SCC 2021/915 clause 9.2(a).
func TestAnalyseAPIModels(t *testing.T) {
	app := newTestApp(t)
	o := app.org("lib")
	po := app.user(o, "po@lib.example", org.PrivacyOfficer)
	tok := app.token(o, po)
	data, err := os.ReadFile(testutil.SeedPath(t, "001"))
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
	var an struct {
		Models []struct {
			Model string
			Items []struct {
				Item, Source, Status, Value string
				Quote                       *struct{ Quote string }
			}
		}
	}
	if err := json.Unmarshal([]byte(res.Body), &an); err != nil {
		t.Fatal(err)
	}
	if len(an.Models) != 2 || an.Models[0].Model != "scc-2021-915" {
		t.Fatalf("models: %+v", an.Models)
	}
	found := false
	for _, it := range an.Models[0].Items {
		if it.Item == "breach" {
			found = true
			if it.Status != "stronger" || it.Value != "48 hours" || it.Source != "SCC 2021/915 clause 9.2(a)" || it.Quote == nil || !strings.Contains(it.Quote.Quote, "48") {
				t.Errorf("breach item: %+v", it)
			}
		}
	}
	if !found {
		t.Error("no breach item")
	}
}
