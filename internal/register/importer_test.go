package register

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"privacyregister/internal/apperr"
)

// plan parses data as filename and plans it against no existing register.
func plan(t *testing.T, filename string, data []byte) *ImportPlan {
	t.Helper()
	tb, err := ParseFile(filename, bytes.NewReader(data), 0)
	if err != nil {
		t.Fatalf("ParseFile(%s): %v", filename, err)
	}
	p, err := Plan(tb, AutoMapping(tb.Headers), nil, testRefs())
	if err != nil {
		t.Fatalf("Plan(%s): %v", filename, err)
	}
	return p
}

func seedCSV(t *testing.T) []byte {
	return seed(t, "003_register.csv")
}

func byCode(acts []Activity) map[string]Activity {
	m := map[string]Activity{}
	for _, a := range acts {
		m[a.Code] = a
	}
	return m
}

func TestImportSeedCSV(t *testing.T) {
	p := plan(t, "003_register.csv", seedCSV(t))
	if err := p.Err(); err != nil {
		t.Fatalf("the seed register must import without errors: %v", err)
	}
	acts := p.Activities()
	if len(acts) != 26 || p.Count(ActionCreate) != 26 {
		t.Fatalf("got %d activities (%d creates), want 26", len(acts), p.Count(ActionCreate))
	}
	if acts[0].Name != "Werving en selectie" || acts[25].Name != "Digitale diensten KB voor leden" {
		t.Errorf("first/last names: %q, %q", acts[0].Name, acts[25].Name)
	}
	if p.Rows[0].Row != 2 || p.Rows[25].Row != 27 {
		t.Errorf("row numbers %d..%d, want 2..27 as Excel shows them", p.Rows[0].Row, p.Rows[25].Row)
	}
	m := byCode(acts)
	leden := m["2.2.1"]
	if leden.Name != "Ledenadministratie" || leden.Department != "Publieksservice" || leden.Domain != "Extern" || leden.Owner != "GC" {
		t.Errorf("2.2.1: %+v", leden)
	}
	if leden.Retention != (Retention{Amount: 2, Unit: Years}) {
		t.Errorf("Ledenadministratie retention = %+v, want 2 years", leden.Retention)
	}
	if got := m["1.1.1"].Retention; got != (Retention{Text: "proc."}) {
		t.Errorf("vague retention must be kept as text: %+v", got)
	}
	if p := m["1.1.2"].Processors; len(p) != 1 || p[0].Name != "BiSC" || p[0].AgreementStatus != AgreementDraftSent {
		t.Errorf("\"concept vo gestuurd\" must be draft_sent: %+v", p)
	}
	if p := m["1.1.6"].Processors; len(p) != 1 || p[0].AgreementStatus != AgreementSigned || p[0].AgreementWith != "HR" {
		t.Errorf("\"vo getekend\" must be signed: %+v", p)
	}
	if p := m["1.1.7"].Processors; p[0].AgreementStatus != AgreementNotNeeded || !strings.Contains(p[0].Note, "8 mei 2018") {
		t.Errorf("\"niet noodzakelijk. Email d.d. 8 mei 2018\" must be not_needed, with the note kept: %+v", p)
	}
	if s := m["1.1.4"].Systems; !reflect.DeepEqual(s, []string{"VerzuimXpert", "AFAS"}) {
		t.Errorf("systems of Verzuim: %q", s)
	}
	if !m["2.3.1"].HasKind(KindSpecial) || m["2.2.1"].HasKind(KindSpecial) {
		t.Error("Bijz. data? ja/nee not carried over")
	}
	if r := m["1.1.7"].RiskAnalysisDone; r != nil {
		t.Errorf("risk analysis nvt must be nil, got %v", *r)
	}
	if r := m["2.4.1"].RiskAnalysisDone; r == nil || *r {
		t.Error("risk analysis nee must be false")
	}
	if a := m["2.3.5"]; a.InEU != AnswerNo || a.DPIANeeded != DPIAToAssess || a.Extra["Status verwerkersovereenkomst"] != "overstap naar CRM MS Dynamics" {
		t.Errorf("2.3.5: in EU %q, DPIA %q, extra %v", a.InEU, a.DPIANeeded, a.Extra)
	}
	if m["2.4.1"].OptInMail != "in afwa" {
		t.Errorf("unrecognised answers are kept as written: %q", m["2.4.1"].OptInMail)
	}
	// MailChimp outside the EU with no transfer recorded: a warning, not an error.
	if w := p.Rows[23].Warnings; len(w) == 0 || w[0].Column != "in de EU?" && w[0].Msg == "" {
		t.Errorf("row 25 should warn about the missing transfer: %+v", w)
	}
	assertEveryColumnKept(t, seedCSV(t), acts)
}

