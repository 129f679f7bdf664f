package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

func regSeedTable(t *testing.T) *register.Table {
	t.Helper()
	data, err := os.ReadFile(testutil.SeedPath(t, "003_register.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := register.ParseFile("003_register.csv", bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func regImport(t *testing.T, s *store.Store, orgID int64, tb *register.Table) (*register.Summary, store.ImportResult, error) {
	t.Helper()
	var p *register.Summary
	var res store.ImportResult
	err := s.InTx(context.Background(), func(tx *store.Tx) (err error) {
		p, res, err = tx.Import(context.Background(), orgID, tb, register.AutoMapping(tb.Headers))
		return err
	})
	return p, res, err
}

func regList(t *testing.T, s *store.Store, orgID int64, f store.ActivityFilter) []register.Activity {
	t.Helper()
	acts, total, err := s.Activities(context.Background(), orgID, f)
	if err != nil {
		t.Fatal(err)
	}
	if f.Limit == 0 && total != len(acts) {
		t.Fatalf("total %d, but %d returned", total, len(acts))
	}
	return acts
}

// content is the activity as JSON without what the store sets itself.
func regContent(t *testing.T, a register.Activity) string {
	t.Helper()
	a.ID, a.OrgID, a.CreatedAt, a.UpdatedAt = 0, 0, time.Time{}, time.Time{}
	a.NextReviewAt, a.LastReviewedAt, a.LastReviewedBy = nil, nil, ""
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func regNames(acts []register.Activity) []string {
	var out []string
	for _, a := range acts {
		out = append(out, a.Name)
	}
	return out
}

// TestImportSeedRegister imports the seed library's register through the
// store: 26 activities, each stored exactly as the import read it (so every
// column the importer keeps survives the database), every one audited; a
// second import of the same file updates the 26 (matched by number) and
// creates none.
func TestImportSeedRegister(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "blij")
	tb := regSeedTable(t)

	dry, err := s.PlanImport(ctx, o.ID, tb, register.AutoMapping(tb.Headers))
	if err != nil || !dry.OK() || dry.Count(register.ActionCreate) != 26 {
		t.Fatalf("dry run: %d creates, err %v / %v", dry.Count(register.ActionCreate), err, dry.Err())
	}
	if n := len(regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true})); n != 0 {
		t.Fatalf("the dry run wrote %d activities", n)
	}

	p, res, err := regImport(t, s, o.ID, tb)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 26 || res.Updated != 0 {
		t.Fatalf("first import: %+v, want 26 created", res)
	}
	stored := regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(stored) != 26 {
		t.Fatalf("%d activities stored, want 26", len(stored))
	}
	byCode := map[string]register.Activity{}
	for _, a := range stored {
		byCode[a.Code] = a
	}
	if len(p.Rows) != 26 || p.Rows[0].ID == 0 {
		t.Fatalf("the plan of the import names the written rows: %+v", p.Rows[0])
	}
	// The dry run keeps only numbers and names: plan in full what the
	// import read, against the same (empty) register.
	full, err := register.Plan(tb, register.AutoMapping(tb.Headers), nil, register.Refs{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range full.Activities() {
		got, ok := byCode[want.Code]
		if !ok {
			t.Errorf("activity %s %q not stored", want.Code, want.Name)
			continue
		}
		if g, w := regContent(t, got), regContent(t, want); g != w {
			t.Errorf("activity %s differs after the round trip through the database:\n got %s\nwant %s", want.Code, g, w)
		}
	}
	// Spot checks of the seed's columns.
	if a := byCode["1.1.7"]; a.Name != "Pensioenadministratie" || a.Processors[0].AgreementStatus != register.AgreementNotNeeded || !strings.Contains(a.Processors[0].Note, "8 mei 2018") {
		t.Errorf("1.1.7: %+v", a)
	}
	if a := byCode["2.3.5"]; a.Extra["Status verwerkersovereenkomst"] != "overstap naar CRM MS Dynamics" || a.InEU != register.AnswerNo {
		t.Errorf("2.3.5 extra/in EU: %v %q", a.Extra, a.InEU)
	}
	if a := byCode["2.4.1"]; a.Contact != "Naomi Deegenars" || a.Extra["Data Inw."] != "nee" {
		t.Errorf("2.4.1: contact %q extra %v", a.Contact, a.Extra)
	}
	trail, err := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: store.EntityActivity})
	if err != nil || len(trail) != 26 {
		t.Fatalf("audit rows for the import: %d, %v; want 26", len(trail), err)
	}
	for _, e := range trail {
		if e.Action != audit.Create {
			t.Errorf("audit row %d: action %s", e.Seq, e.Action)
		}
	}

	_, res, err = regImport(t, s, o.ID, regSeedTable(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || res.Updated != 26 {
		t.Fatalf("re-import: %+v, want 0 created and 26 updated", res)
	}
	again := regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true})
	if len(again) != 26 {
		t.Fatalf("after re-import %d activities, want 26", len(again))
	}
	for _, a := range again {
		if regContent(t, a) != regContent(t, byCode[a.Code]) {
			t.Errorf("re-import changed %s", a.Code)
		}
	}
	if _, problems, _ := s.VerifyAudit(ctx, o.ID); len(problems) > 0 {
		t.Errorf("audit chain broken: %v", problems)
	}
}

