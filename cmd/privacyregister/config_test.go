package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConfigFromEnvironment reads good values into the configuration and
// refuses a bad one with the variable's name, where each used to fall back
// silently (PRIVACYREGISTER_INCIDENT_REMINDERS at package init, the
// booleans unless exactly "true", the hash limit when not a number).
func TestConfigFromEnvironment(t *testing.T) {
	env := map[string]string{
		"PRIVACYREGISTER_DATA": "/srv/pr", "PRIVACYREGISTER_SECURE_COOKIES": "1", "PRIVACYREGISTER_INCIDENT_REMINDERS": "48, 12,2",
		"PRIVACYREGISTER_MAX_PASSWORD_HASHES": "3", "PRIVACYREGISTER_SMTP_PASSWORD": "geheim",
	}
	c, err := readConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Data != "/srv/pr" || !c.SecureCookies || !slices.Equal(c.IncidentReminders, []int{48, 12, 2}) || c.MaxPasswordHashes != 3 || c.SMTPPassword != "geheim" || c.Addr != "localhost:8080" {
		t.Errorf("read %+v", c)
	}
	if c, _ := readConfig(func(string) string { return "" }); !slices.Equal(c.IncidentReminders, []int{24, 6}) || c.Data != "data" {
		t.Errorf("defaults %+v", c)
	}
	for name, v := range map[string]string{
		"PRIVACYREGISTER_INCIDENT_REMINDERS":  "24,soon",
		"PRIVACYREGISTER_SECURE_COOKIES":      "yes",
		"PRIVACYREGISTER_TRUST_PROXY":         "on",
		"PRIVACYREGISTER_MAX_PASSWORD_HASHES": "many",
		"PRIVACYREGISTER_TRUSTED_PROXIES":     "10.0.0.0/33",
		"PRIVACYREGISTER_SECRET_KEY":          "short",
		"PRIVACYREGISTER_IMPORT_MAX_ROWS":     "-1",
	} {
		_, err := readConfig(func(k string) string {
			if k == name {
				return v
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: %v, want an error naming the variable", name, v, err)
		}
	}
}

// TestBadConfigStopsTheStart: a command does not start on a bad value.
func TestBadConfigStopsTheStart(t *testing.T) {
	t.Setenv("PRIVACYREGISTER_INCIDENT_REMINDERS", "24,0")
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "list"); code == 0 || !strings.Contains(errs, "PRIVACYREGISTER_INCIDENT_REMINDERS") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// TestEnvironmentReadInOnePlace: outside tests and their helpers, only
// config.go reads the environment.
func TestEnvironmentReadInOnePlace(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testutil") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "config.go" {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "os" && (sel.Sel.Name == "Getenv" || sel.Sel.Name == "LookupEnv") {
					t.Errorf("%s reads the environment (os.%s); read it in cmd/privacyregister/config.go", path, sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