// assertEveryColumnKept checks each cell of the source against what the
// activity says for its column (as our Dutch export writes it): every
// value is either carried into a field, kept in Extra, or a "none" word.
func assertEveryColumnKept(t *testing.T, src []byte, acts []Activity) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	mapping := AutoMapping(head)
	cols := registerColumns("nl", acts, testRefs())
	exported := func(a *Activity, f Field) string {
		for _, c := range cols {
			if c.field == f {
				return c.cell(a)
			}
		}
		return ""
	}
	for i, rec := range recs[1:] {
		a := &acts[i]
		for j, cell := range rec {
			h, f := head[j], mapping[head[j]]
			var ok bool
			switch f {
			case FieldExtra:
				ok = a.Extra[h] == cell
			case FieldCategory:
				ok = strings.HasPrefix(a.Code, cell+".")
			case FieldCode:
				ok = strings.HasSuffix(a.Code, "."+cell)
			case FieldDepartment:
				ok = strings.HasSuffix(cell, " "+a.Department) && strings.Contains(a.Code, "."+strings.Fields(cell)[0]+".")
			case FieldAgreementWith, FieldAgreementStatus:
				st, note := parseAgreement(cell)
				pc := exported(a, FieldProcessors)
				ok = a.Extra[h] == cell || strings.Contains(pc, cell) ||
					strings.Contains(pc, labelOf(agreementLabels, st, "nl")) && (note == "" || strings.Contains(pc, note)) ||
					len(a.Processors) > 0 && fold(cell) == fold(a.Processors[0].Name)
			case FieldProcessors:
				ok = len(a.Processors) == 1 && a.Processors[0].Name == cell
			case FieldDPIA:
				d1, _ := parseDPIA(cell)
				ok = d1 == a.DPIANeeded
			case FieldRiskAnalysis, FieldInEU, FieldOptInMail, FieldSpecialData:
				ok = answer(cell) == answer(exported(a, f))
			default:
				ok = fold(cell) == fold(exported(a, f))
			}
			if !ok && !isNone(cell) {
				t.Errorf("row %d, column %s: %q is not kept (field %q)", i+2, h, cell, f)
			}
		}
	}
}

func TestImportSeedTextBlock(t *testing.T) {
	text := seed(t, "003_b")
	got := plan(t, "003.txt", text)
	want := plan(t, "003_register.csv", seedCSV(t))
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Activities(), want.Activities()) {
		t.Fatalf("the text's Annex 1 block and the CSV must give the same activities\n got %+v\nwant %+v", got.Activities()[0], want.Activities()[0])
	}
	if got.Rows[0].Row < 100 {
		t.Errorf("row numbers of a text are its line numbers, got %d", got.Rows[0].Row)
	}
}

func TestDemoActivitiesMatchSeed(t *testing.T) {
	want := plan(t, "003_register.csv", seedCSV(t)).Activities()
	if got := DemoActivities(); !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("demo row %d differs:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
		t.Fatalf("demo has %d activities, seed %d", len(got), len(want))
	}
}