// TestImportUpdatesChangedRows: a changed cell in a re-import updates that
// activity (matched by number) and audits the change with before and after.
func TestImportUpdatesChangedRows(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "blij")
	if _, _, err := regImport(t, s, o.ID, regSeedTable(t)); err != nil {
		t.Fatal(err)
	}
	tb := regSeedTable(t)
	col := slices.Index(tb.Headers, "Bewaars termijn")
	tb.Rows[13].Cells[col] = "3 jaar na einde lidmaatschap" // 2.2.1 Ledenadministratie
	_, res, err := regImport(t, s, o.ID, tb)
	if err != nil || res.Created != 0 || res.Updated != 26 {
		t.Fatalf("%+v %v", res, err)
	}
	acts := regList(t, s, o.ID, store.ActivityFilter{Query: "Ledenadministratie"})
	if len(acts) != 1 || acts[0].Retention != (register.Retention{Amount: 3, Unit: register.Years, StartEvent: "einde lidmaatschap"}) {
		t.Fatalf("Ledenadministratie after re-import: %+v", acts)
	}
	trail, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: store.EntityActivity, EntityID: acts[0].ID})
	if len(trail) != 2 || trail[0].Action != audit.Update || trail[0].Changes["retention"].After == nil {
		t.Fatalf("history of the changed activity: %+v", trail)
	}
}

// TestImportRollsBack: a file with an error writes nothing; neither does an
// import that fails half-way through applying.
func TestImportRollsBack(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "blij")
	before, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{})

	// (An unknown status is a warning, not an error: a DPIA answer that is
	// not yes or no is.)
	tb := &register.Table{Headers: []string{"Nr", "Verwerking", "DPIA"}, Rows: []register.Row{
		{Num: 2, Cells: []string{"1", "Goed", ""}},
		{Num: 3, Cells: []string{"2", "Fout", "onzin"}},
		{Num: 4, Cells: []string{"3", "", ""}},
	}}
	p, _, err := regImport(t, s, o.ID, tb)
	if err == nil {
		t.Fatal("an import with bad rows must fail")
	}
	var list apperr.List
	if !regAsList(err, &list) || len(list) != 2 || !strings.Contains(list[0].Field, "row 3, column DPIA") || !strings.Contains(list[1].Field, "row 4") {
		t.Errorf("errors must name row and column: %v", err)
	}
	if p == nil || p.Count(register.ActionCreate) != 3 {
		t.Errorf("the plan is returned to show the errors")
	}

	// Row 3 refers to a measure that does not exist: rows 1 and 2 are
	// written first, then the transaction is rolled back.
	tb = &register.Table{Headers: []string{"Nr", "Verwerking", "Maatregelen"}, Rows: []register.Row{
		{Num: 2, Cells: []string{"1", "Een", ""}},
		{Num: 3, Cells: []string{"2", "Twee", ""}},
		{Num: 4, Cells: []string{"3", "Drie", "999"}},
	}}
	if _, _, err := regImport(t, s, o.ID, tb); !regInvalid(err) || !strings.Contains(err.Error(), "row 4") {
		t.Fatalf("unknown measure: want an error on row 4, got %v", err)
	}
	if n := len(regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true})); n != 0 {
		t.Fatalf("a failed import left %d activities", n)
	}
	after, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{})
	if len(after) != len(before) {
		t.Fatalf("a failed import left %d audit rows", len(after)-len(before))
	}
}

