package web

import "testing"

// TestEveryPageParses: every page template parses (they are parsed on
// first use, not at start).
func TestEveryPageParses(t *testing.T) {
	p, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.byName) < 40 {
		t.Fatalf("only %d pages", len(p.byName))
	}
	for name := range p.byName {
		if _, err := p.get(name); err != nil {
			t.Error(err)
		}
	}
	if _, err := p.get("no such page"); err == nil {
		t.Error("an unknown page parsed")
	}
}

// BenchmarkParsePages measures parsing every page template, which every
// start of serve did before it answered.
//
//	go test -run '^$' -bench BenchmarkParsePages ./internal/web/
func BenchmarkParsePages(b *testing.B) {
	for b.Loop() {
		p, err := loadPages()
		if err != nil {
			b.Fatal(err)
		}
		for name := range p.byName {
			if _, err := p.get(name); err != nil {
				b.Fatal(err)
			}
		}
	}
}
