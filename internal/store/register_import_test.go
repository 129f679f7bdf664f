package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"privacyregister/internal/register"
)

// TestImportAnalysesOnPostgres: after a bulk import the planner worked
// from the statistics of an empty table (a search took 38.7 ms before
// ANALYZE, 5 ms after). ImportRegister analyses the tables once the import
// has committed; pg_class.reltuples, which only ANALYZE (or VACUUM) sets,
// then counts the imported rows.
func TestImportAnalysesOnPostgres(t *testing.T) {
	s := openAgreementStore(t)
	if s.dialect.Name() != "postgres" {
		t.Skip("PostgreSQL only (set PRIVACYREGISTER_TEST_DB)")
	}
	ctx := context.Background()
	o := agreementOrg(t, s, "ana")
	var csv strings.Builder
	csv.WriteString("Naam;Afdeling\n")
	for i := range 500 {
		fmt.Fprintf(&csv, "Verwerking %d;Afdeling %d\n", i, i%7)
	}
	tb, err := register.ParseFile("x.csv", strings.NewReader(csv.String()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, res, err := s.ImportRegister(ctx, o.ID, tb, register.AutoMapping(tb.Headers), nil); err != nil || res.Created != 500 {
		t.Fatalf("import: %v %+v", err, res)
	}
	var tuples float64
	if err := s.queryRow(ctx, "SELECT reltuples FROM pg_class WHERE relname = 'activities'").Scan(&tuples); err != nil {
		t.Fatal(err)
	}
	if tuples < 500 {
		t.Errorf("activities has %v tuples in the planner's statistics after importing 500 rows: not analysed", tuples)
	}
}