// invalid reports a refusal of bad input, single or a list.
func regInvalid(err error) bool { return apperr.HTTPStatus(err) == 422 }

func regAsList(err error, l *apperr.List) bool {
	v, ok := err.(apperr.List)
	*l = v
	return ok
}

func regCreate(t *testing.T, s *store.Store, orgID int64, a *register.Activity) error {
	t.Helper()
	return s.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateActivity(context.Background(), orgID, a) })
}

func regFields(err error) []string {
	var out []string
	var l apperr.List
	if regAsList(err, &l) {
		for _, e := range l {
			out = append(out, e.Field)
		}
		return out
	}
	if e, ok := err.(*apperr.Error); ok {
		out = append(out, e.Field)
	}
	return out
}

// TestActivityValidationNamesField: what cannot be stored is refused with
// the field named; legal gaps are allowed in a concept but not when the
// activity is established.
func TestActivityValidationNamesField(t *testing.T) {
	s := testutil.NewStore(t)
	o := newOrg(t, s, "val")
	cases := []struct {
		a     register.Activity
		field string
	}{
		{register.Activity{Name: "  "}, "name"},
		{register.Activity{Name: "X", Purposes: []register.Purpose{{Description: "d", LawfulBasis: "g"}}}, "purposes[0].lawful_basis"},
		{register.Activity{Name: "X", DPIANeeded: "misschien"}, "dpia_needed"},
		{register.Activity{Name: "X", Transfers: []register.Transfer{{Country: "Atlantis"}}}, "transfers[0].country"},
		{register.Activity{Name: "X", Status: register.StatusEstablished}, "purposes"},
		{register.Activity{Name: "X", MeasureIDs: []int64{12345}}, "measure_ids[0]"},
	}
	for _, c := range cases {
		err := regCreate(t, s, o.ID, &c.a)
		if !regInvalid(err) || !slices.Contains(regFields(err), c.field) {
			t.Errorf("%+v: want an error on %s, got %v", c.a, c.field, err)
		}
	}
	// A concept with special data but no exception is stored (a gap).
	gap := register.Activity{Name: "Verzuim", DataCategories: []register.DataCategory{{Name: "Gezondheid", Kind: register.KindSpecial}}}
	if err := regCreate(t, s, o.ID, &gap); err != nil {
		t.Fatalf("a concept with a legal gap must be stored: %v", err)
	}
	if g := register.Gaps(&gap); len(g) == 0 {
		t.Error("the gap must be reported")
	}
	// Numbers are unique within the organisation.
	one := register.Activity{Name: "Een", Code: "7"}
	if err := regCreate(t, s, o.ID, &one); err != nil {
		t.Fatal(err)
	}
	two := register.Activity{Name: "Twee", Code: "7"}
	if err := regCreate(t, s, o.ID, &two); !slices.Contains(regFields(err), "code") {
		t.Errorf("duplicate number: %v", err)
	}
	if n := len(regList(t, s, o.ID, store.ActivityFilter{IncludeRetired: true})); n != 2 {
		t.Errorf("%d activities stored, want 2", n)
	}
}

