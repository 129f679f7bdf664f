package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/country"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// probiblio is the profile of seed 000's processor: Wise hosted in the
// Netherlands by OCLC, mail through Hellodialog.
func probiblio() profile.Profile {
	h := 72
	return profile.Profile{Name: "ProBiblio", KvK: "41169750", Contact: profile.Contact{Name: "Privacy officer", Email: "privacy@probiblio.example"}, BreachHours: &h,
		Products:      []profile.Product{{Name: "Wise", Description: "Bibliotheeksysteem"}},
		Subprocessors: []profile.Subprocessor{{Name: "OCLC", Country: "Nederland", Purpose: "hosting Wise"}, {Name: "Hellodialog", Country: "NL", Purpose: "nieuwsbrieven"}},
		Certificates:  []profile.Certificate{{Name: "ISO 27001", Issuer: "BSI"}}}
}

// customerOf makes a library with an agreement with ProBiblio whose
// objection window is days (0: none stated).
func customerOf(t *testing.T, s *store.Store, short string, days int) (*org.Organisation, *agreement.Agreement) {
	t.Helper()
	ctx := context.Background()
	o := newOrg(t, s, short)
	addUser(t, s, o.ID, "fg@"+short+".example", org.PrivacyOfficer)
	a := &agreement.Agreement{OrgID: o.ID, Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	a.Terms.Subprocessors.Regime = contract.RegimeGeneralObjection
	if days > 0 {
		a.Terms.Subprocessors.ObjectionDays = &days
	}
	p := &agreement.Party{OrgID: o.ID, Name: "ProBiblio", Kind: agreement.KindProcessor}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateParty(ctx, p); err != nil {
			return err
		}
		a.PartyID = &p.ID
		return tx.CreateAgreement(ctx, a)
	}); err != nil {
		t.Fatal(err)
	}
	return o, a
}

// TestProfileVersionBecomesEachCustomersNotice encodes art. 28(2) AVG
// under a general authorisation (seed 000, art. 7): the processor announces
// an added sub-processor and each controller may object within the window
// its own agreement sets, 14 days for one library, the default 30 days for
// one whose agreement names none.
func TestProfileVersionBecomesEachCustomersNotice(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	day := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return day }
	pb := newOrg(t, s, "probiblio")
	other := newOrg(t, s, "otherproc")
	var v1 *profile.Version
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		v1, err = tx.PublishProfile(ctx, pb.ID, probiblio(), "Eerste versie", "po@probiblio")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if v1.Number != 1 || v1.Profile.Subprocessors[0].Country != "NL" {
		t.Fatalf("version %+v", v1)
	}
	lek, lekAg := customerOf(t, s, "lekijsel", 14)
	riv, rivAg := customerOf(t, s, "rivier", 0)

	props, err := s.ProfileProposals(ctx, lek.ID)
	if err != nil || len(props) != 1 || props[0].AgreementID != lekAg.ID || props[0].ProcessorOrgID != pb.ID {
		t.Fatalf("proposals %+v %v", props, err)
	}
	for _, c := range []struct {
		o *org.Organisation
		a *agreement.Agreement
	}{{lek, lekAg}, {riv, rivAg}} {
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(ctx, c.o.ID, c.a.ID, pb.ID); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(ctx, lek.ID, lekAg.ID, pb.ID); return err }); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second link of one agreement: %v", err)
	}
	// Linking takes the profile's list as the agreement's.
	got, _ := s.Agreement(ctx, lek.ID, lekAg.ID)
	if n := got.Terms.Subprocessors.Named; len(n) != 2 || n[0].Name != "OCLC" || *n[0].Country != "NL" {
		t.Errorf("linked agreement's list %+v", n)
	}
	if ns, _ := s.Notices(ctx, lek.ID, 0); len(ns) != 0 {
		t.Errorf("a first link made notices: %+v", ns)
	}

	// Version 2: a US mail service without a safeguard replaces Hellodialog.
	p := probiblio()
	p.Subprocessors[1] = profile.Subprocessor{Name: "Mailchimp", Country: "VS", Purpose: "nieuwsbrieven"}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.PublishProfile(ctx, pb.ID, p, "Nieuwsbrieven via Mailchimp", "po@probiblio")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		o    *org.Organisation
		a    *agreement.Agreement
		days int
	}{{lek, lekAg, 14}, {riv, rivAg, agreement.DefaultObjectionDays}} {
		ns, err := s.Notices(ctx, c.o.ID, 0)
		if err != nil || len(ns) != 1 {
			t.Fatalf("%s: notices %+v %v", c.o.Short, ns, err)
		}
		n := ns[0]
		if n.Subprocessor != "Mailchimp" || n.Country != "US" || n.ProfileVersion != 2 || n.LinkID == nil || n.AgreementID != c.a.ID {
			t.Errorf("%s: notice %+v", c.o.Short, n)
		}
		if want := day.AddDate(0, 0, c.days); !n.Deadline.Equal(want) {
			t.Errorf("%s: deadline %v, want %v (the agreement's %d days)", c.o.Short, n.Deadline, want, c.days)
		}
		if cls, without := n.Change().Class(); cls != country.Adequate || !without {
			t.Errorf("%s: US without DPF named is partial adequacy without safeguard: %s %v", c.o.Short, cls, without)
		}
		// Hellodialog left the list at once: nothing to object to.
		a, _ := s.Agreement(ctx, c.o.ID, c.a.ID)
		for _, sp := range a.Terms.Subprocessors.Named {
			if sp.Name == "Hellodialog" || sp.Name == "Mailchimp" {
				t.Errorf("%s: list after version 2 has %s", c.o.Short, sp.Name)
			}
		}
	}
	if mails := outboxTo(t, s, lek.ID); len(mails) != 1 || !strings.Contains(mails[0], "fg@lekijsel.example") {
		t.Errorf("mail to the privacy officer: %v", mails)
	}

	// One library objects, with reasons; the processor sees that answer
	// per customer, and the other still open.
	ns, _ := s.Notices(ctx, riv.ID, 0)
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DecideNotice(ctx, riv.ID, ns[0].ID, "object", "", "fg") }); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("objection without reasons: %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		return tx.DecideNotice(ctx, riv.ID, ns[0].ID, "object", "Geen doorgifte naar de VS zonder waarborg", "fg")
	}); err != nil {
		t.Fatal(err)
	}
	cs, err := s.ProfileCustomers(ctx, pb.ID)
	if err != nil || len(cs) != 2 {
		t.Fatalf("customers %+v %v", cs, err)
	}
	byName := map[string]store.Customer{}
	for _, c := range cs {
		byName[c.Name] = c
	}
	if a := byName["Org rivier"].Answers; len(a) != 1 || a[0].Decision != "object" || a[0].Reasons != "Geen doorgifte naar de VS zonder waarborg" {
		t.Errorf("rivier's answer %+v", a)
	}
	if a := byName["Org lekijsel"].Answers; len(a) != 1 || !a[0].Open() || !a[0].Deadline.Equal(day.AddDate(0, 0, 14)) {
		t.Errorf("lekijsel's answer %+v", a)
	}
	if cs, _ := s.ProfileCustomers(ctx, other.ID); len(cs) != 0 {
		t.Errorf("another processor sees %+v", cs)
	}
	if cs, _ := s.ProfileCustomers(ctx, lek.ID); len(cs) != 0 {
		t.Errorf("a customer sees the processor's customers: %+v", cs)
	}
}

