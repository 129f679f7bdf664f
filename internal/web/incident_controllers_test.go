package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// A processor's case proposes the controllers whose agreement covers an
// activity of the case, with that agreement's hours (issue 6: "listing which
// controllers are affected through the processing activities and
// agreements involved"); one click adds the controller's clock.
func TestIncidentProposesControllersFromAgreements(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("wise")
	o.Roles = org.ActsProcessor
	if err := app.st.InTx(t0(), func(tx *store.Tx) error { return tx.UpdateOrg(t0(), o) }); err != nil {
		t.Fatal(err)
	}
	app.user(o, "fg@wise.example", org.PrivacyOfficer)
	ctx := context.Background()
	hours := 48
	act := &register.Activity{Name: "Bibliotheeksysteem voor klanten", Status: register.StatusConcept}
	customer := &agreement.Party{OrgID: o.ID, Name: "Bibliotheek Lek & IJssel", Kind: agreement.KindController, Country: "NL"}
	ag := &agreement.Agreement{OrgID: o.ID, Title: "Verwerkersovereenkomst Wise", OurRole: agreement.RoleProcessor, Status: agreement.StatusSigned}
	ended := &agreement.Agreement{OrgID: o.ID, Title: "Oude klant", OurRole: agreement.RoleProcessor, Status: agreement.StatusEnded}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateActivity(ctx, o.ID, act); err != nil {
			return err
		}
		if err := tx.CreateParty(ctx, customer); err != nil {
			return err
		}
		ag.PartyID = &customer.ID
		ag.Terms = agreement.NewTerms()
		ag.Terms.BreachNotification.Hours = &hours
		for _, a := range []*agreement.Agreement{ag, ended} {
			if err := tx.CreateAgreement(ctx, a); err != nil {
				return err
			}
			if err := tx.LinkActivity(ctx, o.ID, a.ID, act.ID); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	po := app.signIn("fg@wise.example")
	id := report(t, po, "wise", url.Values{"title": {"Admin account misused"}, "discovered_at": {"2026-10-24T09:00"},
		"activity_ids": {strconv.FormatInt(act.ID, 10)}})
	path := "/o/wise/incidents/" + strconv.FormatInt(id, 10)
	page := po.get(path + "?tab=notify")
	if !strings.Contains(page.Body, `name="controller_name" value="Bibliotheek Lek &amp; IJssel"`) || !strings.Contains(page.Body, `name="contract_hours" value="48"`) {
		t.Fatalf("the customer's 48-hour agreement is not proposed on the case page")
	}
	if strings.Contains(page.Body, `value="Oude klant"`) {
		t.Error("an ended agreement is proposed")
	}
	if res := po.postForm(path+"/controllers", url.Values{"controller_name": {"Bibliotheek Lek & IJssel"}, "contract_hours": {"48"}, "target_hours": {"24"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	page = po.get(path)
	if strings.Contains(page.Body, `name="controller_name" value="Bibliotheek Lek &amp; IJssel"`) {
		t.Error("a controller already on the case is still proposed")
	}
	if !strings.Contains(page.Body, "26-10-2026 08:00") {
		t.Error("the 48-hour clock (26-10-2026 08:00 Amsterdam) is not on the case")
	}
}
