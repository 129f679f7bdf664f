package deadline

import (
	"testing"
	"time"
)

// BenchmarkScan100k computes, for 100,000 open requests, the due date of
// each (one month per 1182/71) and its dashboard state: what a nightly
// reminder scan does. It must stay well under a second.
func BenchmarkScan100k(b *testing.B) {
	cal := DefaultCalendar()
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, Amsterdam)
	received := make([]time.Time, 100_000)
	for i := range received {
		received[i] = start.Add(time.Duration(i) * 17 * time.Minute)
	}
	now := start.AddDate(0, 6, 0)
	b.ResetTimer()
	for b.Loop() {
		var counts [3]int
		for _, r := range received {
			switch Status(AddMonths(r, 1, cal), now, 7*24*time.Hour) {
			case OK:
				counts[0]++
			case DueSoon:
				counts[1]++
			case Overdue:
				counts[2]++
			}
		}
		if counts[0]+counts[1]+counts[2] != len(received) {
			b.Fatal("lost a deadline")
		}
	}
}