// TestLostCertificateIsANotice: a certificate that is withdrawn is a
// guarantee of art. 28(1) gone; the customer is told and may object.
func TestLostCertificateIsANotice(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	pb := newOrg(t, s, "probiblio")
	publish := func(p profile.Profile, note string) {
		t.Helper()
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, p, note, "po"); return err }); err != nil {
			t.Fatal(err)
		}
	}
	publish(probiblio(), "v1")
	lek, lekAg := customerOf(t, s, "lekijsel", 14)
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(ctx, lek.ID, lekAg.ID, pb.ID); return err }); err != nil {
		t.Fatal(err)
	}
	if party, _ := s.Party(ctx, lek.ID, *lekAg.PartyID); len(party.Certifications) != 1 || party.Certifications[0].Name != "ISO 27001" {
		t.Errorf("party certificates %+v", party.Certifications)
	}
	p := probiblio()
	p.Certificates = nil
	publish(p, "ISO-certificaat niet verlengd")
	ns, _ := s.Notices(ctx, lek.ID, 0)
	if len(ns) != 1 || ns[0].Kind != string(profile.CertificateLost) || ns[0].Certificate != "ISO 27001" {
		t.Fatalf("notices %+v", ns)
	}
	if party, _ := s.Party(ctx, lek.ID, *lekAg.PartyID); len(party.Certifications) != 0 {
		t.Errorf("party keeps a lost certificate %+v", party.Certifications)
	}
	// Accepting it changes no sub-processor list.
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DecideNotice(ctx, lek.ID, ns[0].ID, "accept", "", "fg") }); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Agreement(ctx, lek.ID, lekAg.ID); len(a.Terms.Subprocessors.Named) != 2 {
		t.Errorf("list after accepting a certificate notice %+v", a.Terms.Subprocessors.Named)
	}
}

