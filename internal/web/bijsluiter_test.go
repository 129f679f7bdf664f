package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// bijsluiterIsoFixture creates B's product (an agreement as processor).
func bijsluiterIsoFixture(a *testApp, b *org.Organisation, _ int64) map[string]int64 {
	ag := &agreement.Agreement{OrgID: b.ID, Title: "Secret product of B", OurRole: agreement.RoleProcessor, Terms: agreement.NewTerms()}
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateAgreement(context.Background(), ag) }); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"bs_product": ag.ID}
}

// TestBijsluiter: a supplier that processes for a library gets a leaflet
// per product in the parts of seed 004's annex 1, from the agreement's
// annex rows and sub-processors and the linked register activity (whose
// health data is listed as special data). An agreement in which it is
// the controller is no product: not listed and not found.
func TestBijsluiter(t *testing.T) {
	app := newTestApp(t)
	o := app.org("maxi")
	o.Address, o.DPOName, o.DPOEmail = "Lintelerweg 40, Hengelo", "M. Verbiesen", "info@maxi.example"
	ctx := context.Background()
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateOrg(ctx, o) }); err != nil {
		t.Fatal(err)
	}
	app.user(o, "fg@maxi.example", org.PrivacyOfficer)
	nl, root := "NL", "Enschede"
	act := &register.Activity{Name: "Vervangingen", Status: register.StatusConcept,
		Purposes:       []register.Purpose{{Description: "Vervanging regelen"}},
		DataCategories: []register.DataCategory{{Name: "Contactgegevens", Kind: register.KindOrdinary}, {Name: "Gezondheid", Kind: register.KindSpecial}}}
	vabo := &agreement.Agreement{OrgID: o.ID, Title: "VABO", OurRole: agreement.RoleProcessor, Status: agreement.StatusSigned, Version: "1.1", Terms: agreement.NewTerms(),
		Annex1: []agreement.AnnexRow{
			{Service: "Basis module vervangingen", Description: "Aanvragen, matchen, bevestigen", Purposes: []string{"Vervanging regelen"}, DataCategories: []string{"Contactgegevens"}},
			{Service: "Evaluatie module", Optional: true},
		}}
	vabo.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "Root BV", Service: "Hosting", Location: &root, Country: &nl}}
	hosting := &agreement.Agreement{OrgID: o.ID, Title: "Our own hosting", OurRole: agreement.RoleController, Terms: agreement.NewTerms()}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateActivity(ctx, o.ID, act); err != nil {
			return err
		}
		for _, a := range []*agreement.Agreement{vabo, hosting} {
			if err := tx.CreateAgreement(ctx, a); err != nil {
				return err
			}
		}
		return tx.LinkActivity(ctx, o.ID, vabo.ID, act.ID)
	}); err != nil {
		t.Fatal(err)
	}
	po := app.signIn("fg@maxi.example")

	list := po.get("/o/maxi/bijsluiter")
	if list.StatusCode != http.StatusOK || !strings.Contains(list.Body, fmt.Sprintf("/o/maxi/bijsluiter/%d", vabo.ID)) || strings.Contains(list.Body, "Our own hosting") {
		t.Fatalf("list: %d\n%s", list.StatusCode, list.Body)
	}
	page := po.get(fmt.Sprintf("/o/maxi/bijsluiter/%d", vabo.ID))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("page: %d", page.StatusCode)
	}
	for _, want := range []string{"Basis module vervangingen", "Evaluatie module", "Vervanging regelen", "Root BV", "Enschede", "info@maxi.example", "1.1", `<ul id="bs-special"><li>Gezondheid</li>`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	txt := po.get(fmt.Sprintf("/o/maxi/bijsluiter/%d/text", vabo.ID))
	if txt.StatusCode != http.StatusOK || !strings.HasPrefix(txt.Header.Get("Content-Type"), "text/plain") || !strings.Contains(txt.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("text: %d %v", txt.StatusCode, txt.Header)
	}
	// The optional service sits under its own heading, after the core one.
	core, opt, ev := strings.Index(txt.Body, "Basis module"), strings.Index(txt.Body, "Optionele diensten"), strings.Index(txt.Body, "Evaluatie module")
	if core < 0 || opt < core || ev < opt || !strings.Contains(txt.Body, "F. Subverwerkers\n- Root BV; Hosting; Enschede; NL") {
		t.Errorf("text:\n%s", txt.Body)
	}
	if res := po.get(fmt.Sprintf("/o/maxi/bijsluiter/%d", hosting.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("controller agreement as bijsluiter: %d, want 404", res.StatusCode)
	}
}
