package store_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
	"privacyregister/internal/task"
	"privacyregister/internal/testutil"
)

// inputPlan parses a CSV and runs the dry run of its import.
func inputPlan(t *testing.T, s *store.Store, orgID int64, csv string) (*register.Table, *register.Summary) {
	t.Helper()
	tb, err := register.ParseFile("x.csv", strings.NewReader(csv), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.PlanImport(context.Background(), orgID, tb, register.AutoMapping(tb.Headers))
	if err != nil {
		t.Fatal(err)
	}
	return tb, p
}

func issuesText(is []register.Issue) string {
	var b []string
	for _, i := range is {
		b = append(b, i.Text("en"))
	}
	return strings.Join(b, "; ")
}

// TestDryRunFindsWhatImportFinds: a row naming a security measure the
// organisation does not have failed the import but passed the dry run
// ("10000 to create"). The dry run now plans against the same references.
func TestDryRunFindsWhatImportFinds(t *testing.T) {
	s := testutil.NewStore(t)
	o := newOrg(t, s, "dry")
	csv := "Naam;Maatregelen\nLedenadministratie;3\nNieuwsbrief;\n"
	tb, p := inputPlan(t, s, o.ID, csv)
	if p.OK() || len(p.Rows[0].Errors) == 0 || !strings.Contains(issuesText(p.Rows[0].Errors), "Unknown security measure 3") {
		t.Fatalf("dry run must report the unknown measure of row 2: %+v", p.Rows)
	}
	_, _, err := regImport(t, s, o.ID, tb)
	if err == nil || !strings.Contains(err.Error(), "Unknown security measure 3") {
		t.Fatalf("import: %v", err)
	}
	// A measure named without a kind is an error in both; with its kind
	// the import adds it to the catalogue (the dry run warns).
	_, p = inputPlan(t, s, o.ID, "Naam;Maatregelen\nLedenadministratie;Clean desk\n")
	if p.OK() {
		t.Fatal("an unknown measure without a kind must be an error in the dry run")
	}
	tb, p = inputPlan(t, s, o.ID, "Naam;Maatregelen\nLedenadministratie;Clean desk | organisatorisch\n")
	if !p.OK() || !strings.Contains(issuesText(p.Rows[0].Warnings), "the import adds it") {
		t.Fatalf("new measure with kind: %+v", p.Rows[0])
	}
	if _, _, err := regImport(t, s, o.ID, tb); err != nil {
		t.Fatal(err)
	}
	ms, _ := s.Measures(context.Background(), o.ID)
	acts := regList(t, s, o.ID, store.ActivityFilter{})
	if len(ms) != 1 || ms[0].Name != "Clean desk" || ms[0].Kind != register.Organisational || len(acts) != 1 || len(acts[0].MeasureIDs) != 1 || acts[0].MeasureIDs[0] != ms[0].ID {
		t.Fatalf("measure not added and linked: %+v %+v", ms, acts)
	}
}

// roundTripOrgs fills org A with measures, an agreement and activities that
// refer to them.
func roundTripOrgs(t *testing.T, s *store.Store) (a, b int64, acts []register.Activity) {
	t.Helper()
	ctx := context.Background()
	oa, ob := newOrg(t, s, "rta"), newOrg(t, s, "rtb")
	// B has an agreement and a measure of its own first, so that A's ids
	// mean something else in B.
	err := s.InTx(ctx, func(tx *store.Tx) error {
		for _, org := range []int64{ob.ID, oa.ID} {
			for _, m := range []register.Measure{{Name: "Bewustwordingstraining", Kind: register.Organisational}, {Name: "Versleuteling van laptops", Kind: register.Technical}} {
				if org == ob.ID && m.Kind == register.Technical {
					continue
				}
				if err := tx.CreateMeasure(ctx, org, &m); err != nil {
					return err
				}
			}
		}
		return tx.CreateAgreement(ctx, &agreement.Agreement{OrgID: ob.ID, Title: "Iets anders"})
	})
	if err != nil {
		t.Fatal(err)
	}
	ag := &agreement.Agreement{OrgID: oa.ID, Title: "Verwerkersovereenkomst ProBiblio"}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, ag) }); err != nil {
		t.Fatal(err)
	}
	ms, _ := s.Measures(ctx, oa.ID)
	src := register.DemoActivities()[:4]
	for i := range src {
		src[i].MeasureIDs = []int64{ms[0].ID, ms[1].ID}
		src[i].Processors = []register.ProcessorRef{{Name: "ProBiblio", AgreementStatus: register.AgreementSigned, AgreementID: &ag.ID}}
		if err := regCreate(t, s, oa.ID, &src[i]); err != nil {
			t.Fatal(err)
		}
	}
	return oa.ID, ob.ID, regList(t, s, oa.ID, store.ActivityFilter{Sort: "code"})
}

