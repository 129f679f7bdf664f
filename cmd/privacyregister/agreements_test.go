package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	reg "privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func TestDemoAgreementsAndExport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opts, flags := store.Options{DataDir: dir}, []string{"--data", dir}
	if u := testutil.PostgresURL(t); u != "" {
		opts, flags = store.Options{URL: u}, []string{"--db", u, "--data", dir}
	}
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := ensureDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	o, err := st.OrgByShort(ctx, demoShort)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.Agreements(ctx, o.ID, store.AgreementFilter{})
	if err != nil || len(list) != 4 {
		t.Fatalf("demo agreements: %d, %v", len(list), err)
	}
	var wise *agreement.Agreement
	for i := range list {
		if strings.Contains(list[i].Title, "Wise") {
			wise = &list[i]
		}
	}
	if wise == nil || wise.PartyName != "ProBiblio" || len(wise.Annex1) != 6 || len(wise.Terms.Subprocessors.Named) != 4 {
		t.Fatalf("Wise agreement: %+v", wise)
	}
	st.Close()

	out := filepath.Join(t.TempDir(), "vo.json")
	var so, se strings.Builder
	code := run(ctx, append([]string{"export", "agreements", "--org", demoShort, "--format", "json", "-o", out}, flags...), &env{stdout: &so, stderr: &se})
	if code != 0 {
		t.Fatalf("export json: %d %s", code, se.String())
	}
	data, _ := os.ReadFile(out)
	var got []map[string]any
	if err := json.Unmarshal(data, &got); err != nil || len(got) != 4 {
		t.Fatalf("export json: %v, %d items", err, len(got))
	}
	for _, g := range got {
		terms := g["terms"].(map[string]any)
		if _, ok := terms["breach_notification"].(map[string]any)["hours"]; !ok {
			t.Errorf("export lacks breach_notification.hours")
		}
		if _, ok := terms["art28"].(map[string]any)["c"].(map[string]any)["present"]; !ok {
			t.Errorf("export lacks art28.c.present")
		}
	}
	for _, format := range []string{"csv", "xlsx"} {
		out := filepath.Join(t.TempDir(), "vo."+format)
		if code := run(ctx, append([]string{"export", "agreements", "--org", demoShort, "--format", format, "-o", out}, flags...), &env{stdout: io.Discard, stderr: io.Discard}); code != 0 {
			t.Errorf("export %s: exit %d", format, code)
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() < 100 {
			t.Errorf("export %s: %v", format, err)
		}
	}
	if code := run(ctx, append([]string{"export", "agreements", "--org", demoShort, "--format", "pdf", "-o", out}, flags...), &env{stdout: io.Discard, stderr: io.Discard}); code != 2 {
		t.Errorf("bad format: exit %d, want 2", code)
	}
	if code := run(ctx, append([]string{"export", "agreements", "--format", "json", "-o", out}, flags...), &env{stdout: io.Discard, stderr: io.Discard}); code != 2 {
		t.Errorf("no org: exit %d, want 2", code)
	}
}

// TestDemoAgreementLinks runs the filler after a register exists (as it
// should in the demo) and checks Wise is linked to the member
// administration and the newsletters.
func TestDemoAgreementLinks(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	o := &org.Organisation{Short: "lib", Name: "Lib"}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		for _, name := range []string{"Ledenadministratie", "Algemene nieuwsbrief leden", "Werving en selectie"} {
			if err := tx.CreateActivity(ctx, o.ID, &reg.Activity{Name: name, Status: reg.StatusConcept}); err != nil {
				return err
			}
		}
		return demoAgreements(ctx, tx, o)
	})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.Agreements(ctx, o.ID, store.AgreementFilter{})
	for _, a := range list {
		if !strings.Contains(a.Title, "Wise") {
			continue
		}
		linked, _ := st.LinkedActivities(ctx, o.ID, a.ID)
		if len(linked) != 2 {
			t.Errorf("Wise linked to %+v, want the member administration and the newsletter", linked)
		}
	}
}

// TestDemoAgreementsMatchSeeds checks the demo's structured terms against
// what the analyser reads from the seed texts (where /work/shared exists).
func TestDemoAgreementsMatchSeeds(t *testing.T) {
	seeds := map[string]string{"ProBiblio": "000", "NOA BV": "001", "ICTeam Zuid B.V.": "002", "Maximedia B.V.": "004"}
	for _, d := range demoAgreementData() {
		text := testutil.Seed(t, seeds[d.party.Name])
		a := contract.Analyse(text)
		tm := d.ag.Terms
		if agOptStr(a.BreachNotification.Hours) != agOptStr(tm.BreachNotification.Hours) {
			t.Errorf("%s: breach hours demo %s, text %s", d.party.Name, agOptStr(tm.BreachNotification.Hours), agOptStr(a.BreachNotification.Hours))
		}
		if a.Subprocessors.Regime != tm.Subprocessors.Regime || a.DataLocation != tm.DataLocation || a.EndOfContract != tm.EndOfContract || a.Law != tm.Law {
			t.Errorf("%s: demo %s/%s/%s/%s, text %s/%s/%s/%s", d.party.Name, tm.Subprocessors.Regime, tm.DataLocation, tm.EndOfContract, tm.Law,
				a.Subprocessors.Regime, a.DataLocation, a.EndOfContract, a.Law)
		}
		if len(a.Subprocessors.Named) != len(tm.Subprocessors.Named) {
			t.Errorf("%s: %d sub-processors in the demo, %d in the text", d.party.Name, len(tm.Subprocessors.Named), len(a.Subprocessors.Named))
		}
	}
}

func agOptStr(v *int) string {
	if v == nil {
		return "null"
	}
	return strconv.Itoa(*v)
}