// TestRegisterTenantIsolation: nothing of organisation B can be read,
// changed, linked or matched from organisation A.
func TestRegisterTenantIsolation(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	a, b := newOrg(t, s, "aaa"), newOrg(t, s, "bbb")
	secret := register.Activity{Name: "Geheime verwerking", Code: "1"}
	if err := regCreate(t, s, b.ID, &secret); err != nil {
		t.Fatal(err)
	}
	mb := register.Measure{Name: "B's maatregel"}
	pb := register.ProcessorRecord{ControllerName: "Klant van B", ControllerContact: "x", ProcessingCategories: []string{"hosting"}}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateMeasure(ctx, b.ID, &mb); err != nil {
			return err
		}
		return tx.CreateProcessorRecord(ctx, b.ID, &pb)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Activity(ctx, a.ID, secret.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A reads B's activity: %v", err)
	}
	if acts := regList(t, s, a.ID, store.ActivityFilter{IncludeRetired: true, Query: "geheime"}); len(acts) != 0 {
		t.Errorf("A's search finds B's activity: %v", regNames(acts))
	}
	upd := secret
	upd.Name = "Gekaapt"
	for name, fn := range map[string]func(tx *store.Tx) error{
		"update": func(tx *store.Tx) error { return tx.UpdateActivity(ctx, a.ID, &upd) },
		"retire": func(tx *store.Tx) error { _, err := tx.RetireActivity(ctx, a.ID, secret.ID); return err },
		"review": func(tx *store.Tx) error { _, err := tx.MarkReviewed(ctx, a.ID, secret.ID, "x"); return err },
		"measure update": func(tx *store.Tx) error {
			m := mb
			m.Name = "Gekaapt"
			return tx.UpdateMeasure(ctx, a.ID, &m)
		},
		"measure delete":   func(tx *store.Tx) error { return tx.DeleteMeasure(ctx, a.ID, mb.ID) },
		"processor delete": func(tx *store.Tx) error { return tx.DeleteProcessorRecord(ctx, a.ID, pb.ID) },
	} {
		if err := s.InTx(ctx, fn); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s of B's data from A: want not found, got %v", name, err)
		}
	}
	link := register.Activity{Name: "Met B's maatregel", MeasureIDs: []int64{mb.ID}}
	if err := regCreate(t, s, a.ID, &link); !regInvalid(err) {
		t.Errorf("A links B's measure: %v", err)
	}
	if _, err := s.ProcessorRecord(ctx, a.ID, pb.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("A reads B's processor record: %v", err)
	}
	if ms, _ := s.Measures(ctx, a.ID); len(ms) != 0 {
		t.Errorf("A sees B's measures: %v", ms)
	}
	// An import in A with B's number creates A's own activity.
	tb := &register.Table{Headers: []string{"Nr", "Verwerking"}, Rows: []register.Row{{Num: 2, Cells: []string{"1", "Geheime verwerking"}}}}
	if _, res, err := regImport(t, s, a.ID, tb); err != nil || res.Created != 1 {
		t.Errorf("import in A: %+v %v", res, err)
	}
	got, err := s.Activity(ctx, b.ID, secret.ID)
	if err != nil || got.Name != "Geheime verwerking" || got.Status != register.StatusConcept {
		t.Errorf("B's activity changed: %+v %v", got, err)
	}
}

