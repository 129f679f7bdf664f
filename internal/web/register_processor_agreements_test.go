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

// TestProcessorRegisterFromAgreements: art. 30(2) is one register. A
// supplier's agreement with a school, in which it is the processor, is
// offered there until taken over; the form is filled in from the
// agreement (controller, contacts, annex 1 services, a sub-processor in
// the United States as a transfer, annex 2's catalogue measures), and once
// saved the record points at the agreement and the offer is gone.
func TestProcessorRegisterFromAgreements(t *testing.T) {
	app := newTestApp(t)
	ctx := context.Background()
	o := app.org("sup")
	app.user(o, "fg@sup.example", org.PrivacyOfficer)
	other := app.org("oth")
	var mine, foreign register.Measure
	us := "US"
	party := &agreement.Party{OrgID: o.ID, Name: "Basisschool De Linde", Contacts: []agreement.Contact{
		{Role: "account_manager", Name: "J. de Vries", Email: "directie@linde.example"}, {Role: "dpo", Name: "FG Linde", Email: "fg@linde.example"}}}
	ag := &agreement.Agreement{OrgID: o.ID, Title: "Verwerkersovereenkomst leerlingvolgsysteem", OurRole: agreement.RoleProcessor, Terms: agreement.NewTerms(),
		Annex1: []agreement.AnnexRow{{Service: "Leerlingvolgsysteem", Nature: "hosting", Countries: []string{"Nederland"}}}}
	ag.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "Mailer Inc.", Country: &us}}
	err := app.st.InTx(ctx, func(tx *store.Tx) error {
		mine = register.Measure{Name: "Versleuteling in rust", Kind: "technical"}
		foreign = register.Measure{Name: "Maatregel van een ander", Kind: "technical"}
		if err := tx.CreateMeasure(ctx, o.ID, &mine); err != nil {
			return err
		}
		if err := tx.CreateMeasure(ctx, other.ID, &foreign); err != nil {
			return err
		}
		if err := tx.CreateParty(ctx, party); err != nil {
			return err
		}
		ag.PartyID, ag.MeasureIDs = &party.ID, []int64{mine.ID}
		return tx.CreateAgreement(ctx, ag)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := app.signIn("fg@sup.example")
	agURL := "/o/sup/agreements/" + strconv.FormatInt(ag.ID, 10)
	if res := c.get(agURL + "?tab=annexes"); !strings.Contains(res.Body, `<ul id="annex2-measures"><li>Versleuteling in rust</li>`) {
		t.Errorf("the agreement does not show its annex 2 measure from the catalogue")
	}
	list := c.get("/o/sup/processor-register")
	if !strings.Contains(list.Body, `id="pending-agreements"`) || !strings.Contains(list.Body, "processor-register?agreement="+strconv.FormatInt(ag.ID, 10)) {
		t.Fatalf("the agreement is not offered:\n%s", list.Body)
	}
	form := c.get("/o/sup/processor-register?agreement=" + strconv.FormatInt(ag.ID, 10))
	for _, want := range []string{`value="Basisschool De Linde"`, "J. de Vries, directie@linde.example", "FG Linde, fg@linde.example",
		"Leerlingvolgsysteem (hosting)", `<option value="US" selected>`, `name="agreement_id" value="` + strconv.FormatInt(ag.ID, 10) + `"`,
		`value="` + strconv.FormatInt(mine.ID, 10) + `" checked`} {
		if !strings.Contains(form.Body, want) {
			t.Errorf("the form taken from the agreement lacks %q", want)
		}
	}
	post := url.Values{"controller_name": {"Basisschool De Linde"}, "controller_contact": {"directie@linde.example"},
		"categories": {"Leerlingvolgsysteem (hosting)"}, "t_country": {"US"}, "t_safeguard": {"EU-US Data Privacy Framework"},
		"agreement_id": {strconv.FormatInt(ag.ID, 10)}, "measure_ids": {strconv.FormatInt(mine.ID, 10)}}
	if res := c.postForm("/o/sup/processor-register", post); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	recs, _ := app.st.ProcessorRecords(ctx, o.ID)
	if len(recs) != 1 || recs[0].AgreementID == nil || *recs[0].AgreementID != ag.ID {
		t.Fatalf("records: %+v", recs)
	}
	if res := c.get("/o/sup/processor-register"); strings.Contains(res.Body, `id="pending-agreements"`) || !strings.Contains(res.Body, agURL) {
		t.Errorf("after taking it over the agreement is still offered, or the record does not link it")
	}
	// Another organisation's measure or agreement is refused, naming the field.
	post.Set("measure_ids", strconv.FormatInt(foreign.ID, 10))
	if res := c.postForm("/o/sup/processor-register", post); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("foreign measure: %d", res.StatusCode)
	}
	form2 := url.Values{"title": {"x"}, "our_role": {"controller"}, "status": {"none"}, "measure_ids": {strconv.FormatInt(foreign.ID, 10)}}
	if res := c.postForm(agURL+"/edit", form2); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Onbekende beveiligingsmaatregel") {
		t.Errorf("agreement with another organisation's measure: %d %s", res.StatusCode, errorsOf(res.Body))
	}
}

