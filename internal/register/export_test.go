package register

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
	"github.com/xuri/excelize/v2"
)

var testOrg = OrgInfo{Name: "Bibliotheek Lek & IJssel", Address: "Kerkstraat 1, IJsselstein", KvK: "12345678",
	DPOName: "Jeroen de Vries", DPOEmail: "fg@example.nl", DPOPhone: "030 123 4567", Role: "controller"}

// fullActivity sets every field, so a round trip that drops one fails.
func fullActivity() Activity {
	yes, id := true, int64(42)
	last := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	next := NextReview(last, 3)
	return Activity{
		Code: "9.1", Name: "Ledenadministratie (café)", Department: "Publieksservice", Domain: "Extern",
		Owner: "GC", Contact: "Anneke Westland", Status: StatusEstablished,
		Description:       "Inschrijven en uitlenen.\nTweede regel.",
		Purposes:          []Purpose{{"Uitlenen van materialen", "b", ""}, {"Leesbevordering bij dyslexie", "a", "a"}},
		SubjectCategories: []string{"leden", "ouders van jeugdleden"},
		DataCategories: []DataCategory{
			{"NAW-gegevens", KindOrdinary, Retention{2, Years, "einde lidmaatschap", ""}},
			{"Leesbeperking", KindSpecial, Retention{Text: "zolang lid"}},
			{"Pasfoto", KindOrdinary, Retention{4, Weeks, "", ""}},
		},
		Retention: Retention{2, Years, "einde lidmaatschap", ""}, CleanupMoment: "jaarlijks januari-februari",
		Systems:    []string{"BicatWISE", "Wise Portal"},
		Processors: []ProcessorRef{{"ProBiblio", AgreementSigned, "BiSC", "via landelijk contract", &id}, {"Hellodialog", AgreementDraftSent, "", "", nil}},
		Recipients: []string{"Koninklijke Bibliotheek"},
		Transfers:  []Transfer{{"US", "adequate", "DPF-gecertificeerd"}, {"IN", "third", "SCC's module 2"}},
		MeasureIDs: []int64{1, 7}, RiskAnalysisDone: &yes, DPIANeeded: DPIAToAssess, DPIARef: "GEB-2026-03",
		ConsentRecords: "toestemming in BicatWISE", JointControllers: []JointController{{"Gemeente IJsselstein", "art. 26-regeling 2024"}},
		OptInMail: AnswerYes, InEU: AnswerYes, Occasional: true,
		Extra:          map[string]string{"Data Inw.": "ja", "Opmerking": "ééé ëï"},
		LastReviewedAt: &last, LastReviewedBy: "FG", NextReviewAt: &next,
		ID: 7, OrgID: 3, CreatedAt: last, UpdatedAt: last,
	}
}

// storeless drops what the store owns (ids, timestamps).
func storeless(acts []Activity) []Activity {
	out := make([]Activity, len(acts))
	for i, a := range acts {
		a.ID, a.OrgID, a.CreatedAt, a.UpdatedAt = 0, 0, time.Time{}, time.Time{}
		for j := range a.Transfers { // Validate fills these on import
			a.Transfers[j].Class = ""
		}
		out[i] = a
	}
	return out
}

func roundTrip(t *testing.T, name string, data []byte, want []Activity) {
	t.Helper()
	p := plan(t, name, data)
	if err := p.Err(); err != nil {
		t.Fatalf("%s: re-import errors: %v", name, errText(err))
	}
	got, exp := storeless(p.Activities()), storeless(want)
	if len(got) != len(exp) {
		t.Fatalf("%s: %d activities back, want %d", name, len(got), len(exp))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], exp[i]) {
			gj, _ := json.Marshal(got[i])
			ej, _ := json.Marshal(exp[i])
			t.Fatalf("%s: activity %d differs\n got %s\nwant %s", name, i, gj, ej)
		}
	}
}

// testRefs are the catalogue and agreements the test activities refer to.
func testRefs() Refs {
	return Refs{Measures: GenerateMeasures(), Agreements: map[int64]string{42: "Verwerkersovereenkomst BiSC | ProBiblio"}}
}

func testActivities() []Activity {
	return append(append([]Activity{fullActivity()}, DemoActivities()...), Generate(50, 1)...)
}

func TestXLSXRoundTrip(t *testing.T) {
	acts := testActivities()
	for _, lang := range []string{"nl", "en"} {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, testOrg, acts, testRefs(), lang); err != nil {
			t.Fatal(err)
		}
		roundTrip(t, "export-"+lang+".xlsx", buf.Bytes(), acts)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	acts := testActivities()
	for _, lang := range []string{"nl", "en"} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, acts, testRefs(), lang); err != nil {
			t.Fatal(err)
		}
		if lang == "nl" && !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF\"Nr\";\"Verwerking\";")) {
			t.Fatalf("Dutch CSV starts %q", buf.String()[:40])
		}
		roundTrip(t, "export-"+lang+".csv", buf.Bytes(), acts)
	}
}

func TestJSONExport(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	var buf bytes.Buffer
	acts := []Activity{fullActivity()}
	if err := WriteJSON(&buf, testOrg, acts, GenerateMeasures()); err != nil {
		t.Fatal(err)
	}
	var back Export
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Activities, acts) || back.Organisation != testOrg || !back.ExportedAt.Equal(now()) || len(back.Measures) != 10 {
		t.Fatalf("JSON export does not read back: %+v", back)
	}
	if !strings.Contains(buf.String(), `"lawful_basis": "b"`) {
		t.Error("JSON keys must be snake_case")
	}
}

func TestXLSXSheets(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, testOrg, []Activity{fullActivity()}, testRefs(), "nl"); err != nil {
		t.Fatal(err)
	}
	f, err := openXLSX(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Register", "Doeleinden", "Persoonsgegevens", "Verwerkers", "Doorgiften", "Beveiligingsmaatregelen", "Organisatie"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rows, _ := f.GetRows("Persoonsgegevens")
	if len(rows) != 4 || rows[1][2] != "NAW-gegevens" || rows[1][4] != "2 jaar na einde lidmaatschap" || rows[1][5] != "2" {
		t.Errorf("data categories sheet: %q", rows)
	}
	rows, _ = f.GetRows("Beveiligingsmaatregelen")
	if len(rows) != 11 || rows[0][0] == "ID" || !strings.Contains(rows[1][3], "Ledenadministratie") {
		t.Errorf("measures sheet must say where each measure is used: %q", rows[:2])
	}
}

func TestPDF(t *testing.T) {
	acts := append([]Activity{fullActivity()}, DemoActivities()...)
	var buf bytes.Buffer
	if err := WritePDF(&buf, testOrg, acts, GenerateMeasures(), "nl"); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", data[:10])
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if r.NumPage() < 3 {
		t.Errorf("27 activities on %d pages?", r.NumPage())
	}
	var text strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		s, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			t.Fatal(err)
		}
		text.WriteString(s)
	}
	all := strings.Join(strings.Fields(text.String()), " ")
	for _, want := range []string{
		"Register van verwerkingsactiviteiten", "Bibliotheek Lek & IJssel", "Jeroen de Vries", "fg@example.nl",
		"Ledenadministratie (café)", "Digitale diensten KB voor leden", "(b) Doeleinden en grondslag",
		"art. 6 lid 1 sub b", "(f) Bewaartermijn", "2 jaar na einde lidmaatschap", "DPF-gecertificeerd",
		"Versleuteling van laptops", "pagina 1 van", "ééé ëï",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func openXLSX(data []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(data))
}
