package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// chunkTable is a register of n rows numbered T-0001..., each naming one of
// two new measures, so the rows of every chunk the import writes name them.
func chunkTable(n int) *register.Table {
	t := &register.Table{Headers: []string{"Nr", "Naam", "Maatregelen"}}
	for i := 1; i <= n; i++ {
		m := []string{"Versleuteling | technical", "Logging | technical"}[i%2]
		t.Rows = append(t.Rows, register.Row{Num: i + 1, Cells: []string{fmt.Sprintf("T-%04d", i), fmt.Sprintf("Verwerking %d", i), m}})
	}
	return t
}

var chunkMapping = register.Mapping{"Nr": register.FieldCode, "Naam": register.FieldName, "Maatregelen": register.FieldMeasures}

func importChunked(t *testing.T, s *store.Store, orgID int64, tb *register.Table) (*register.Summary, store.ImportResult, error) {
	t.Helper()
	return s.ImportRegister(context.Background(), orgID, tb, chunkMapping, nil)
}

// TestImportOverManyChunks: an import plans and writes a thousand rows at
// a time, yet it is one import: 2,500 rows are all created, the two
// measures they name are added to the catalogue once each, and the audit
// chain holds.
func TestImportOverManyChunks(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "chunk")
	p, res, err := importChunked(t, s, o.ID, chunkTable(2500))
	if err != nil || res.Created != 2500 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if len(p.Rows) != 2500 || p.Rows[2499].ID == 0 || p.Rows[2499].Code != "T-2500" {
		t.Fatalf("the plan names every written row: %d rows, last %+v", len(p.Rows), p.Rows[len(p.Rows)-1])
	}
	ms, err := s.Measures(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Fatalf("%d measures in the catalogue, want the 2 the rows name, once each: %+v", len(ms), ms)
	}
	acts := regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true, Query: "Verwerking 2345"})
	if len(acts) != 1 || len(acts[0].MeasureIDs) != 1 {
		t.Fatalf("row 2,345 (third chunk) found by search with its measure: %+v", acts)
	}
	if _, problems, err := s.VerifyAudit(ctx, o.ID); err != nil || len(problems) > 0 {
		t.Fatalf("audit chain: %v %v", problems, err)
	}
}

// TestImportErrorInALaterChunkWritesNothing: the first two thousand rows
// are written before row 2,400 is planned; that row names a measure the
// catalogue lacks without its kind, so the import is refused, and nothing
// of it remains: no activity, no measure, no id in the report.
func TestImportErrorInALaterChunkWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "chunkerr")
	tb := chunkTable(2500)
	tb.Rows[2398].Cells[2] = "Onbekende maatregel" // row 2,400 in the file
	p, res, err := importChunked(t, s, o.ID, tb)
	if err == nil || res.Created != 0 || !strings.Contains(err.Error(), "row 2400") {
		t.Fatalf("import with an unknown measure in row 2,400: %+v, %v", res, err)
	}
	if r := p.Rows[2398]; len(r.Errors) != 1 {
		t.Errorf("row 2,400: %+v", r.Errors)
	}
	for _, r := range p.Rows {
		if r.ID != 0 {
			t.Fatalf("row %d reports id %d of a row that was rolled back", r.Row, r.ID)
		}
	}
	if n := len(regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true})); n != 0 {
		t.Fatalf("%d activities remain of a refused import", n)
	}
	if ms, _ := s.Measures(ctx, o.ID); len(ms) != 0 {
		t.Fatalf("%d measures remain of a refused import", len(ms))
	}
	if _, problems, err := s.VerifyAudit(ctx, o.ID); err != nil || len(problems) > 0 {
		t.Fatalf("audit chain after the rollback: %v %v", problems, err)
	}
}

// TestImportRepeatedNumberAcrossChunks: row 2,400 repeats the number of
// row 2, a chunk and more apart: both rows carry the error.
func TestImportRepeatedNumberAcrossChunks(t *testing.T) {
	s := testutil.NewStore(t)
	o := newOrg(t, s, "chunkdup")
	tb := chunkTable(2500)
	tb.Rows[2398].Cells[0] = "T-0001"
	p, _, err := importChunked(t, s, o.ID, tb)
	if err == nil {
		t.Fatal("a repeated number was imported")
	}
	for _, i := range []int{0, 2398} {
		if r := p.Rows[i]; len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Text("en"), "rows 2, 2400") {
			t.Errorf("row %d: %+v, want the repeated number naming rows 2 and 2400", r.Row, r.Errors)
		}
	}
}

// TestImportSameTargetAcrossChunks: rows 11 and 1,601 carry no number and
// the name of one existing activity, so both would update it; the check
// spans the chunks.
func TestImportSameTargetAcrossChunks(t *testing.T) {
	s := testutil.NewStore(t)
	o := newOrg(t, s, "chunktgt")
	if _, _, err := importChunked(t, s, o.ID, &register.Table{Headers: []string{"Nr", "Naam", "Maatregelen"},
		Rows: []register.Row{{Num: 2, Cells: []string{"", "Ledenadministratie", ""}}}}); err != nil {
		t.Fatal(err)
	}
	tb := chunkTable(2000)
	tb.Headers = tb.Headers[1:] // no number column: rows match by name
	for i := range tb.Rows {
		tb.Rows[i].Cells = tb.Rows[i].Cells[1:]
	}
	tb.Rows[9].Cells[0], tb.Rows[1599].Cells[0] = "Ledenadministratie", "ledenadministratie"
	p, _, err := s.ImportRegister(context.Background(), o.ID, tb, register.Mapping{"Naam": register.FieldName, "Maatregelen": register.FieldMeasures}, nil)
	if err == nil {
		t.Fatal("two rows updating one activity were imported")
	}
	for _, i := range []int{9, 1599} {
		if r := p.Rows[i]; r.Action != register.ActionUpdateByName || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Text("en"), "Rows 11, 1601") {
			t.Errorf("row %d: %s %+v", r.Row, r.Action, r.Errors)
		}
	}
}
