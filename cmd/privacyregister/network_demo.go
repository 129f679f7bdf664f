package main

import (
	"context"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// The supplier network of the demo (issue 16): ProBiblio publishes its
// profile; the seed library and the two invented libraries, each its own
// organisation here, follow it from their Wise agreements, each with its
// own objection window (30 days by default under seed 000, 14 days, and
// 21 days under a specific authorisation). Version 2 adds a sub-processor:
// every library has its notice; Zuidkust objected, with reasons, and
// ProBiblio reads the answers on its profile page.

// networkProfile is ProBiblio's profile, from the sub-processors and
// certificates of seed 000.
func networkProfile() profile.Profile {
	wise := demoAgreementData()[0]
	p := profile.Profile{Name: "ProBiblio", Contact: profile.Contact{Name: "Privacy officer ProBiblio", Email: demoPO}, BreachHours: agP(72)}
	for _, s := range wise.ag.Terms.Subprocessors.Named {
		p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: s.Name, Country: *s.Country, Purpose: s.Service})
	}
	for _, c := range wise.party.Certifications {
		p.Certificates = append(p.Certificates, profile.Certificate{Name: c.Name, Issuer: c.Issuer})
	}
	for _, r := range wise.ag.Annex1[:3] {
		p.Products = append(p.Products, profile.Product{Name: r.Service, Description: r.Description, DataCategories: r.DataCategories})
	}
	return p
}

func networkDemo(ctx context.Context, tx *store.Tx, st *store.Store, supplier *org.Organisation) error {
	if _, err := tx.PublishProfile(ctx, supplier.ID, networkProfile(), "Eerste publicatie van onze subverwerkers en certificaten.", demoPO); err != nil {
		return err
	}
	libs := supplierLibraries()
	var orgs []*org.Organisation
	lib, err := st.OrgByShort(ctx, demoShort)
	if err != nil {
		return err
	}
	orgs = append(orgs, lib)
	for _, l := range libs[1:] {
		o, err := networkLibrary(ctx, tx, st, l)
		if err != nil {
			return err
		}
		orgs = append(orgs, o)
	}
	for k, o := range orgs {
		ag, err := libraryWiseAgreement(ctx, tx, st, o, libs[k])
		if err != nil {
			return err
		}
		if _, err := tx.LinkLocalProfile(ctx, o.ID, ag, supplier.ID); err != nil {
			return err
		}
	}
	p := networkProfile()
	p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: "Bibliotheek.nl Inloggen (KB)", Country: "NL", Purpose: "inloggen met één account voor alle bibliotheekdiensten"})
	if _, err := tx.PublishProfile(ctx, supplier.ID, p, "Het inloggen op Wise loopt voortaan via de inlogdienst van de KB.", demoPO); err != nil {
		return err
	}
	zuidkust := orgs[2]
	ns, err := tx.OpenNotices(ctx, zuidkust.ID)
	if err != nil {
		return err
	}
	for _, n := range ns {
		if err := tx.DecideNotice(ctx, zuidkust.ID, n.ID, "object", "Eerst een DPIA op het gezamenlijke inlogsysteem; tot dan geen toestemming.", demoPO); err != nil {
			return err
		}
	}
	return nil
}

// networkLibrary makes one of the invented libraries an organisation of
// its own, with the demo users as its members.
func networkLibrary(ctx context.Context, tx *store.Tx, st *store.Store, l supplierLibrary) (*org.Organisation, error) {
	o := &org.Organisation{Short: l.short, Name: l.name, Roles: org.ActsController, DPOName: "Privacy officer", DPOEmail: demoPO, Employees: 40}
	if err := tx.CreateOrg(ctx, o); err != nil {
		return nil, err
	}
	for email, role := range map[string]org.Role{demoAdmin: org.Admin, demoPO: org.PrivacyOfficer} {
		u, err := st.UserByEmail(ctx, email)
		if err != nil {
			return nil, err
		}
		if _, err := tx.AddMember(ctx, o.ID, u, role); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// libraryWiseAgreement is the library's own Wise agreement with ProBiblio:
// the seed library's from the agreements demo, the others' made here with
// their own objection window.
func libraryWiseAgreement(ctx context.Context, tx *store.Tx, st *store.Store, o *org.Organisation, l supplierLibrary) (int64, error) {
	if o.Short == demoShort {
		ags, err := st.Agreements(ctx, o.ID, store.AgreementFilter{})
		if err != nil {
			return 0, err
		}
		for _, a := range ags {
			if a.PartyName == "ProBiblio" {
				return a.ID, nil
			}
		}
	}
	d := demoAgreementData()[0]
	party := d.party
	party.OrgID = o.ID
	if err := tx.CreateParty(ctx, &party); err != nil {
		return 0, err
	}
	a := d.ag
	a.OrgID, a.PartyID, a.OurRole = o.ID, &party.ID, agreement.RoleController
	signed := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a.SignedOn = &signed
	a.Terms.Subprocessors.Regime = l.regime
	if l.objectionDays > 0 {
		a.Terms.Subprocessors.ObjectionDays = agP(l.objectionDays)
	}
	a.Terms.BreachNotification.Hours = agP(l.hours)
	if err := tx.CreateAgreement(ctx, &a); err != nil {
		return 0, err
	}
	return a.ID, nil
}
