package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"privacyregister/internal/deadline"
	"privacyregister/internal/store"
)

// openCLIStore opens the database the cli runs on, to add what no command
// adds.
func (c *cli) openStore() *store.Store {
	c.t.Helper()
	o := store.Options{DataDir: c.dbFlags[1]}
	if c.dbFlags[0] == "--db" {
		o = store.Options{URL: c.dbFlags[1]}
	}
	st, err := store.Open(context.Background(), o)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { st.Close() })
	return st
}

// `holidays` lists 2027 for an organisation that equated 7 June 2027 with
// a holiday: the statutory Ascension Day (Thursday 6 May), the embedded
// decree's Friday after it (7 May), the organisation's own day with who
// added it, and, with --decree-days, a day of the installation's file.
func TestHolidaysCommand(t *testing.T) {
	c := newCLI(t)
	if code, _, errs := c.run("", "org", "add", "--name", "Bibliotheek Test", "--short", "bieb"); code != 0 {
		t.Fatalf("org add: %s", errs)
	}
	st := c.openStore()
	o, err := st.OrgByShort(context.Background(), "bieb")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.AddDecreeDay(context.Background(), o.ID, &store.DecreeDay{Day: "2027-06-07", Title: "Besluit van 7 juni 2027", AddedBy: "beheer@bieb.nl"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	code, out, errs := c.run("", "holidays", "--org", "bieb", "--year", "2027")
	if code != 0 {
		t.Fatalf("holidays: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 11 {
		t.Errorf("%d lines, want 9 statutory + 1 embedded + 1 own:\n%s", len(lines), out)
	}
	for _, want := range []string{
		"2027-05-06\tThursday\tHemelvaartsdag (Ascension Day)\tstatutory\t",
		"2027-05-07\tFriday\tGelijkgestelde dag (Day equated by decree)\tdecree\tBesluit gelijkstelling van 2 januari 2026",
		"2027-06-07\tMonday\tGelijkgestelde dag (Day equated by decree)\torganisation\tBesluit van 7 juni 2027 (beheer@bieb.nl, ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	file := filepath.Join(t.TempDir(), "decrees.json")
	os.WriteFile(file, []byte(`{"decrees":[{"title":"Besluit uit het bestand","days":["2027-06-08"]}]}`), 0o600)
	t.Cleanup(func() { store.RequestCalendar = deadline.DefaultCalendar() })
	if code, out, errs := c.run("", "holidays", "--org", "bieb", "--year", "2027", "--decree-days", file); code != 0 ||
		!strings.Contains(out, "2027-06-08\tTuesday\tGelijkgestelde dag (Day equated by decree)\tinstallation\tBesluit uit het bestand") {
		t.Errorf("with --decree-days: %d %s %s", code, out, errs)
	}

	for _, bad := range [][]string{{"holidays"}, {"holidays", "--org", "bieb", "--year", "27"}, {"holidays", "--org", "bieb", "2027"}} {
		if code, _, _ := c.run("", bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, errs := c.run("", "holidays", "--org", "nope"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown organisation: %d %s", code, errs)
	}
}