// TestRegisterSearchFilterSort runs the list's search, filters and sorting
// over the seed register.
func TestRegisterSearchFilterSort(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "blij")
	if _, _, err := regImport(t, s, o.ID, regSeedTable(t)); err != nil {
		t.Fatal(err)
	}
	find := func(f store.ActivityFilter) []string { return regNames(regList(t, s, o.ID, f)) }

	got := find(store.ActivityFilter{Query: "nieuwsbrief"})
	for _, want := range []string{"Algemene nieuwsbrief leden", "Educatie-nieuwsbrief 0-6 en 6-12 jr", "Nieuwsbrief Uit in IJsselstein"} {
		if !slices.Contains(got, want) {
			t.Errorf("search nieuwsbrief: %q lacks %q", got, want)
		}
	}
	if slices.Contains(got, "Ledenadministratie") {
		t.Errorf("search nieuwsbrief finds Ledenadministratie")
	}
	// The plural finds the singular on both engines (Dutch stems: brieven -> brief).
	if got := find(store.ActivityFilter{Query: "nieuwsbrieven"}); len(got) < 3 || slices.Contains(got, "Ledenadministratie") {
		t.Errorf("search nieuwsbrieven: %q, want the three newsletters", got)
	}
	if got := find(store.ActivityFilter{Query: "AFAS loon"}); !slices.Equal(got, []string{"Loonadministratie"}) {
		t.Errorf("search on system and name (all words): %q", got)
	}
	if got := find(store.ActivityFilter{Query: `"); DROP TABLE activities; --`}); len(got) != 0 {
		t.Errorf("odd search: %q", got)
	}
	if got := find(store.ActivityFilter{Department: "HR"}); len(got) != 7 {
		t.Errorf("department HR: %d, want 7", len(got))
	}
	if got := find(store.ActivityFilter{Special: "yes"}); len(got) != 3 {
		t.Errorf("special data: %q, want the three Programma registrations", got)
	}
	if got := find(store.ActivityFilter{OutsideEEA: "yes"}); !slices.Equal(got, []string{"Taalhuisniewsbrief", "Nieuwsbrief Uit in IJsselstein"}) {
		t.Errorf("outside the EEA: %q", got)
	}
	if got := find(store.ActivityFilter{DPIA: register.DPIAToAssess}); len(got) != 3 {
		t.Errorf("DPIA to assess: %q", got)
	}
	if got := find(store.ActivityFilter{AgreementStatus: register.AgreementSigned}); len(got) != 4 {
		t.Errorf("agreement signed: %q", got)
	}
	if got := find(store.ActivityFilter{AgreementStatus: register.AgreementDraftSent, Department: "HR"}); len(got) != 2 {
		t.Errorf("draft sent in HR: %q", got)
	}
	if got := find(store.ActivityFilter{LawfulBasis: "a"}); len(got) != 0 {
		t.Errorf("the seed gives no lawful basis: %q", got)
	}
	if _, _, err := s.Activities(ctx, o.ID, store.ActivityFilter{LawfulBasis: "z"}); !regInvalid(err) {
		t.Errorf("bad lawful basis filter: %v", err)
	}
	if _, _, err := s.Activities(ctx, o.ID, store.ActivityFilter{Sort: "data; DROP"}); !regInvalid(err) {
		t.Errorf("bad sort: %v", err)
	}
	byName := find(store.ActivityFilter{Sort: "-name"})
	if byName[0] != "Werving en selectie" || byName[25] != "Algemene nieuwsbrief leden" {
		t.Errorf("sorted by name, descending: %q ... %q", byName[0], byName[25])
	}
	page, total, err := s.Activities(ctx, o.ID, store.ActivityFilter{Sort: "code", Limit: 10, Offset: 20})
	if err != nil || total != 26 || len(page) != 6 || page[0].Code != "2.3.2" {
		t.Errorf("page 3 of 10: %d rows of %d, first %q, %v", len(page), total, page[0].Code, err)
	}
	// Nothing is overdue right after the import (the first review is one
	// period away); a year later everything is.
	if got := find(store.ActivityFilter{ReviewOverdue: true}); len(got) != 0 {
		t.Errorf("overdue now: %d", len(got))
	}
	if got := find(store.ActivityFilter{ReviewOverdue: true, Now: time.Now().AddDate(1, 0, 0)}); len(got) != 26 {
		t.Errorf("overdue in a year: %d", len(got))
	}
	// Search with the Dutch letters of the seed (e.g. "Financiën").
	fin := register.Activity{Name: "Crediteurenadministratie", Department: "Financiën", Description: "Betalingen aan leveranciers"}
	if err := regCreate(t, s, o.ID, &fin); err != nil {
		t.Fatal(err)
	}
	if got := find(store.ActivityFilter{Query: "financiën"}); !slices.Equal(got, []string{"Crediteurenadministratie"}) {
		t.Errorf("search with diacritics: %q", got)
	}
	if deps, _ := s.Departments(ctx, o.ID); !slices.Contains(deps, "Financiën") || !slices.Contains(deps, "HR") {
		t.Errorf("departments: %q", deps)
	}
}

