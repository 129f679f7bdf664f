// Package testutil holds helpers shared by tests: where the seed documents
// are, and (later) a test database on SQLite or PostgreSQL.
package testutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// RepoRoot walks up from the working directory to the folder with go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testutil: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// InCI reports whether the tests run in CI, where nothing may skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// SkipOrFail skips the test on a developer machine and fails it in CI.
func SkipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI=true, cannot skip: "+format, args...)
	}
	t.Skipf(format, args...)
}

// SeedsDir is ../shared/seeds beside the repository. The test skips when it
// is absent (a plain checkout), except in CI.
func SeedsDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		SkipOrFail(t, "seed documents not found at %s", dir)
	}
	return dir
}

// SeedPath returns the path of the seed whose file name starts with prefix
// ("001" or "003_register.csv").
func SeedPath(t testing.TB, prefix string) string {
	t.Helper()
	dir := SeedsDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			return filepath.Join(dir, e.Name())
		}
	}
	t.Fatalf("no seed starting with %q in %s", prefix, dir)
	return ""
}

// Seed returns the text of the seed whose file name starts with prefix.
func Seed(t testing.TB, prefix string) string {
	t.Helper()
	data, err := os.ReadFile(SeedPath(t, prefix))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