// TestRegisterExportImportsIntoAnotherOrganisation: the export wrote
// database ids, so a register did not import into another organisation
// ("Unknown security measure 1"). Exports name measures and agreements.
func TestRegisterExportImportsIntoAnotherOrganisation(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			s := testutil.NewStore(t)
			a, b, acts := roundTripOrgs(t, s)
			refs, err := s.RegisterRefs(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if format == "csv" {
				err = register.WriteCSV(&buf, acts, refs, "nl")
			} else {
				err = register.WriteXLSX(&buf, register.OrgInfo{Name: "A"}, acts, refs, "nl")
			}
			if err != nil {
				t.Fatal(err)
			}
			tb, err := register.ParseFile("export."+format, bytes.NewReader(buf.Bytes()), 0)
			if err != nil {
				t.Fatal(err)
			}
			p, _, err := regImport(t, s, b, tb)
			if err != nil {
				t.Fatalf("export of A does not import into B: %v", err)
			}
			if w := issuesText(p.Rows[0].Warnings); !strings.Contains(w, "without the link") {
				t.Errorf("B has no agreement of that title: the dry run must say the link is dropped: %s", w)
			}
			got := regList(t, s, b, store.ActivityFilter{Sort: "code"})
			msB, _ := s.Measures(ctx, b)
			nameB := map[int64]string{}
			for _, m := range msB {
				nameB[m.ID] = m.Name
			}
			nameA := map[int64]string{}
			for _, m := range refs.Measures {
				nameA[m.ID] = m.Name
			}
			if len(got) != len(acts) || len(msB) != 2 {
				t.Fatalf("%d activities and %d measures in B, want %d and 2", len(got), len(msB), len(acts))
			}
			for i := range acts {
				w, g := acts[i], got[i]
				if g.Name != w.Name || g.Code != w.Code || g.Description != w.Description || len(g.Purposes) != len(w.Purposes) ||
					len(g.DataCategories) != len(w.DataCategories) || len(g.MeasureIDs) != len(w.MeasureIDs) {
					t.Fatalf("activity %d: got %+v, want %+v", i, g, w)
				}
				for j := range w.MeasureIDs {
					if nameB[g.MeasureIDs[j]] != nameA[w.MeasureIDs[j]] {
						t.Errorf("activity %s: measure %q in B, want %q", w.Name, nameB[g.MeasureIDs[j]], nameA[w.MeasureIDs[j]])
					}
				}
				if g.Processors[0].Name != "ProBiblio" || g.Processors[0].AgreementID != nil {
					t.Errorf("activity %s: processor %+v: must keep the name and not link B to A's agreement id", w.Name, g.Processors[0])
				}
			}
			// Back into A itself, the agreement is found by its title.
			if _, _, err = regImport(t, s, a, tb); err != nil {
				t.Fatalf("re-import into A: %v", err)
			}
			back := regList(t, s, a, store.ActivityFilter{Sort: "code"})
			if p := back[0].Processors[0]; p.AgreementID == nil || *p.AgreementID != *acts[0].Processors[0].AgreementID {
				t.Fatalf("re-import into A: %+v", back[0].Processors)
			}
		})
	}
	_ = s
}

