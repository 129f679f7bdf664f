package store_test

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

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
func BenchmarkRegisterImportXLSX10k(b *testing.B) { benchImport(b, 10_000) }

// BenchmarkRegisterImportXLSX100k is the same with 100,000 rows, run only
// with PRIVACYREGISTER_BENCH_100K=1 (a minute or more). Time should be
// about ten times the 10k figure, and peak-heap-MB bounded.
func BenchmarkRegisterImportXLSX100k(b *testing.B) {
	if os.Getenv("PRIVACYREGISTER_BENCH_100K") == "" {
		b.Skip("set PRIVACYREGISTER_BENCH_100K=1")
	}
	benchImport(b, 100_000)
}

// benchLimits admit a register of 100,000 rows (an operator sets these with
// PRIVACYREGISTER_IMPORT_MAX_*; the defaults stop at 50 MB unpacked).
var benchLimits = register.Limits{MaxBytes: 200 << 20, MaxUncompressed: 1 << 30, MaxRows: 1_000_000, MaxCells: 100_000_000}

func benchImport(b *testing.B, n int) {
	ctx := context.Background()
	s := testutil.NewStore(b)
	acts := register.Generate(n, 1)
	for i := range acts {
		acts[i].MeasureIDs = nil
	}
	var buf bytes.Buffer
	if err := register.WriteXLSX(&buf, register.OrgInfo{Name: "Bench"}, acts, register.Refs{}, "nl"); err != nil {
		b.Fatal(err)
	}
	acts = nil
	data := buf.Bytes()
	b.ReportMetric(float64(len(data))/1e6, "MB-xlsx")
	var peak, live uint64
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		o := newOrgB(b, s, "imp"+itoa(i))
		runtime.GC()
		stop := heapPeak(&peak, &live)
		b.StartTimer()
		t, err := register.ParseFileWith("register.xlsx", bytes.NewReader(data), benchLimits)
		if err != nil {
			b.Fatal(err)
		}
		_, res, err := s.ImportRegister(ctx, o, t, register.AutoMapping(t.Headers), nil)
		if err != nil {
			b.Fatal(err)
		}
		t = nil
		b.StopTimer()
		stop()
		b.StartTimer()
		if res.Created != n {
			b.Fatalf("%+v", res)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
}

// heapPeak samples the heap in use (live objects and garbage not yet
// collected) every 20 ms into peak, and the live heap as the last
// collection found it into live, until stop.
func heapPeak(peak, live *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			metrics.Read(sample)
			*live = max(*live, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
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
