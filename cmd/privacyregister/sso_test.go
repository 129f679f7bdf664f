package main

import (
	"strings"
	"testing"
)

// TestSSOCommands: the command line sets single sign-on, keeps the
// secret out of its output, and switches mandatory SSO off again (the way
// back in when a provider fails).
func TestSSOCommands(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "add", "--name", "School", "--short", "school"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := c.run("", "sso", "set", "--org", "school", "--issuer", "https://login.example.nl/t/v2.0"); code != 1 || !strings.Contains(errs, "client_id") || !strings.Contains(errs, "domains") {
		t.Errorf("incomplete: %d %s", code, errs)
	}
	code, out, errs := c.run("geheim-1234\n", "sso", "set", "--org", "school", "--issuer", "https://login.example.nl/t/v2.0",
		"--client-id", "abc", "--client-secret-stdin", "--domains", "school.nl,Leerling.School.nl", "--mandatory")
	if code != 0 || strings.Contains(out+errs, "geheim-1234") {
		t.Fatalf("sso set: %d %s %s", code, out, errs)
	}
	if _, out, _ = c.run("", "sso", "set", "--org", "school", "--mandatory=false"); !strings.Contains(out, "saved") {
		t.Fatalf("mandatory off: %s", out)
	}
	code, out, _ = c.run("", "sso", "show", "--org", "school")
	for _, want := range []string{"client id:     abc", "client secret: set (sealed)", "school.nl, leerling.school.nl", "mandatory:     false"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("sso show lacks %q: %s", want, out)
		}
	}
	if strings.Contains(out, "geheim-1234") {
		t.Error("sso show prints the secret")
	}
}
