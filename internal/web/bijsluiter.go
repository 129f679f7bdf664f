package web

import (
	"context"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// A privacy bijsluiter is the leaflet a processor hands its customers per
// product, in the structure of Annex 1 of the education covenant's model
// agreement (seed 004): A general information, B the services (core and
// optional), C purposes, D categories and special data, E security and
// where the data is stored, F sub-processors, G contact, H version. It is
// generated, never stored: the agreement's annex 1 and terms and the
// register activities linked to it are the source, so it cannot drift.

// bsService is one service of part B.
type bsService struct {
	Name, Description, Nature, Retention string
}

// bsSub is one sub-processor of part F.
type bsSub struct {
	Name, Role, Location, Country string
}

// bijsluiter is the leaflet of one product (one agreement in which the
// organisation is the processor).
type bijsluiter struct {
	AgreementID   int64
	Product       string
	MainAgreement string
	Processor     *org.Organisation
	Customer      string
	Core          []bsService
	Optional      []bsService
	Purposes      []string
	Subjects      []string
	Categories    []string
	Special       []string
	Security      string
	DataLocation  string // a term code, see agLabel
	Countries     []string
	Subs          []bsSub
	Version       string
	UpdatedAt     time.Time
}

// buildBijsluiter gathers the leaflet of agreement a from its annex 1 and
// the register activities linked to it.
func buildBijsluiter(ctx context.Context, st *store.Store, o *org.Organisation, a *agreement.Agreement) (*bijsluiter, error) {
	b := &bijsluiter{AgreementID: a.ID, Product: a.Title, MainAgreement: a.MainAgreement, Processor: o, Customer: a.PartyName,
		Security: a.SecurityMeasures, DataLocation: a.Terms.DataLocation, Version: a.Version, UpdatedAt: a.UpdatedAt}
	var purposes, subjects, cats, special, countries bsSet
	for _, r := range a.Annex1 {
		sv := bsService{Name: r.Service, Description: r.Description, Nature: r.Nature, Retention: r.Retention}
		if r.Optional {
			b.Optional = append(b.Optional, sv)
		} else {
			b.Core = append(b.Core, sv)
		}
		purposes.add(r.Purposes...)
		subjects.add(r.SubjectCategories...)
		cats.add(r.DataCategories...)
		countries.add(r.Countries...)
	}
	linked, err := st.LinkedActivities(ctx, o.ID, a.ID)
	if err != nil {
		return nil, err
	}
	for _, l := range linked {
		act, err := st.Activity(ctx, o.ID, l.ID)
		if err != nil {
			return nil, err
		}
		if act.Status == register.StatusRetired {
			continue
		}
		for _, p := range act.Purposes {
			purposes.add(p.Description)
		}
		subjects.add(act.SubjectCategories...)
		for _, dc := range act.DataCategories {
			// Special and criminal-law data get their own list, as the
			// annex asks to name them apart (part D, "soorten").
			if dc.Kind == register.KindSpecial || dc.Kind == register.KindCriminal {
				special.add(dc.Name)
			} else {
				cats.add(dc.Name)
			}
		}
	}
	for _, sp := range a.Terms.Subprocessors.Named {
		s := bsSub{Name: sp.Name, Role: sp.Service}
		if sp.Location != nil {
			s.Location = *sp.Location
		}
		if sp.Country != nil {
			s.Country = *sp.Country
			countries.add(s.Country)
		}
		b.Subs = append(b.Subs, s)
	}
	b.Purposes, b.Subjects, b.Categories, b.Special, b.Countries = purposes.list, subjects.list, cats.list, special.list, countries.list
	return b, nil
}

// bsSet keeps the first spelling of each non-empty value, in order.
type bsSet struct {
	seen map[string]bool
	list []string
}

func (s *bsSet) add(vs ...string) {
	for _, v := range vs {
		if v == "" || s.seen[v] {
			continue
		}
		if s.seen == nil {
			s.seen = map[string]bool{}
		}
		s.seen[v] = true
		s.list = append(s.list, v)
	}
}
