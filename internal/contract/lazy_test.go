package contract

import "testing"

// TestPatternsCompile: every pattern of the analysis compiles (they are
// compiled on first use, not at start).
func TestPatternsCompile(t *testing.T) {
	if len(allPatterns) < 100 {
		t.Fatalf("only %d patterns registered", len(allPatterns))
	}
	for _, p := range allPatterns {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("pattern %q: %v", p.src, r)
				}
			}()
			p.get()
		}()
	}
}
