package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/dpia"
	"privacyregister/internal/org"
	reportpkg "privacyregister/internal/report"
	"privacyregister/internal/store"
)

// zipPart returns one part of a zip package.
func zipPart(t *testing.T, body, name string) string {
	t.Helper()
	z, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	t.Fatalf("package lacks %s", name)
	return ""
}

// docxDocument unzips a DOCX, checks its parts are well-formed XML and
// returns the text of word/document.xml.
func docxDocument(t *testing.T, body string) string {
	t.Helper()
	z, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var text strings.Builder
	seen := 0
	for _, f := range z.File {
		switch f.Name {
		case "[Content_Types].xml", "_rels/.rels", "word/document.xml":
			seen++
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if cd, ok := tok.(xml.CharData); ok && f.Name == "word/document.xml" {
				text.Write(cd)
				text.WriteString("\n")
			}
		}
	}
	if seen != 3 {
		t.Fatalf("DOCX has %d of the 3 parts", seen)
	}
	return text.String()
}

// TestAnnualReportPageAndDownloads: a year with a reviewed agreement and a
// decided DPIA shows the figures on the page and in both downloads; a
// reader (lezer) may see it, the year is checked.
func TestAnnualReportPageAndDownloads(t *testing.T) {
	app := newTestApp(t)
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	ctx := context.Background()
	reviewed := time.Date(2026, 2, 16, 10, 0, 0, 0, time.UTC)
	decided := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	ag := &agreement.Agreement{OrgID: o.ID, Title: "Verwerkersovereenkomst Wise", Status: agreement.StatusSigned}
	d := &store.DPIA{Title: "Cameratoezicht", State: dpia.Decided, Decision: "Doorgaan", DecidedBy: "Directeur", DecidedAt: &decided}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		if err := tx.AddReview(ctx, &agreement.Review{OrgID: o.ID, AgreementID: ag.ID, ReviewedAt: reviewed, Reviewer: "FG", Conclusion: "ok"}); err != nil {
			return err
		}
		return tx.CreateDPIA(ctx, o.ID, d)
	}); err != nil {
		t.Fatal(err)
	}
	c := app.signIn(po.Email)
	page := c.get("/o/bieb/annual-report?year=2026")
	for _, want := range []string{"Jaarverslag", "Privacy in 2026", "Getekende overeenkomsten: 1. Beoordelingen dit jaar: 1 (in orde: 1;",
		"DPIA&#39;s vastgesteld dit jaar: 1", "/o/bieb/annual-report/2026.docx", "/o/bieb/dpias/" + strconv.FormatInt(d.ID, 10) + "/docx"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if other := c.get("/o/bieb/annual-report?year=2025"); !strings.Contains(other.Body, "Beoordelingen dit jaar: 0") {
		t.Errorf("2025 shows 2026's review")
	}
	if bad := c.get("/o/bieb/annual-report?year=abc"); bad.StatusCode == http.StatusOK {
		t.Errorf("year abc: %d", bad.StatusCode)
	}

	docx := c.get("/o/bieb/annual-report/2026.docx")
	if docx.StatusCode != http.StatusOK || !strings.Contains(docx.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(docx.Header.Get("Content-Type"), "wordprocessingml") {
		t.Fatalf("docx: %d %v", docx.StatusCode, docx.Header)
	}
	if text := docxDocument(t, docx.Body); !strings.Contains(text, "Verwerkersovereenkomst Wise") || !strings.Contains(text, "Cameratoezicht") {
		t.Errorf("docx lacks the review or the DPIA:\n%s", text)
	}
	pdf := c.get("/o/bieb/annual-report/2026.pdf")
	if pdf.StatusCode != http.StatusOK || !strings.HasPrefix(pdf.Body, "%PDF") || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("pdf: %d %.10q", pdf.StatusCode, pdf.Body)
	}
	// OpenDocument, the Dutch government's open standard, beside Word.
	odt := c.get("/o/bieb/annual-report/2026.odt")
	if odt.StatusCode != http.StatusOK || odt.Header.Get("Content-Type") != reportpkg.ODTContentType || !strings.Contains(odt.Header.Get("Content-Disposition"), ".odt") {
		t.Errorf("odt: %d %v", odt.StatusCode, odt.Header)
	}
	if content := zipPart(t, odt.Body, "content.xml"); !strings.Contains(content, "Verwerkersovereenkomst Wise") || !strings.Contains(content, "Cameratoezicht") {
		t.Errorf("odt lacks the review or the DPIA")
	}
	if content := zipPart(t, c.get("/o/bieb/dpias/"+strconv.FormatInt(d.ID, 10)+"/odt").Body, "content.xml"); !strings.Contains(content, "Gegevensbeschermingseffectbeoordeling: Cameratoezicht") {
		t.Errorf("dpia odt lacks its title")
	}
	for _, p := range []string{"/o/bieb/annual-report/2026.doc", "/o/bieb/annual-report/x.pdf"} {
		if res := c.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}

	dx := c.get("/o/bieb/dpias/" + strconv.FormatInt(d.ID, 10) + "/docx")
	if dx.StatusCode != http.StatusOK {
		t.Fatalf("dpia docx: %d", dx.StatusCode)
	}
	if text := docxDocument(t, dx.Body); !strings.Contains(text, "Gegevensbeschermingseffectbeoordeling: Cameratoezicht") || !strings.Contains(text, "Directeur") {
		t.Errorf("dpia docx:\n%s", text)
	}
	// The PDF route next to it still answers.
	if res := c.get("/o/bieb/dpias/" + strconv.FormatInt(d.ID, 10) + "/pdf"); !strings.HasPrefix(res.Body, "%PDF") {
		t.Errorf("dpia pdf: %d", res.StatusCode)
	}

	lezer := app.user(o, "lezer@bieb.example", org.Reader)
	if res := app.signIn(lezer.Email).get("/o/bieb/annual-report"); res.StatusCode != http.StatusOK {
		t.Errorf("reader: %d", res.StatusCode)
	}
}
