package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/govrequest"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	reg "privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The supplier's side of the demo: ProBiblio, the processor of seed 000,
// with the Wise agreement of the seed library and of two libraries of our
// own invention, each with its own breach-notice hours and sub-processor
// regime; its register as processor (one agreement taken over, two still
// offered); and a breach on its side whose clocks run per library. The
// demo users are members of both organisations and switch between them.
const (
	supplierShort = "probiblio"
	supplierName  = "ProBiblio (demo leverancier)"
)

// supplierLibrary is one customer of the supplier.
type supplierLibrary struct {
	name, short   string // short: the invented libraries' organisations in the network demo
	contact, dpo  string
	hours         int
	regime        string
	objectionDays int
	takenOver     bool // already in the processor's register
}

func supplierLibraries() []supplierLibrary {
	return []supplierLibrary{
		// Seed 000 sets no objection window ("tijdig"): 30 days by default.
		{demoName, demoShort, "Directeur-bestuurder, info@bibliotheeklekijsel.example", "Functionaris Gegevensbescherming, fg@bibliotheeklekijsel.example", 72, contract.RegimeGeneralObjection, 0, true},
		{"Bibliotheek Aan de Rivier (fictief)", "bieb-rivier", "Servicedesk, privacy@aanderivier.example", "", 48, contract.RegimeGeneralObjection, 14, false},
		{"Bibliotheek Zuidkust (fictief)", "bieb-zuidkust", "Hoofd bedrijfsvoering, bedrijfsvoering@zuidkust.example", "FG Zuidkust, fg@zuidkust.example", 24, contract.RegimeSpecific, 21, false},
	}
}

// ensureSupplierDemo creates the supplier organisation once and makes the
// demo users members of it.
func ensureSupplierDemo(ctx context.Context, st *store.Store, out io.Writer) error {
	if _, err := st.OrgByShort(ctx, supplierShort); err == nil || !apperr.Is(err, apperr.NotFound) {
		return err
	}
	o := &org.Organisation{Short: supplierShort, Name: supplierName, Roles: org.ActsProcessor,
		Address: "Voorbeeldstraat 1, Leiden", DPOName: "Privacy officer ProBiblio", DPOEmail: demoPO, Employees: 120}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		for email, role := range map[string]org.Role{demoAdmin: org.Admin, demoPO: org.PrivacyOfficer} {
			u, err := st.UserByEmail(ctx, email)
			if err != nil {
				return err
			}
			if _, err := tx.AddMember(ctx, o.ID, u, role); err != nil {
				return err
			}
		}
		if err := fillSupplier(ctx, tx, o); err != nil {
			return err
		}
		return networkDemo(ctx, tx, st, o)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Created the demo supplier %q (short name %s): switch to it from the menu.\n", supplierName, supplierShort)
	return nil
}

func fillSupplier(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	wise := demoAgreementData()[0].ag // the Wise terms and annex 1 of seed 000
	hosting := &reg.Activity{Name: "Hosting en beheer Wise voor bibliotheken", Department: "Dienstverlening",
		Description:       "bicatWise, schoolWise en ticketWise als dienst voor openbare en schoolbibliotheken.",
		Purposes:          []reg.Purpose{{Description: "Bibliotheekautomatisering in opdracht van de bibliotheken"}},
		DataCategories:    []reg.DataCategory{{Name: "NAW-gegevens"}, {Name: "leenhistorie"}, {Name: "financiële gegevens"}},
		SubjectCategories: []string{"bibliotheekleden", "leerlingen", "deelnemers aan activiteiten"}, Systems: []string{"Wise"}}
	mailing := &reg.Activity{Name: "Nieuwsbrieven en sms-attendering voor bibliotheken", Department: "Dienstverlening",
		Purposes:          []reg.Purpose{{Description: "Nieuwsbrieven en attenderingen namens de bibliotheken"}},
		DataCategories:    []reg.DataCategory{{Name: "naam"}, {Name: "e-mailadres"}, {Name: "telefoonnummer"}},
		SubjectCategories: []string{"bibliotheekleden", "nieuwsbriefleden"}, Systems: []string{"Hellodialog", "CM"}}
	for _, a := range []*reg.Activity{hosting, mailing} {
		if err := tx.CreateActivity(ctx, o.ID, a); err != nil {
			return err
		}
	}
	signed := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	var agreements []*agreement.Agreement
	for _, l := range supplierLibraries() {
		p := &agreement.Party{OrgID: o.ID, Name: l.name, Kind: agreement.KindController, Country: "NL",
			Contacts: []agreement.Contact{{Role: "account_manager", Name: l.contact}}}
		if l.dpo != "" {
			p.Contacts = append(p.Contacts, agreement.Contact{Role: "dpo", Name: l.dpo})
		}
		if err := tx.CreateParty(ctx, p); err != nil {
			return err
		}
		a := wise
		a.OrgID, a.PartyID, a.OurRole, a.SignedOn = o.ID, &p.ID, agreement.RoleProcessor, &signed
		a.Title = "Verwerkersovereenkomst Wise - " + l.name
		a.Terms.Parties = contract.Parties{Processor: agP("ProBiblio"), Controller: agP(l.name)}
		a.Terms.BreachNotification = contract.BreachNotification{Hours: agP(l.hours), WithoutDelay: true}
		a.Terms.Subprocessors.Regime = l.regime
		if l.objectionDays > 0 {
			a.Terms.Subprocessors.ObjectionDays = agP(l.objectionDays)
		}
		if err := tx.CreateAgreement(ctx, &a); err != nil {
			return err
		}
		for _, act := range []int64{hosting.ID, mailing.ID} {
			if err := tx.LinkActivity(ctx, o.ID, a.ID, act); err != nil {
				return err
			}
		}
		if l.takenOver {
			rec := &reg.ProcessorRecord{ControllerName: l.name, ControllerContact: l.contact, ControllerDPO: l.dpo,
				ProcessingCategories: []string{"bicatWise (verwerking ledengegevens)", "ticketWise", "Nieuwsbrieven en sms-attendering"},
				MeasuresDescription:  a.SecurityMeasures, AgreementID: &a.ID}
			if err := tx.CreateProcessorRecord(ctx, o.ID, rec); err != nil {
				return err
			}
		}
		agreements = append(agreements, &a)
	}
	if err := supplierBreach(ctx, tx, o, hosting.ID, agreements); err != nil {
		return err
	}
	return govRequestsDemo(ctx, tx, o, agreements)
}