// TestActivityRefusesAnotherOrganisationsAgreement: PUT
// /api/v1/activities/{id} stored processors[].agreement_id of another
// organisation's agreement. The store checks every door.
func TestActivityRefusesAnotherOrganisationsAgreement(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	a, b := newOrg(t, s, "refa"), newOrg(t, s, "refb")
	theirs := &agreement.Agreement{OrgID: b.ID, Title: "Van B"}
	ours := &agreement.Agreement{OrgID: a.ID, Title: "Van A"}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgreement(ctx, theirs); err != nil {
			return err
		}
		return tx.CreateAgreement(ctx, ours)
	}); err != nil {
		t.Fatal(err)
	}
	act := &register.Activity{Name: "Uitlenen", Processors: []register.ProcessorRef{{Name: "X", AgreementID: &theirs.ID}}}
	err := regCreate(t, s, a.ID, act)
	if !regInvalid(err) || !hasField(err, "processors[0].agreement_id") {
		t.Fatalf("create with another organisation's agreement: %v", err)
	}
	act.Processors[0].AgreementID = &ours.ID
	if err := regCreate(t, s, a.ID, act); err != nil {
		t.Fatal(err)
	}
	act.Processors = append(act.Processors, register.ProcessorRef{Name: "Y", AgreementID: &theirs.ID})
	err = s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateActivity(ctx, a.ID, act) })
	if !regInvalid(err) || !hasField(err, "processors[1].agreement_id") {
		t.Fatalf("update with another organisation's agreement: %v", err)
	}
	got, _ := s.Activity(ctx, a.ID, act.ID)
	if len(got.Processors) != 1 {
		t.Fatalf("the refused update was stored: %+v", got.Processors)
	}
	// The same through an import: an agreement number of another
	// organisation is an error in the dry run and the import.
	_, p := inputPlan(t, s, a.ID, "Naam;Verwerkers\nNieuw;X | getekend |  |  | "+strconv.FormatInt(theirs.ID, 10)+"\n")
	if p.OK() || !strings.Contains(issuesText(p.Rows[0].Errors), "Unknown processor agreement") {
		t.Fatalf("import with another organisation's agreement number: %+v", p.Rows[0])
	}
}

// TestTextChecksOnBothEngines: a NUL byte was stored on SQLite and failed
// with SQLSTATE 22021 (a 500) on PostgreSQL; a 10 MB name was accepted.
// Every domain's validation now refuses bad bytes and overlong text,
// naming the field, the same on both engines.
func TestTextChecksOnBothEngines(t *testing.T) {
	s := testutil.NewStore(t)
	s.Now = func() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	o := newOrg(t, s, "txt")
	huge := strings.Repeat("x", 10<<20)
	bad := map[string]string{"NUL": "Leden\x00administratie", "invalid UTF-8": "Caf\xe9", "10 MB": huge}
	for what, v := range bad {
		cases := map[string]struct {
			field string
			run   func(tx *store.Tx) error
		}{
			"activity name": {"name", func(tx *store.Tx) error { return tx.CreateActivity(ctx, o.ID, &register.Activity{Name: v}) }},
			"activity extra": {"extra[Opmerking]", func(tx *store.Tx) error {
				return tx.CreateActivity(ctx, o.ID, &register.Activity{Name: "ok", Extra: map[string]string{"Opmerking": v}})
			}},
			"purpose": {"purposes[0].description", func(tx *store.Tx) error {
				return tx.CreateActivity(ctx, o.ID, &register.Activity{Name: "ok", Purposes: []register.Purpose{{Description: v}}})
			}},
			"measure": {"name", func(tx *store.Tx) error {
				return tx.CreateMeasure(ctx, o.ID, &register.Measure{Name: v, Kind: register.Technical})
			}},
			"agreement": {"title", func(tx *store.Tx) error { return tx.CreateAgreement(ctx, &agreement.Agreement{OrgID: o.ID, Title: v}) }},
			"party":     {"name", func(tx *store.Tx) error { return tx.CreateParty(ctx, &agreement.Party{OrgID: o.ID, Name: v}) }},
			"incident": {"title", func(tx *store.Tx) error {
				i := &store.Incident{}
				i.Title, i.DiscoveredAt = v, s.Now().Add(-time.Hour)
				return tx.CreateIncident(ctx, o.ID, i)
			}},
			"request": {"requester.name", func(tx *store.Tx) error {
				r := &store.SubjectRequest{}
				r.ReceivedAt, r.Rights, r.Channel = s.Now(), []request.Right{request.Access}, request.ByEmail
				r.Requester.Name = v
				return tx.CreateRequest(ctx, o.ID, r)
			}},
			"dpia": {"title", func(tx *store.Tx) error { return tx.CreateDPIA(ctx, o.ID, &store.DPIA{Title: v}) }},
			"task": {"title", func(tx *store.Tx) error {
				tk := &store.Task{}
				tk.Kind, tk.Title, tk.EveryMonths, tk.Active, tk.StartMonth = task.Kinds[0], v, 12, true, 1
				return tx.CreateTask(ctx, o.ID, tk)
			}},
		}
		for name, c := range cases {
			err := s.InTx(ctx, c.run)
			if apperr.HTTPStatus(err) != 422 || !hasField(err, c.field) {
				t.Errorf("%s with %s: %v, want invalid on %s", name, what, shorten(err), c.field)
			}
		}
	}
	if n := countIncidents(t, s, o.ID); n != 0 {
		t.Errorf("%d incidents stored", n)
	}
}

func shorten(err error) string {
	if err == nil {
		return "<nil>"
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
