package register

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"privacyregister/internal/apperr"
)

// bombXLSX writes a valid workbook whose sheet unpacks to about size bytes
// of varied rows (so the zip ratio stays far under the ratio cap, as in
// the report: 4.9 MB unpacking to 398 MB). The file on disk is small.
func bombXLSX(t *testing.T, rows, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	fmt.Fprint(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c><c r="B1" t="inlineStr"><is><t>Omschrijving</t></is></c></row>`)
	rng := rand.New(rand.NewPCG(1, 2))
	pad := strings.Repeat(" ", 0)
	if rows > 0 {
		pad = strings.Repeat("lorem ipsum ", max(0, size/rows/12-4))
	}
	for r := 2; r <= rows+1; r++ {
		fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Verwerking %x</t></is></c><c r="B%d" t="inlineStr"><is><t>%s%x</t></is></c></row>`,
			r, r, rng.Uint64(), r, pad, rng.Uint64())
	}
	fmt.Fprint(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXBombUnderRatioCap: an .xlsx of a few MB that unpacks to hundreds
// was accepted (the ratio stayed under the cap): 62 s and 3.86 GB. The
// unpacked size is now capped (50 MB by default), before excelize reads.
func TestXLSXBombUnderRatioCap(t *testing.T) {
	data := bombXLSX(t, 200_000, 120<<20)
	if len(data) > DefaultMaxBytes {
		t.Fatalf("the test bomb is %d bytes, over the upload limit", len(data))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ParseFile("bomb.xlsx", bytes.NewReader(data), 0)
	runtime.ReadMemStats(&after)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "unpacks to more than 50 MB") {
		t.Fatalf("bomb of %d KB: %v", len(data)>>10, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("refusing the bomb allocated %d MB", grew>>20)
	}
}

// TestImportRowAndCellLimits: rows and cells are counted while the sheet
// is read as a stream, and reading stops at the limit.
func TestImportRowAndCellLimits(t *testing.T) {
	lim := DefaultLimits
	lim.MaxRows, lim.MaxCells = 1000, 1_000_000
	_, err := ParseFileWith("rows.xlsx", bytes.NewReader(bombXLSX(t, 1500, 0)), lim)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "more than 1000 rows") {
		t.Fatalf("1500 rows over a limit of 1000: %v", err)
	}
	lim.MaxRows, lim.MaxCells = 100_000, 2000
	_, err = ParseFileWith("cells.xlsx", bytes.NewReader(bombXLSX(t, 1500, 0)), lim)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "more than 2000 filled cells") {
		t.Fatalf("3000 cells over a limit of 2000: %v", err)
	}
	var csv strings.Builder
	csv.WriteString("Naam;Doel\n")
	for i := range 1500 {
		fmt.Fprintf(&csv, "Verwerking %d;doel\n", i)
	}
	lim.MaxRows, lim.MaxCells = 1000, 1_000_000
	if _, err := ParseFileWith("rows.csv", strings.NewReader(csv.String()), lim); !strings.Contains(errText(err), "more than 1000 rows") {
		t.Fatalf("CSV rows: %v", err)
	}
	// Within the limits, the same file reads.
	if tb, err := ParseFileWith("ok.xlsx", bytes.NewReader(bombXLSX(t, 500, 0)), DefaultLimits); err != nil || len(tb.Rows) != 500 {
		t.Fatalf("500 rows: %v", err)
	}
}

// TestImportBadBytesNamed: invalid UTF-8 was read as Windows-1252 and
// imported with exit 0; a NUL byte was stored. Now both are errors naming
// row and column; a file that is entirely Windows-1252 still reads.
func TestImportBadBytesNamed(t *testing.T) {
	cases := map[string]struct {
		data string
		want string
	}{
		"UTF-8 with a broken byte": {"Naam;Eigenaar\nCafé;Zoë\nBad \xff row;X\n", "row 3, column Naam"},
		"NUL":                      {"Naam;Eigenaar\nLeden;A\x00B\n", "row 2, column Eigenaar"},
		"undefined in both":        {"Naam;Eigenaar\nCaf\xe9;\x81\n", "row 2, column Eigenaar"},
	}
	for name, c := range cases {
		_, err := ParseFile("x.csv", strings.NewReader(c.data), 0)
		if apperr.HTTPStatus(err) != 422 || !strings.Contains(errText(err), c.want) {
			t.Errorf("%s: %v, want an error at %s", name, err, c.want)
		}
	}
	tb, err := ParseFile("x.csv", strings.NewReader("Naam;Eigenaar\nCaf\xe9;Zo\xeb\n"), 0)
	if err != nil || tb.Encoding != "windows-1252" || tb.Rows[0].Cells[0] != "Café" || tb.Rows[0].Cells[1] != "Zoë" {
		t.Fatalf("Windows-1252: %+v %v", tb, err)
	}
	// A 10 MB name is an error of its row and column in the plan.
	tb, err = ParseFile("x.csv", strings.NewReader("Naam;Eigenaar\n"+strings.Repeat("x", 10<<20)+";A\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plan(tb, AutoMapping(tb.Headers), nil, Refs{})
	if err != nil || p.OK() || !strings.Contains(p.Rows[0].Errors[0].Text("en"), "row 2, column Naam: The text is too long") {
		t.Fatalf("10 MB name: %v %+v", err, p.Rows[0].Errors)
	}
}

// TestRegisterCSVEscapesFormulas: values starting with = + - @ TAB CR were
// written unchanged, so Excel ran them. They get a quote before them, every
// field is quoted, and the import takes the quote off again. XLSX keeps
// them as text.
func TestRegisterCSVEscapesFormulas(t *testing.T) {
	evil := []string{"=HYPERLINK(\"http://x\",\"klik\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"}
	var acts []Activity
	for i, e := range evil {
		acts = append(acts, Activity{Code: fmt.Sprint(i + 1), Name: "Act " + fmt.Sprint(i), Owner: e, Status: StatusConcept})
	}
	for _, lang := range []string{"nl", "en"} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, acts, Refs{}, lang); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, e := range evil {
			quoted := `"'` + strings.ReplaceAll(e, `"`, `""`) + `"`
			if !strings.Contains(out, quoted) {
				t.Errorf("%s: %q is not written as %q", lang, e, quoted)
			}
		}
		p := plan(t, "x.csv", buf.Bytes())
		for i, r := range p.Rows {
			if r.Activity.Owner != strings.TrimSpace(evil[i]) {
				t.Errorf("%s: re-import gives %q, want %q", lang, r.Activity.Owner, evil[i])
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, testOrg, acts, Refs{}, "nl"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Register")
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for j, h := range rows[0] {
		if h == "Wie" || h == "Eigenaar" {
			col = j
		}
	}
	if col < 0 {
		t.Fatalf("no owner column in %q", rows[0])
	}
	for i, e := range evil {
		cell, _ := excelize.CoordinatesToCellName(col+1, i+2)
		formula, _ := f.GetCellFormula("Register", cell)
		typ, _ := f.GetCellType("Register", cell)
		if formula != "" || rows[i+1][col] != e || typ == excelize.CellTypeFormula {
			t.Errorf("XLSX cell %s: formula %q, value %q, type %v; want the text %q", cell, formula, rows[i+1][col], typ, e)
		}
	}
}