// dutchExcel rewrites a CSV the way Dutch Excel saves it: ";" separators,
// Windows-1252, CRLF, and (here) the columns in reverse order.
func dutchExcel(t *testing.T, src []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	for _, r := range recs {
		rev := make([]string, len(r))
		for i, c := range r {
			rev[len(r)-1-i] = c
		}
		if err := w.Write(rev); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	out, err := charmap.Windows1252.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func toXLSX(t testing.TB, src []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, r := range recs {
		row := make([]any, len(r))
		for j, c := range r {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportFormatsAgree(t *testing.T) {
	src := seedCSV(t)
	want := plan(t, "003_register.csv", src).Activities()
	excel := dutchExcel(t, src)
	if bytes.Contains(excel, []byte("\xEF\xBB\xBF")) || !bytes.Contains(excel, []byte(";")) || !bytes.Contains(excel, []byte("\r\n")) {
		t.Fatal("test data is not Dutch Excel CSV")
	}
	bom := append([]byte("\xEF\xBB\xBF"), src...)
	recs, _ := csv.NewReader(bytes.NewReader(src)).ReadAll()
	var tsv bytes.Buffer
	tw := csv.NewWriter(&tsv)
	tw.Comma = '\t'
	_ = tw.WriteAll(recs)
	for name, data := range map[string][]byte{
		"excel.csv": excel, "bom.csv": bom, "register.xlsx": toXLSX(t, src), "register.tsv": tsv.Bytes(),
	} {
		t.Run(name, func(t *testing.T) {
			p := plan(t, name, data)
			if err := p.Err(); err != nil {
				t.Fatal(err)
			}
			if got := p.Activities(); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s differs from the clean CSV:\n got %+v\nwant %+v", name, got[3], want[3])
			}
		})
	}
}

func TestDiacriticsSurvive(t *testing.T) {
	names := []string{"Café-bezoekers", "Reünie oud-leden", "Naïeve enquête", "Coördinatie één"}
	var clean bytes.Buffer
	clean.WriteString("Nr,Verwerking,Wie\n")
	for i, n := range names {
		clean.WriteString(strings.Join([]string{string(rune('1' + i)), n, "Zoë"}, ",") + "\r\n")
	}
	cp, err := charmap.Windows1252.NewEncoder().Bytes(bytes.ReplaceAll(clean.Bytes(), []byte(","), []byte(";")))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"utf8.csv": clean.Bytes(), "cp1252.csv": cp, "x.xlsx": toXLSX(t, clean.Bytes()),
		"bom.csv": append([]byte("\xEF\xBB\xBF"), clean.Bytes()...),
	} {
		acts := plan(t, name, data).Activities()
		for i, n := range names {
			if acts[i].Name != n || acts[i].Owner != "Zoë" {
				t.Errorf("%s: %q / %q, want %q / Zoë", name, acts[i].Name, acts[i].Owner, n)
			}
		}
	}
}

func TestParseEncodingAndSeparator(t *testing.T) {
	tb, err := ParseFile("x.csv", strings.NewReader("Naam;Doel\r\n\"a;b\";c\r\n"), 0)
	if err != nil || tb.Headers[0] != "Naam" || tb.Rows[0].Cells[0] != "a;b" || tb.Encoding != "utf-8" {
		t.Fatalf("%+v %v", tb, err)
	}
	tb, err = ParseFile("x.csv", bytes.NewReader([]byte("Naam,Doel\nCaf\xe9,x\n")), 0)
	if err != nil || tb.Rows[0].Cells[0] != "Café" || tb.Encoding != "windows-1252" {
		t.Fatalf("Windows-1252: %+v %v", tb, err)
	}
}

func TestRealignShiftedHeader(t *testing.T) {
	text := "Intro\n\n\t\t\tVerwerker\tWie\t\n1\tIntern\t1 HR\t1\tSalaris\tAFAS\tRH\n1\tIntern\t1 HR\t2\tVerzuim\tArbo\tRH\nslot\n"
	tb, err := ParseFile("beleid.txt", strings.NewReader(text), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Categorie", "Intern/Extern", "Afdeling", "Nr", "Verwerking", "Verwerker", "Wie"}
	if !reflect.DeepEqual(tb.Headers, want) {
		t.Fatalf("headers %q, want %q", tb.Headers, want)
	}
	if tb.Rows[0].Num != 4 {
		t.Errorf("row number %d, want line 4", tb.Rows[0].Num)
	}
}

func TestMalformedCSV(t *testing.T) {
	_, err := ParseFile("x.csv", strings.NewReader("Nr,Verwerking\n1,\"Leden\n2,Salaris\n"), 0)
	var e *apperr.Error
	if !asApp(err, &e) || e.Code != apperr.Invalid || !strings.Contains(e.Text(), "not closed") || !strings.Contains(e.Text(), "line 2") {
		t.Fatalf("unbalanced quote: %v", err)
	}
}

func asApp(err error, e **apperr.Error) bool {
	x, ok := err.(*apperr.Error)
	*e = x
	return ok
}

func TestPlanRowErrors(t *testing.T) {
	csvText := "Nr,Verwerking,Bewaartermijn,Risicoanalyse,Doorgifte\n" +
		"1,Salaris,7 jaar,ja,\n" +
		"2,,2 jaar,ja,\n" + // no name
		"1,Leden,2 jaar na einde lidmaatschap,misschien,\n" + // duplicate number, bad answer
		"3,Nieuwsbrief,4 weken,nee,Atlantis\n" // unknown country
	p := plan(t, "x.csv", []byte(csvText))
	if p.OK() {
		t.Fatal("plan with bad rows must not be OK")
	}
	has := func(row int, col, sub string) {
		t.Helper()
		for _, r := range p.Rows {
			for _, is := range r.Errors {
				if is.Row == row && is.Column == col && strings.Contains(is.Text("nl")+is.Text("en"), sub) {
					return
				}
			}
		}
		t.Errorf("no error at row %d, column %s containing %q; errors: %v", row, col, sub, errText(p.Err()))
	}
	has(3, "Verwerking", "rij 3, kolom Verwerking: Naam is verplicht")
	has(2, "Nr", "more than once")
	has(4, "Nr", "rows 2, 4")
	has(4, "Risicoanalyse", "misschien")
	has(5, "Doorgifte", "Atlantis")
	if len(p.Rows[0].Errors) != 1 { // only the duplicate number
		t.Errorf("row 2: %+v", p.Rows[0].Errors)
	}
	if r := p.Rows[2].Activity.Retention; r != (Retention{2, Years, "einde lidmaatschap", ""}) {
		t.Errorf("retention: %+v", r)
	}
}

func TestPlanMatchesExisting(t *testing.T) {
	existing := []Activity{
		{ID: 10, Code: "1", Name: "Salaris", Status: StatusEstablished, Description: "kept", Extra: map[string]string{"Oud": "x"}},
		{ID: 11, Code: "9", Name: "Leden"},
	}
	tb, err := ParseFile("x.csv", strings.NewReader("Nr,Verwerking,Wie\n1,Salarisadministratie,RH\n,leden,GC\n5,Nieuw,AD\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plan(tb, AutoMapping(tb.Headers), existing, testRefs())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		a  Action
		id int64
	}{{ActionUpdateByCode, 10}, {ActionUpdateByName, 11}, {ActionCreate, 0}}
	for i, w := range want {
		if r := p.Rows[i]; r.Action != w.a || r.ExistingID != w.id || r.Activity.ID != w.id {
			t.Errorf("row %d: %s %d, want %s %d", r.Row, r.Action, r.ExistingID, w.a, w.id)
		}
	}
	upd := p.Rows[0].Activity
	if upd.Name != "Salarisadministratie" || upd.Description != "kept" || upd.Status != StatusEstablished || upd.Owner != "RH" {
		t.Errorf("an update changes mapped columns only: %+v", upd)
	}
	upd.Extra["Oud"] = "changed"
	if existing[0].Extra["Oud"] != "x" {
		t.Error("the plan must not share maps with the existing activities")
	}
	if p.Rows[2].Activity.Status != StatusConcept {
		t.Error("new activities start as concept")
	}
}

func TestPlanMappingErrors(t *testing.T) {
	tb := &Table{Headers: []string{"A", "B"}, Rows: []Row{{2, []string{"x", "y"}}}}
	if _, err := Plan(tb, Mapping{"A": FieldName, "B": FieldName}, nil, testRefs()); !strings.Contains(errText(err), "both mapped") {
		t.Errorf("two columns on one field: %v", err)
	}
	if _, err := Plan(tb, Mapping{"A": FieldOwner}, nil, testRefs()); !strings.Contains(errText(err), "No column is mapped to the name") {
		t.Errorf("no name column: %v", err)
	}
	if _, err := Plan(tb, Mapping{"A": FieldName, "B": "bogus"}, nil, testRefs()); !strings.Contains(errText(err), "Unknown field") {
		t.Errorf("unknown field: %v", err)
	}
	p, err := Plan(tb, Mapping{"A": FieldName}, nil, testRefs()) // B unmapped: kept
	if err != nil || p.Rows[0].Activity.Extra["B"] != "y" {
		t.Errorf("unmapped column must land in Extra: %v %+v", err, p)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	if l, ok := err.(apperr.List); ok {
		var s []string
		for _, e := range l {
			s = append(s, e.Text())
		}
		return strings.Join(s, "; ")
	}
	return err.Error()
}

func TestAutoMappingSeedHeaders(t *testing.T) {
	m := AutoMapping([]string{"Categorie", "Intern/Extern", "Afdeling", "Nr", "Verwerking", "Verwerker", "Systeem", "Data Inw.",
		"Risico- analyse", "Bijz. data?", "in de EU?", "Opt-in Mail", "GEB? Mail", "Verw. ovk.", "Bewaars termijn", "Wie",
		"Contact persoon verw.", "Status verwerkersovereenkomst", "BEWAARTERMIJN", "Eigenaar", "Bijzondere persoonsgegevens", "DPIA"})
	want := Mapping{"Categorie": FieldCategory, "Intern/Extern": FieldDomain, "Afdeling": FieldDepartment, "Nr": FieldCode,
		"Verwerking": FieldName, "Verwerker": FieldProcessors, "Systeem": FieldSystems, "Data Inw.": FieldExtra,
		"Risico- analyse": FieldRiskAnalysis, "Bijz. data?": FieldSpecialData, "in de EU?": FieldInEU, "Opt-in Mail": FieldOptInMail,
		"GEB? Mail": FieldDPIA, "Verw. ovk.": FieldAgreementWith, "Bewaars termijn": FieldRetention, "Wie": FieldOwner,
		"Contact persoon verw.": FieldContact, "Status verwerkersovereenkomst": FieldAgreementStatus,
		// second columns for a field already taken are kept, not merged
		"BEWAARTERMIJN": FieldExtra, "Eigenaar": FieldExtra, "Bijzondere persoonsgegevens": FieldExtra, "DPIA": FieldExtra}
	if !reflect.DeepEqual(m, want) {
		for h, f := range want {
			if m[h] != f {
				t.Errorf("%q -> %q, want %q", h, m[h], f)
			}
		}
	}
}

// zeros produces n zero bytes without allocating them.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), z.n)
	clear(p[:k])
	z.n -= k
	return int(k), nil
}

func TestTooLargeInput(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ParseFile("huge.csv", &zeros{200 << 20}, DefaultMaxBytes)
	runtime.ReadMemStats(&after)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "larger than 20 MB") {
		t.Fatalf("200 MB input: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 100<<20 {
		t.Errorf("reading a 200 MB input allocated %d MB: it must stop at the limit", grew>>20)
	}
}

func zipBomb(t *testing.T, entries int, size int64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range entries {
		name := "xl/worksheets/sheet1.xml"
		if i > 0 {
			name = "xl/pad" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + ".xml"
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, &zeros{size}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSXZipBomb(t *testing.T) {
	// 64 MB of zeros, 64 KB zipped: under a 1 MB upload limit, but it
	// would unpack beyond the cap (20 times the limit).
	bomb := zipBomb(t, 1, 64<<20)
	_, err := ParseFile("bomb.xlsx", bytes.NewReader(bomb), 1<<20)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "unpacks to more than 50 MB") {
		t.Fatalf("zip bomb (%d bytes): %v", len(bomb), err)
	}
	_, err = ParseFile("many.xlsx", bytes.NewReader(zipBomb(t, 1500, 0)), DefaultMaxBytes)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "too many parts") {
		t.Fatalf("1500 entries: %v", err)
	}
	// ratio: 5 MB of zeros is under the size cap but compresses 1000:1
	_, err = ParseFile("ratio.xlsx", bytes.NewReader(zipBomb(t, 1, 5<<20)), DefaultMaxBytes)
	if apperr.CodeOf(err) != apperr.TooLarge || !strings.Contains(errText(err), "zip bomb") {
		t.Fatalf("ratio bomb: %v", err)
	}
	_, err = ParseFile("junk.xlsx", strings.NewReader("PK\x03\x04 not really"), 0)
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("broken zip: %v", err)
	}
}

func TestOldXLSRefused(t *testing.T) {
	_, err := ParseFile("oud.xls", strings.NewReader("\xD0\xCF\x11\xE0rest"), 0)
	if !strings.Contains(errText(err), ".xls") {
		t.Fatalf("%v", err)
	}
}

func TestCategoryWithoutNumberIsKept(t *testing.T) {
	p := plan(t, "x.csv", []byte("Categorie,Afdeling,Verwerking\n1,2 Kantoor,Post\n"))
	a := p.Rows[0].Activity
	if a.Extra["Categorie"] != "1" || a.Department != "2 Kantoor" || a.Code != "" {
		t.Fatalf("without a number column, category and department stay as written: %+v", a)
	}
}

// Plan runs concurrently in the web server; run with -race.
func TestPlanConcurrent(t *testing.T) {
	data := []byte("Nr,Verwerking,Wie,Land\n1,Café,Zoë,Duitsland\n")
	done := make(chan bool)
	for range 4 {
		go func() {
			defer func() { done <- true }()
			for range 20 {
				tb, _ := ParseFile("x.csv", bytes.NewReader(data), 0)
				if p, _ := Plan(tb, AutoMapping(tb.Headers), nil, testRefs()); p.Rows[0].Activity.Name != "Café" {
					t.Error("wrong name")
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}

func TestTextWithoutTabsReadsAsCSV(t *testing.T) {
	p := plan(t, "export.txt", []byte("Nr;Verwerking\n1;Leden\n"))
	if len(p.Rows) != 1 || p.Rows[0].Activity.Name != "Leden" {
		t.Fatalf("%+v", p.Rows)
	}
}