// TestActivityLifeCycle: edit, copy, review and retire, each in the
// activity's history.
func TestActivityLifeCycle(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2025, 1, 31, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	o := newOrg(t, s, "life")
	ctxU := audit.WithActor(ctx, audit.Actor{UserID: 0, Name: "fg@example.org"})
	a := register.Activity{Name: "Ledenadministratie", Code: "2.2.1", Purposes: []register.Purpose{{Description: "Uitlenen", LawfulBasis: "b"}}}
	if err := s.InTx(ctxU, func(tx *store.Tx) error { return tx.CreateActivity(ctxU, o.ID, &a) }); err != nil {
		t.Fatal(err)
	}
	if a.NextReviewAt == nil || !a.NextReviewAt.Equal(time.Date(2025, 4, 30, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("first review due %v, want one quarter after creation", a.NextReviewAt)
	}
	a.Status = register.StatusEstablished
	a.Systems = []string{"BicatWISE"}
	if err := s.InTx(ctxU, func(tx *store.Tx) error { return tx.UpdateActivity(ctxU, o.ID, &a) }); err != nil {
		t.Fatal(err)
	}
	cp := store.CopyOf(a, "(kopie)")
	if err := s.InTx(ctxU, func(tx *store.Tx) error { return tx.CreateActivity(ctxU, o.ID, &cp) }); err != nil {
		t.Fatal(err)
	}
	if cp.ID == a.ID || cp.Code != "" || cp.Name != "Ledenadministratie (kopie)" || cp.Status != register.StatusConcept || cp.Systems[0] != "BicatWISE" {
		t.Errorf("copy: %+v", cp)
	}

	clock.T = time.Date(2025, 5, 15, 10, 0, 0, 0, time.UTC)
	if got := regList(t, s, o.ID, store.ActivityFilter{ReviewOverdue: true}); len(got) != 2 {
		t.Errorf("overdue on 15 May: %q", regNames(got))
	}
	var reviewed *register.Activity
	if err := s.InTx(ctxU, func(tx *store.Tx) (err error) {
		reviewed, err = tx.MarkReviewed(ctxU, o.ID, a.ID, "FG Jansen")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if reviewed.LastReviewedBy != "FG Jansen" || !reviewed.LastReviewedAt.Equal(clock.T) || !reviewed.NextReviewAt.Equal(time.Date(2025, 8, 15, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("reviewed: by %q at %v next %v", reviewed.LastReviewedBy, reviewed.LastReviewedAt, reviewed.NextReviewAt)
	}
	if got := regList(t, s, o.ID, store.ActivityFilter{ReviewOverdue: true}); !slices.Equal(regNames(got), []string{"Ledenadministratie (kopie)"}) {
		t.Errorf("overdue after the review: %q", regNames(got))
	}
	// A yearly cadence re-plans from the last review.
	if err := s.InTx(ctxU, func(tx *store.Tx) error {
		return tx.SetRegisterSettings(ctxU, o.ID, store.RegisterSettings{ReviewMonths: 12})
	}); err != nil {
		t.Fatal(err)
	}
	if rs, _ := s.RegisterSettings(ctx, o.ID); rs.ReviewMonths != 12 {
		t.Errorf("settings: %+v", rs)
	}
	got, _ := s.Activity(ctx, o.ID, a.ID)
	if !got.NextReviewAt.Equal(time.Date(2026, 5, 15, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("next review after the cadence change: %v", got.NextReviewAt)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		return tx.SetRegisterSettings(ctx, o.ID, store.RegisterSettings{ReviewMonths: 0})
	}); !regInvalid(err) {
		t.Errorf("cadence 0: %v", err)
	}

	if err := s.InTx(ctxU, func(tx *store.Tx) error { _, err := tx.RetireActivity(ctxU, o.ID, a.ID); return err }); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctxU, func(tx *store.Tx) error { _, err := tx.RetireActivity(ctxU, o.ID, a.ID); return err }); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("retiring twice: %v", err)
	}
	if got := regList(t, s, o.ID, store.ActivityFilter{}); !slices.Equal(regNames(got), []string{"Ledenadministratie (kopie)"}) {
		t.Errorf("the register without retired activities: %q", regNames(got))
	}
	if got := regList(t, s, o.ID, store.ActivityFilter{Status: register.StatusRetired}); len(got) != 1 {
		t.Errorf("retired: %q", regNames(got))
	}

	hist, err := s.AuditLog(ctx, o.ID, store.AuditFilter{Entity: store.EntityActivity, EntityID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range hist {
		actions = append(actions, e.Action)
		if e.Actor != "fg@example.org" {
			t.Errorf("history row by %q", e.Actor)
		}
	}
	// newest first: retire, review, update, create
	if !slices.Equal(actions, []string{"update", "update", "update", "create"}) {
		t.Errorf("history: %q", actions)
	}
	if c := hist[0].Changes["status"]; c.Before != "established" || c.After != "retired" {
		t.Errorf("retire in the history: %+v", hist[0].Changes)
	}
	if c := hist[1].Changes["last_reviewed_by"]; c.After != "FG Jansen" {
		t.Errorf("review in the history: %+v", hist[1].Changes)
	}
}

func TestMeasuresAndProcessorRecords(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	o := newOrg(t, s, "proc")
	m := register.Measure{Name: "Versleuteling", Kind: register.Technical}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateMeasure(ctx, o.ID, &m) }); err != nil {
		t.Fatal(err)
	}
	bad := register.Measure{Name: "", Kind: "magisch"}
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateMeasure(ctx, o.ID, &bad) })
	if f := regFields(err); !slices.Contains(f, "name") || !slices.Contains(f, "kind") {
		t.Errorf("bad measure: %v", err)
	}
	a := register.Activity{Name: "Hosting", MeasureIDs: []int64{m.ID, m.ID}}
	if err := regCreate(t, s, o.ID, &a); err != nil || len(a.MeasureIDs) != 1 {
		t.Fatalf("link a measure: %v %v", a.MeasureIDs, err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteMeasure(ctx, o.ID, m.ID) }); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("deleting a measure in use: %v", err)
	}
	a.MeasureIDs = nil
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateActivity(ctx, o.ID, &a) }); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteMeasure(ctx, o.ID, m.ID) }); err != nil {
		t.Errorf("deleting an unused measure: %v", err)
	}

	p := register.ProcessorRecord{ControllerName: "Bibliotheek Lek & IJssel", ControllerContact: "fg@blij.nl",
		ProcessingCategories: []string{"ledenadministratie", "nieuwsbrieven"}, Transfers: []register.Transfer{{Country: "Verenigde Staten", Safeguard: "DPF"}}}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateProcessorRecord(ctx, o.ID, &p) }); err != nil {
		t.Fatal(err)
	}
	ps, err := s.ProcessorRecords(ctx, o.ID)
	if err != nil || len(ps) != 1 || ps[0].Transfers[0].Country != "US" || ps[0].ProcessingCategories[1] != "nieuwsbrieven" {
		t.Fatalf("processor records: %+v %v", ps, err)
	}
	p.ControllerContact = ""
	err = s.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateProcessorRecord(ctx, o.ID, &p) })
	if !slices.Contains(regFields(err), "controller_contact") {
		t.Errorf("processor record without contact: %v", err)
	}
}

