package store_test

import (
	"context"
	"testing"

	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestStatementDraftVersions: the choices and acceptances are kept per
// organisation, a foreign activity is refused, every change is audited,
// and each publication is a new dated version with the gaps accepted.
func TestStatementDraftVersions(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o, other := newOrg(t, s, "st"), newOrg(t, s, "st2")
	leden := addActivity(t, s, o.ID, "Ledenadministratie")
	foreign := addActivity(t, s, other.ID, "Elders")

	save := func(orgID int64, contact string, cs ...store.StatementChoice) error {
		return s.InTx(ctx, func(tx *store.Tx) error { return tx.SaveStatementDraft(ctx, orgID, contact, cs) })
	}
	if err := save(o.ID, "info@st.example", store.StatementChoice{ActivityID: leden, Shown: true, PurposeNL: " Uitlenen "}); err != nil {
		t.Fatal(err)
	}
	if err := save(o.ID, "info@st.example", store.StatementChoice{ActivityID: foreign, Shown: true}); !fieldErr(err, "activity") {
		t.Errorf("foreign activity: %v", err)
	}
	d, err := s.StatementDraft(ctx, o.ID)
	if err != nil || d.Contact != "info@st.example" || d.Choices[leden] != (store.StatementChoice{ActivityID: leden, Shown: true, PurposeNL: "Uitlenen"}) || len(d.Choices) != 1 {
		t.Fatalf("draft: %v %+v", err, d)
	}
	if od, _ := s.StatementDraft(ctx, other.ID); od.Contact != "" || len(od.Choices) != 0 {
		t.Errorf("other organisation sees the draft: %+v", od)
	}
	accept := func(m map[string]string) error {
		return s.InTx(ctx, func(tx *store.Tx) error { return tx.AcceptStatementGaps(ctx, o.ID, m, "fg@st.example") })
	}
	if err := accept(map[string]string{"dpo": " "}); !fieldErr(err, "reason") {
		t.Errorf("acceptance without reason: %v", err)
	}
	if err := accept(map[string]string{"dpo": "Wij hebben geen FG; niet verplicht."}); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.StatementDraft(ctx, o.ID); d.Accepted["dpo"].Reason != "Wij hebben geen FG; niet verplicht." || d.Accepted["dpo"].AcceptedBy != "fg@st.example" {
		t.Errorf("acceptance: %+v", d.Accepted)
	}
	for i, body := range []string{`{"nl":{}}`, `{"nl":{},"en":{}}`} {
		var v int
		err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			v, err = tx.PublishStatement(ctx, o.ID, "nl", body, "fg@st.example", []string{"dpo: Wij hebben geen FG"})
			return err
		})
		if err != nil || v != i+1 {
			t.Fatalf("publish %d: version %d, %v", i, v, err)
		}
	}
	vs, err := s.StatementVersions(ctx, o.ID)
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[0].PublishedAt.IsZero() || len(vs[0].Accepted) != 1 {
		t.Fatalf("versions: %v %+v", err, vs)
	}
	if v, err := s.StatementVersionText(ctx, o.ID, 1); err != nil || v.Body != `{"nl":{}}` {
		t.Errorf("version 1: %v %+v", err, v)
	}
	if _, err := s.StatementVersionText(ctx, other.ID, 1); err == nil {
		t.Errorf("other organisation reads version 1")
	}
	if p, err := s.Statement(ctx, o.ID); err != nil || p.Version != 2 || !p.Published {
		t.Errorf("published: %v %+v", err, p)
	}
	trail, _ := s.AuditLog(ctx, o.ID, store.AuditFilter{})
	kinds := map[string]int{}
	for _, e := range trail {
		kinds[e.Entity]++
	}
	// contact + accepted gaps + 2 publications; one choice.
	if kinds["privacy_statement"] != 4 || kinds["statement_activity"] != 1 {
		t.Errorf("audit rows: %v", kinds)
	}
}