// govRequestsDemo records two government data requests (seed 001 art. 9):
// a police demand for one member of the seed library, told to the
// library the same day and answered with no more than asked; and an
// order about the second library under a gag, its legal check pending.
func govRequestsDemo(ctx context.Context, tx *store.Tx, o *org.Organisation, ags []*agreement.Agreement) error {
	now := time.Now().UTC().Truncate(time.Minute)
	at := func(h int) *time.Time { t := now.Add(time.Duration(-h) * time.Hour); return &t }
	for _, r := range []govrequest.Request{
		{AgreementID: ags[0].ID, Authority: "Politie Eenheid Den Haag", AuthorityKind: govrequest.Investigation, LegalBasis: "art. 126nd Sv",
			ReceivedAt: *at(50), DataAsked: "Naam, adres en uitleenhistorie van één lid over de afgelopen drie maanden",
			ToldAt: at(47), Decision: govrequest.Complied, AnsweredAt: at(26), Provided: "Naam en adres van het lid; uitleenhistorie van de gevraagde drie maanden",
			NecessityNote: "Alleen de gevorderde gegevens, geen andere leden of perioden"},
		{AgreementID: ags[1].ID, Authority: "Openbaar Ministerie, Landelijk Parket", AuthorityKind: govrequest.Prosecution, LegalBasis: "art. 126ng Sv",
			ReceivedAt: *at(6), DataAsked: "Inloggegevens en IP-adressen van een lidaccount",
			Gag: true, GagReason: "Het bevel verbiedt de bibliotheek over het bevel te informeren"},
	} {
		if err := tx.CreateGovRequest(ctx, o.ID, &store.GovRequest{Request: r}); err != nil {
			return err
		}
	}
	return nil
}

// supplierBreach is ProBiblio's side of the case the library's demo shows
// as "Melding van ProBiblio": a misused administrator account at a
// sub-processor. Each library has its own clock from the discovery: the
// seed library was told within its 72 hours, the 24-hour one is overdue,
// the 48-hour one still runs.
func supplierBreach(ctx context.Context, tx *store.Tx, o *org.Organisation, activity int64, ags []*agreement.Agreement) error {
	now := time.Now().UTC().Truncate(time.Minute)
	at := func(h int) *time.Time { t := now.Add(time.Duration(-h) * time.Hour); return &t }
	i := &store.Incident{Source: store.SourceDemo, System: "Wise beheeromgeving (hulpleverancier OCLC | HKA)"}
	i.Title = "Misbruik beheeraccount bij hulpleverancier"
	i.Description = "Een beheeraccount bij de hostingpartij is met een gestolen wachtwoord gebruikt; klantgegevens van drie bibliotheken kunnen zijn ingezien."
	i.Role = incident.Processor
	i.DiscoveredAt, i.AwareAt = *at(30), at(30)
	i.Timing, i.StartedAt, i.EndedAt = incident.Period, at(54), at(31)
	i.Properties, i.Natures = []incident.Property{incident.Confidentiality}, []incident.Nature{incident.Reading}
	i.DataTypes = []incident.DataType{incident.NameAddress, incident.EmailAddress, incident.PhoneNumbers}
	i.People, i.SubjectGroups = incident.Range{Min: 500, Max: 40000}, []string{"leden van drie bibliotheken"}
	i.ActivityIDs = []int64{activity}
	i.Measures = []incident.Measure{{Kind: incident.Immediate, Description: "Account geblokkeerd, sessies beëindigd, wachtwoorden van beheerders vervangen", DoneAt: at(29)}}
	i.Reporter = incident.Contact{Name: "Privacy officer ProBiblio", Email: demoPO}
	if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
		return err
	}
	for n, a := range ags {
		c := &store.AffectedController{Name: *a.Terms.Parties.Controller, ContractHours: a.Terms.BreachNotification.Hours}
		if err := tx.AddAffectedController(ctx, o.ID, i.ID, c); err != nil {
			return err
		}
		if n == 0 { // the seed library, told within its 72 hours
			if err := tx.MarkControllerNotified(ctx, o.ID, i.ID, c.ID, *at(26)); err != nil {
				return err
			}
		}
	}
	return nil
}