// TestBatchImportAuditsThroughTheOneWriter: a batch write of more
// activities than one audit batch (1,000), between an audit row of another
// organisation and a settings change in the same transaction, leaves one
// unbroken chain per organisation: every row written by tx.Audit, in order.
func TestBatchImportAuditsThroughTheOneWriter(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o, other := newOrg(t, s, "batch"), newOrg(t, s, "batch2")
	start, err := s.AuditHead(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	acts := register.Generate(1200, 3)
	for i := range acts {
		acts[i].MeasureIDs = nil
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.Audit(ctx, other.ID, audit.Update, store.EntityRegister, other.ID, map[string]int{"months": 12}, map[string]int{"months": 24}); err != nil {
			return err
		}
		if err := tx.FillRegister(ctx, o.ID, nil, acts); err != nil {
			return err
		}
		return tx.Audit(ctx, o.ID, audit.Update, store.EntityRegister, o.ID, map[string]int{"months": 12}, map[string]int{"months": 36})
	}); err != nil {
		t.Fatal(err)
	}
	trail, err := s.AuditLog(ctx, o.ID, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != int(start)+1201 || trail[0].Entity != store.EntityRegister || trail[0].Seq != start+1201 {
		t.Fatalf("%d rows after %d, newest %+v; want 1,201 more with the settings change last", len(trail), start, trail[0])
	}
	for _, id := range []int64{o.ID, other.ID} {
		if n, problems, err := s.VerifyAudit(ctx, id); err != nil || len(problems) > 0 {
			t.Errorf("organisation %d: %d rows, %v, %v", id, n, problems, err)
		}
	}
}
