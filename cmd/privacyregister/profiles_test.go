package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfileCommands: a processor publishes its profile from a file; a
// bad file names its problem and publishes nothing; show prints it.
func TestProfileCommands(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "add", "--name", "ProBiblio", "--short", "probiblio"); code != 0 {
		t.Fatalf("org add: %s", errs)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "profile.json")
	os.WriteFile(good, []byte(`{"name":"ProBiblio","contact":{"email":"privacy@probiblio.example"},"subprocessors":[{"name":"OCLC","country":"Nederland","purpose":"hosting"}]}`), 0o600)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"name":"ProBiblio","contact":{"email":"privacy@probiblio.example"},"subprocessors":[{"name":"X","country":"Atlantis"}]}`), 0o600)
	typo := filepath.Join(dir, "typo.json")
	os.WriteFile(typo, []byte(`{"naam":"ProBiblio"}`), 0o600)

	if code, _, errs := c.run("", "profile", "publish", "--org", "probiblio", "--note", "v1", bad); code == 0 || !strings.Contains(errs, "Atlantis") {
		t.Errorf("bad country: %d %s", code, errs)
	}
	if code, _, errs := c.run("", "profile", "publish", "--org", "probiblio", "--note", "v1", typo); code == 0 || !strings.Contains(errs, "naam") {
		t.Errorf("unknown field: %d %s", code, errs)
	}
	if code, _, _ := c.run("", "profile", "show", "--org", "probiblio"); code == 0 {
		t.Error("a refused file was published")
	}
	if code, out, errs := c.run("", "profile", "publish", "--org", "probiblio", "--note", "Eerste versie", good); code != 0 || !strings.Contains(out, "published version 1") {
		t.Fatalf("publish: %d %s %s", code, out, errs)
	}
	if code, out, _ := c.run("", "profile", "show", "--org", "probiblio"); code != 0 || !strings.Contains(out, `"country": "NL"`) || !strings.Contains(out, "Eerste versie") {
		t.Errorf("show: %d %s", code, out)
	}
}
