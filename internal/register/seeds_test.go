package register

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedPath finds a seed document as testutil.SeedPath does. testutil now
// imports the store, which imports this package, so tests inside package
// register cannot import it without a cycle.
func seedPath(t *testing.T, prefix string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Fatal("go.mod not found")
		}
		dir = filepath.Dir(dir)
	}
	seeds := filepath.Join(dir, "..", "shared", "seeds")
	entries, err := os.ReadDir(seeds)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true, cannot skip: seed documents not found at %s", seeds)
		}
		t.Skipf("seed documents not found at %s", seeds)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			return filepath.Join(seeds, e.Name())
		}
	}
	t.Fatalf("no seed starting with %q in %s", prefix, seeds)
	return ""
}

func seed(t *testing.T, prefix string) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath(t, prefix))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
