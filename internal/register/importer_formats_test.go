package register

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cisoWorkbook builds a processing workbook in CISO Assistant's layout:
// the sheets and columns its import reads, with our own invented content.
func cisoWorkbook(t *testing.T, status string) []byte {
	t.Helper()
	f := excelize.NewFile()
	sheets := map[string][][]any{
		"Processing": {
			{"ref_id", "name", "description", "domain", "status", "processing_nature", "information_channel", "usage_channel", "dpia_required", "dpia_reference", "assigned_to", "labels"},
			{"LL-01", "Leerlingadministratie", "Inschrijving en voortgang", "Onderwijs", status, "", "", "", "TRUE", "DPIA-7"},
			{"LL-02", "Nieuwsbrief", "", "", "privacy_approved", "", "", "", "FALSE"},
		},
		"Purposes": {
			{"processing", "name", "description", "legal_basis", "article_9_condition"},
			{"", "Onderwijs geven", "", "privacy_public_interest"},
			{"LL-02", "Ouders informeren", "", "privacy_consent"},
			{"Nieuwsbrief", "Evenementen", "", "Legitimate Interests"},
			{"", "Zorg", "", "privacy_mystery_basis"},
		},
		"Personal data": {
			{"processing_name", "name", "description", "category", "retention", "deletion_policy", "is_sensitive"},
			{"Leerlingadministratie", "NAW", "", "privacy_identity", "5 years", "privacy_automatic_deletion", "FALSE"},
			{"Leerlingadministratie", "Dyslexieverklaring", "", "privacy_health_data", "5 years", "", "TRUE"},
			{"LL-02", "E-mailadres", "", "privacy_contact", "2 years", "", "FALSE"},
		},
		"Data subjects":   {{"name", "description", "category"}, {"Leerlingen", "", "privacy_minor"}},
		"Data recipients": {{"processing", "name", "description", "category"}, {"LL-01", "DUO", "", "privacy_public_authority"}},
		"Contractors": {
			{"processing", "name", "description", "entity", "relationship_type", "country", "documentation_link"},
			{"LL-01", "Schoolsoft BV", "", "", "privacy_data_processor", "NL"},
			{"LL-01", "Samenwerkingsverband", "", "", "privacy_joint_controller", "NL"},
			{"LL-99", "Spook", "", "", "privacy_data_processor", "NL"},
		},
		"Transfers": {
			{"processing", "name", "description", "entity", "country", "transfer_mechanism", "guarantees"},
			{"LL-02", "Mailingdienst", "", "", "US", "privacy_standard_contractual_clauses", "SCC 2021"},
			{"LL-02", "Elders", "", "", "Atlantis", "privacy_derogation"},
		},
	}
	for _, name := range []string{"Processing", "Purposes", "Personal data", "Data subjects", "Data recipients", "Contractors", "Transfers"} {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func planOf(t *testing.T, tab *Table, m Mapping) *ImportPlan {
	t.Helper()
	p, err := Plan(tab, m, nil, Refs{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Err(); err != nil {
		t.Fatalf("rows with errors: %v", err)
	}
	return p
}

func TestCISOWorkbook(t *testing.T) {
	tab, err := ParseFile("register.xlsx", bytes.NewReader(cisoWorkbook(t, "privacy_in_review")), 0)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Layout != LayoutCISO || len(tab.Sheets) != 7 {
		t.Fatalf("layout %q sheets %q", tab.Layout, tab.Sheets)
	}
	p := planOf(t, tab, AutoMapping(tab.Headers))
	if len(p.Rows) != 2 {
		t.Fatalf("%d rows, want one per processing", len(p.Rows))
	}
	a, b := p.Rows[0].Activity, p.Rows[1].Activity
	if a.Code != "LL-01" || a.Name != "Leerlingadministratie" || a.Department != "Onderwijs" || a.Status != StatusInReview || a.DPIANeeded != DPIAYes || a.DPIARef != "DPIA-7" {
		t.Errorf("processing row: %+v", a)
	}
	// Child rows without a processing column belong to the first
	// processing; others are linked by ref_id or by name.
	if len(a.Purposes) != 2 || a.Purposes[0].LawfulBasis != "e" || !strings.Contains(a.Purposes[1].Description, "mystery basis") || a.Purposes[1].LawfulBasis != "" {
		t.Errorf("purposes of the first: %+v", a.Purposes)
	}
	if len(b.Purposes) != 2 || b.Purposes[0].LawfulBasis != "a" || b.Purposes[1].LawfulBasis != "f" || b.Status != StatusEstablished {
		t.Errorf("second: %+v", b)
	}
	if len(a.DataCategories) != 2 || a.DataCategories[1].Kind != KindSpecial || a.Retention.Amount != 5 || a.Retention.Unit != Years {
		t.Errorf("data of the first: %+v, retention %+v", a.DataCategories, a.Retention)
	}
	if len(a.SubjectCategories) != 1 || len(a.Recipients) != 1 || len(a.Processors) != 1 || a.Processors[0].Name != "Schoolsoft BV" || len(a.JointControllers) != 1 {
		t.Errorf("subjects %q recipients %q processors %+v joint %+v", a.SubjectCategories, a.Recipients, a.Processors, a.JointControllers)
	}
	if len(b.Transfers) != 1 || b.Transfers[0].Country != "US" || !strings.Contains(b.Transfers[0].Safeguard, "SCC 2021") || b.Extra["Other transfers"] == "" {
		t.Errorf("transfers %+v extra %q", b.Transfers, b.Extra)
	}
	// Unknown values are notes, never errors: the processing LL-99, the
	// basis, the country.
	var notes []string
	for _, n := range tab.Notes {
		notes = append(notes, n.Text("en"))
	}
	if len(notes) != 3 || !strings.Contains(strings.Join(notes, "\n"), `"LL-99"`) {
		t.Errorf("notes: %q", notes)
	}
}

// An unknown status does not stop the import: a warning, until the mapping
// step gives the value a status.
func TestCISOUnknownStatus(t *testing.T) {
	tab, err := ParseFile("register.xlsx", bytes.NewReader(cisoWorkbook(t, "privacy_archived")), 0)
	if err != nil {
		t.Fatal(err)
	}
	m := AutoMapping(tab.Headers)
	if got := UnknownStatuses(tab, m); len(got) != 1 || got[0] != "privacy_archived" {
		t.Fatalf("unknown statuses %q", got)
	}
	p := planOf(t, tab, m)
	if r := p.Rows[0]; r.Activity.Status != StatusConcept || len(r.Warnings) == 0 || !strings.Contains(r.Warnings[0].Text("en"), "privacy_archived") {
		t.Fatalf("without an answer: %s, %+v", r.Activity.Status, r.Warnings)
	}
	m[StatusValueKey("privacy_archived")] = Field(StatusRetired)
	if r := planOf(t, tab, m).Rows[0]; r.Activity.Status != StatusRetired {
		t.Fatalf("with the answer: %s", r.Activity.Status)
	}
}

// rdoZip builds an export in the government register's layout: folders per
// register, JSON files with a BOM, the field names its import reads.
func rdoZip(t *testing.T, extra map[string]string) []byte {
	t.Helper()
	avg := []map[string]any{{
		"Status": "Vastgesteld", "Id": 1, "Naam": "Parkeervergunningen", "Nummer": "M1", "Dienst": "Publiekszaken",
		"Verantwoordelijken": []any{map[string]any{"Naam": "College van B&W"}},
		"Contactpersonen":    []any{map[string]any{"Naam": "J. de Vries", "Functie": "privacyadviseur"}},
		"Verwerkers":         []any{map[string]any{"Naam": "Parkeer BV"}},
		"Doelen": []any{map[string]any{"Doel": "Vergunning verlenen", "Rechtsgrond": "Algemeen belang"},
			map[string]any{"Doel": "Handhaving", "Rechtsgrond": "Verordening art. 3"}},
		"Betrokkenen": []any{map[string]any{"Omschrijving": "Aanvragers", "Gezondheid": true,
			"Gegevens": []any{map[string]any{"Omschrijving": "Kenteken", "Bewaartermijn": "2 jaar"}}}},
		"Systemen":    []any{map[string]any{"Omschrijving": "Zaaksysteem"}},
		"Ontvangers":  []any{map[string]any{"Omschrijving": "RDW"}},
		"Beveiliging": map[string]any{"Maatregelen": []any{"Versleutelde opslag"}, "Encryptie": "Ja, AES", "Toegang": []any{"Medewerkers"}},
		"Doorgifte":   map[string]any{"BuitenEu": true, "BuitenEuOmschrijving": "Verenigde Staten", "BuitenEuPassendBeschermingsniveauOmschrijving": "DPF"},
	}, {"Status": "Concept-X", "Naam": "Bezwaarschriften", "Nummer": "M2"}}
	wpg := []map[string]any{{
		"Status": "InBewerking", "Naam": "Boa-registratie", "Nummer": "M3",
		"Doelen":      []any{map[string]any{"Artikel8": true, "Artikel9": false, "Toelichting": "handhaving"}},
		"Betrokkenen": map[string]any{"Verdachten": true, "Slachtoffers": false},
		"Ontvanger":   map[string]any{"Artikel15": true, "Artikel16": false},
	}}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, v any) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		w.Write(append([]byte("\xEF\xBB\xBF"), b...))
	}
	put("AVG Verantwoordelijke Verwerkingen/JSON/Gemeente / Publiekszaken.json", avg)
	put("WPG Verantwoordelijke Verwerkingen/JSON/Gemeente.json", wpg)
	put("Algoritmes/JSON/a.json", []any{map[string]any{"Naam": "skipped"}})
	for name, body := range extra {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRDOExport(t *testing.T) {
	tab, err := ParseFile("export.zip", bytes.NewReader(rdoZip(t, nil)), 0)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Layout != LayoutRDO || len(tab.Sheets) != 2 {
		t.Fatalf("layout %q files %q", tab.Layout, tab.Sheets)
	}
	p := planOf(t, tab, AutoMapping(tab.Headers))
	if len(p.Rows) != 3 {
		t.Fatalf("%d rows, want 3 (the algorithm register is skipped)", len(p.Rows))
	}
	a := p.Rows[0].Activity
	if a.Code != "M1" || a.Status != StatusEstablished || a.Department != "Publiekszaken" || a.Contact != "J. de Vries (privacyadviseur)" {
		t.Errorf("record: %+v", a)
	}
	if len(a.Purposes) != 2 || a.Purposes[0].LawfulBasis != "e" || a.Purposes[1].LawfulBasis != "" || !strings.Contains(a.Purposes[1].Description, "Verordening") {
		t.Errorf("purposes %+v", a.Purposes)
	}
	if len(a.DataCategories) != 2 || a.DataCategories[1].Kind != KindSpecial || a.Retention.Amount != 2 {
		t.Errorf("data %+v retention %+v", a.DataCategories, a.Retention)
	}
	if len(a.Processors) != 1 || len(a.Systems) != 1 || len(a.Recipients) != 1 || len(a.Transfers) != 1 || a.Transfers[0].Country != "US" {
		t.Errorf("processors %+v systems %q recipients %q transfers %+v", a.Processors, a.Systems, a.Recipients, a.Transfers)
	}
	if nm := p.Rows[0].NewMeasures; len(nm) != 1 || nm[0].Name != "Versleutelde opslag" || !strings.Contains(a.Extra["Security notes"], "AES") {
		t.Errorf("measures %+v, notes %q", nm, a.Extra["Security notes"])
	}
	if r := p.Rows[1]; r.Activity.Status != StatusConcept || len(r.Warnings) == 0 {
		t.Errorf("unknown status: %s %+v", r.Activity.Status, r.Warnings)
	}
	w := p.Rows[2].Activity
	if w.Extra["Register"] != "WPG Verantwoordelijke Verwerkingen" || len(w.SubjectCategories) != 1 || w.SubjectCategories[0] != "Verdachten" ||
		!strings.Contains(w.Purposes[0].Description, "art. 8 Wpg") || len(w.Recipients) != 1 {
		t.Errorf("WPG record: %+v", w)
	}
	if len(tab.Notes) != 1 {
		t.Errorf("notes %+v", tab.Notes)
	}
}

func TestRDOExportRefused(t *testing.T) {
	for name, extra := range map[string]map[string]string{
		"path traversal": {"AVG Verwerker Verwerkingen/JSON/../../../etc/x.json": "[]"},
		"not JSON":       {"AVG Verwerker Verwerkingen/JSON/b.json": "{"},
		// 30 MB of spaces pack into a few kB: refused before reading.
		"zip bomb": {"AVG Verwerker Verwerkingen/JSON/c.json": "[" + strings.Repeat(" ", 30<<20) + "]"},
	} {
		if _, err := ParseFile("export.zip", bytes.NewReader(rdoZip(t, extra)), 0); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// The headings of the VNG/IBD model register are recognised and mapped.
func TestVNGLayout(t *testing.T) {
	csv := "Naam verwerkingsactiviteit;Verwerkingsdoeleinden;Rechtmatige grondslag;Categorieën van betrokkenen;Categorieën van persoonsgegevens;Ketenpartners;Doorgifte naar het buitenland;Bewaartermijn;Technische en organisatorische maatregelen;Verwerkingsverantwoordelijke\n" +
		"Burgerzaken;Paspoort aanvragen;wettelijke verplichting;Inwoners;NAW;RvIG;;10 jaar;;College van B&W\n"
	tab, err := ParseFile("register.csv", strings.NewReader(csv), 0)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Layout != LayoutVNG {
		t.Fatalf("layout %q", tab.Layout)
	}
	m := AutoMapping(tab.Headers)
	want := []Field{FieldName, FieldPurposes, FieldLawfulBasis, FieldSubjects, FieldDataCategories, FieldRecipients, FieldTransfers, FieldRetention, FieldMeasures, FieldOwner}
	for i, h := range tab.Headers {
		if m[h] != want[i] {
			t.Errorf("%q -> %q, want %q", h, m[h], want[i])
		}
	}
	a := planOf(t, tab, m).Rows[0].Activity
	if a.Name != "Burgerzaken" || a.Purposes[0].LawfulBasis != "c" || a.Retention.Amount != 10 || a.Recipients[0] != "RvIG" {
		t.Errorf("%+v", a)
	}
}

var updateFixtures = flag.Bool("update-fixtures", false, "rewrite testdata/ciso_workbook.xlsx and testdata/rdo_export.zip")

// TestFixtureFiles keeps the fixture files the web, API and command-line
// tests import (our own content, in the tools' formats) readable as
// their layout; -update-fixtures writes them anew from the builders above.
func TestFixtureFiles(t *testing.T) {
	files := map[string]func() []byte{
		"ciso_workbook.xlsx": func() []byte { return cisoWorkbook(t, "privacy_archived") },
		"rdo_export.zip":     func() []byte { return rdoZip(t, nil) },
	}
	for name, build := range files {
		path := filepath.Join("testdata", name)
		if *updateFixtures {
			if err := os.WriteFile(path, build(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := ParseFile(name, bytes.NewReader(data), 0)
		if err != nil {
			t.Fatal(err)
		}
		if tab.Layout == "" || len(tab.Rows) < 2 {
			t.Errorf("%s: layout %q, %d rows", name, tab.Layout, len(tab.Rows))
		}
	}
}
