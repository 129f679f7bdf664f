package store_test

import (
	"bytes"
	"context"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// BenchmarkRegisterFill measures adding generated activities one by one
// through CreateActivity (validation, audit row, search index).
func BenchmarkRegisterFill(b *testing.B) {
	ctx := context.Background()
	s := testutil.NewStore(b)
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		o := newOrgB(b, s, "fill"+string(rune('a'+i%26))+itoa(i))
		acts := register.Generate(1000, int64(i))
		b.StartTimer()
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.FillRegister(ctx, o, register.GenerateMeasures(), acts) }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRegisterImportXLSX10k imports 10,000 rows from an XLSX file
// (parse, plan, one transaction with an audit row per activity) into an
// empty organisation.
func BenchmarkRegisterImportXLSX10k(b *testing.B) {
	ctx := context.Background()
	s := testutil.NewStore(b)
	acts := register.Generate(10000, 1)
	for i := range acts {
		acts[i].MeasureIDs = nil
	}
	var buf bytes.Buffer
	if err := register.WriteXLSX(&buf, register.OrgInfo{Name: "Bench"}, acts, register.Refs{}, "nl"); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB-xlsx")
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		o := newOrgB(b, s, "imp"+itoa(i))
		b.StartTimer()
		t, err := register.ParseFile("register.xlsx", bytes.NewReader(buf.Bytes()), 50<<20)
		if err != nil {
			b.Fatal(err)
		}
		var res store.ImportResult
		if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			_, res, err = tx.Import(ctx, o, t, register.AutoMapping(t.Headers))
			return err
		}); err != nil {
			b.Fatal(err)
		}
		if res.Created != 10000 {
			b.Fatalf("%+v", res)
		}
	}
}

func itoa(i int) string { return string(rune('a'+i/26%26)) + string(rune('a'+i%26)) }

func newOrgB(b *testing.B, s *store.Store, short string) int64 {
	b.Helper()
	o := &org.Organisation{Name: "Bench " + short, Short: short}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateOrg(context.Background(), o) }); err != nil {
		b.Fatal(err)
	}
	return o.ID
}