// TestProfileIsCheckedAndSigned: bad input names the field and row and
// publishes nothing; the served document verifies and a changed byte
// does not.
func TestProfileIsCheckedAndSigned(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	pb := newOrg(t, s, "probiblio")
	bad := probiblio()
	bad.Subprocessors = append(bad.Subprocessors, profile.Subprocessor{Name: "Cloudco", Country: "Atlantis"})
	err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, bad, "x", "po"); return err })
	if !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), "Sub-processor 3 (Cloudco)") {
		t.Errorf("unknown country: %v", err)
	}
	if vs, _ := s.ProfileVersions(ctx, pb.ID); len(vs) != 0 {
		t.Errorf("a refused profile was published: %+v", vs)
	}
	if _, err := s.ProfileDocument(ctx, pb.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("document before publishing: %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, probiblio(), "v1", "po"); return err }); err != nil {
		t.Fatal(err)
	}
	body, err := s.ProfileDocument(ctx, pb.ID)
	if err != nil {
		t.Fatal(err)
	}
	v, err := profile.Verify(body)
	if err != nil || v.Document.Version != 1 || v.Document.Profile.Name != "ProBiblio" {
		t.Fatalf("verify: %+v %v", v, err)
	}
	if key, _ := s.ProfilePublicKey(ctx, pb.ID); key != v.PublicKey {
		t.Errorf("served key %s, stored %s", v.PublicKey, key)
	}
	tampered := strings.Replace(string(body), "OCLC", "OCLX", 1)
	if _, err := profile.Verify([]byte(tampered)); err == nil {
		t.Error("a changed document verified")
	}
}

// outboxTo lists the organisation's queued mails as "kind to subject".
func outboxTo(t *testing.T, s *store.Store, orgID int64) []string {
	t.Helper()
	ms, err := s.OutboxMails(context.Background(), orgID, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Kind+" "+strings.Join(m.To, ",")+" "+m.Subject)
	}
	return out
}

// TestVersionsAndLinksAtOnce: processors publish while customers link.
// Without one lock on the processor's profile, a customer linking while a
// version was being published started from the version before and never
// got the new one's notice, and two versions could take one number. Every
// customer must end at the newest version with one notice for each
// version after the one it started from, none missing.
func TestVersionsAndLinksAtOnce(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	pb := newOrg(t, s, "probiblio")
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, probiblio(), "v1", "po"); return err }); err != nil {
		t.Fatal(err)
	}
	const customers, versions = 6, 6
	type cust struct {
		o  *org.Organisation
		ag *agreement.Agreement
	}
	var cs []cust
	for k := range customers {
		o, ag := customerOf(t, s, fmt.Sprintf("lib%d", k), 14)
		cs = append(cs, cust{o, ag})
	}
	var wg sync.WaitGroup
	errs := make(chan error, customers+versions)
	for v := range versions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each version replaces the last one's extra sub-processor by
			// its own: one addition, so one notice, per version.
			p := probiblio()
			p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: fmt.Sprintf("Sub %d", v), Country: "NL"})
			errs <- s.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.PublishProfile(ctx, pb.ID, p, fmt.Sprintf("writer %d", v), "po")
				return err
			})
		}()
	}
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.LinkLocalProfile(ctx, c.o.ID, c.ag.ID, pb.ID); return err })
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	vs, _ := s.ProfileVersions(ctx, pb.ID)
	if len(vs) != versions+1 || vs[len(vs)-1].Number != versions+1 {
		t.Fatalf("%d versions, the last numbered %d", len(vs), vs[len(vs)-1].Number)
	}
	latest := versions + 1
	for _, c := range cs {
		l, err := s.ProfileLinkOfAgreement(ctx, c.o.ID, c.ag.ID)
		if err != nil || l.SeenVersion != latest {
			t.Errorf("%s: link %+v %v, want version %d seen", c.o.Short, l, err, latest)
			continue
		}
		seen := map[int]bool{}
		ns, _ := s.Notices(ctx, c.o.ID, c.ag.ID)
		first := latest
		for _, n := range ns {
			seen[n.ProfileVersion] = true
			first = min(first, n.ProfileVersion)
		}
		for v := first; v <= latest && len(ns) > 0; v++ {
			if !seen[v] {
				t.Errorf("%s: no notice of version %d (notices of %v)", c.o.Short, v, seen)
			}
		}
	}
}

// BenchmarkPublishToCustomers: one version published to 100 customers
// following the profile here (a notice, an agreement change, a mail and
// the audit rows in each), in one transaction.
func BenchmarkPublishToCustomers(b *testing.B) {
	ctx := context.Background()
	s := testutil.NewStore(b)
	pb := &org.Organisation{Name: "ProBiblio", Short: "probiblio"}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, pb); err != nil {
			return err
		}
		_, err := tx.PublishProfile(ctx, pb.ID, probiblio(), "v1", "po")
		return err
	}); err != nil {
		b.Fatal(err)
	}
	for k := range 100 {
		o := &org.Organisation{Name: fmt.Sprintf("Bibliotheek %d", k), Short: fmt.Sprintf("lib%d", k)}
		days := 14
		a := &agreement.Agreement{Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
		a.Terms.Subprocessors.ObjectionDays = &days
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateOrg(ctx, o); err != nil {
				return err
			}
			a.OrgID = o.ID
			if err := tx.CreateAgreement(ctx, a); err != nil {
				return err
			}
			_, err := tx.LinkLocalProfile(ctx, o.ID, a.ID, pb.ID)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := range b.N {
		p := probiblio()
		p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: fmt.Sprintf("Sub %d", i), Country: "NL"})
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, p, "nieuw", "po"); return err }); err != nil {
			b.Fatal(err)
		}
	}
}