// TestProcessorRegisterShowsTheAgreementsTransfers: a record of the
// processor's register linked to an agreement shows every transfer the
// agreement has, also one it does not name itself (art. 30(2)(c)): the
// demo supplier's record once showed none although annex 1 and the
// sub-processors named countries outside the EEA. A sub-processor in India
// added to the agreement later (an accepted change notice) appears too,
// with its standing; a country inside the EEA never does.
func TestProcessorRegisterShowsTheAgreementsTransfers(t *testing.T) {
	app := newTestApp(t)
	ctx := context.Background()
	o := app.org("sup")
	app.user(o, "fg@sup.example", org.PrivacyOfficer)
	us, de := "Verenigde Staten", "Duitsland"
	ag := &agreement.Agreement{OrgID: o.ID, Title: "Verwerkersovereenkomst bibliotheeksysteem", OurRole: agreement.RoleProcessor, Terms: agreement.NewTerms(),
		Annex1: []agreement.AnnexRow{{Service: "Hosting", Countries: []string{"Nederland", "Verenigd Koninkrijk"}}}}
	ag.Terms.Subprocessors.Named = []agreement.Subprocessor{{Name: "Mailer Inc.", Country: &us}, {Name: "Backup GmbH", Country: &de}}
	rec := &register.ProcessorRecord{ControllerName: "Bibliotheek A", ControllerContact: "info@a.example", ProcessingCategories: []string{"Hosting"}}
	err := app.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgreement(ctx, ag); err != nil {
			return err
		}
		rec.AgreementID = &ag.ID
		return tx.CreateProcessorRecord(ctx, o.ID, rec)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := app.signIn("fg@sup.example")
	body := c.get("/o/sup/processor-register").Body
	for _, want := range []string{"Verenigd Koninkrijk (adequaatheidsbesluit)", "Verenigde Staten ("} {
		if !strings.Contains(body, want) {
			t.Errorf("the record does not show the agreement's transfer %q", want)
		}
	}
	if strings.Contains(body, "<div>Duitsland") {
		t.Error("a sub-processor inside the EEA is shown as a transfer")
	}
	in := "India"
	ag.Terms.Subprocessors.Named = append(ag.Terms.Subprocessors.Named, agreement.Subprocessor{Name: "Support Pvt", Country: &in})
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateAgreement(ctx, ag) }); err != nil {
		t.Fatal(err)
	}
	if body := c.get("/o/sup/processor-register").Body; !strings.Contains(body, "India (derde land zonder adequaatheidsbesluit)") {
		t.Errorf("a sub-processor added later is not shown as a transfer")
	}
}
