package store

import (
	"context"
	"encoding/json"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/profile"
)

// Customer is, for a processor, one customer agreement that follows its
// profile on this installation, and the customer's answers to the notices
// the profile sent: what the processor may see of its customer, nothing
// more (no agreement text, no register, no other notices).
type Customer struct {
	LinkID               int64     `json:"link_id"`
	Name                 string    `json:"name"` // the customer organisation
	Since                time.Time `json:"since"`
	SeenVersion          int       `json:"seen_version"`
	ProcessorAgreementID *int64    `json:"processor_agreement_id"` // the processor's own agreement with the customer, when matched
	Answers              []Answer  `json:"answers"`
}

// Answer is a customer's decision on one notice of the profile.
type Answer struct {
	Version   int            `json:"version"`
	Change    profile.Change `json:"change"`
	Deadline  time.Time      `json:"deadline"`
	Decision  string         `json:"decision"` // "" while open
	DecidedAt *time.Time     `json:"decided_at"`
	Reasons   string         `json:"reasons"`
}

// Open reports whether the customer has not decided yet.
func (a Answer) Open() bool { return a.Decision == "" }

// ProfileCustomers lists the customers following the processor's profile
// on this installation, by name, with their answers, newest version first.
func (s *Store) ProfileCustomers(ctx context.Context, processorOrgID int64) ([]Customer, error) {
	return s.ProfileCustomersPage(ctx, processorOrgID, Page{})
}

// ProfileCustomersPage lists a page of the customers by link id, or all
// by name with the zero Page.
func (s *Store) ProfileCustomersPage(ctx context.Context, processorOrgID int64, p Page) ([]Customer, error) {
	q, args := p.keyset(`SELECT l.id, o.name, l.created_at, l.seen_version, l.processor_agreement_id
		FROM profile_links l JOIN orgs o ON o.id = l.org_id WHERE l.processor_org_id = ?`, []any{processorOrgID}, "l.id", false, "o.name, l.id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var out []Customer
	at := map[int64]int{}
	for rows.Next() {
		var c Customer
		if err := rows.Scan(&c.LinkID, &c.Name, &c.Since, &c.SeenVersion, &c.ProcessorAgreementID); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		c.Since = c.Since.UTC()
		at[c.LinkID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	// Only notices that came through a link to this processor: the join
	// on the link's processor is the tenant boundary.
	if len(out) == 0 {
		return out, nil
	}
	nq, nargs := `SELECT n.link_id, n.data FROM subprocessor_notices n JOIN profile_links l ON l.id = n.link_id
		WHERE l.processor_org_id = ?`, []any{processorOrgID}
	if p.Paged() {
		nq += " AND l.id >= ? AND l.id <= ?"
		nargs = append(nargs, out[0].LinkID, out[len(out)-1].LinkID)
	}
	nrows, err := s.query(ctx, nq+" ORDER BY n.id DESC", nargs...)
	if err != nil {
		return nil, err
	}
	defer nrows.Close()
	for nrows.Next() {
		var link int64
		var data string
		if err := nrows.Scan(&link, &data); err != nil {
			return nil, mapErr(err)
		}
		var n agreement.Notice
		if err := json.Unmarshal([]byte(data), &n); err != nil {
			return nil, err
		}
		i, ok := at[link]
		if !ok {
			continue
		}
		a := Answer{Version: n.ProfileVersion, Change: n.Change(), Deadline: n.Deadline, Decision: n.Decision, DecidedAt: n.DecidedAt}
		if n.Decision != "" {
			a.Reasons = n.Note
		}
		out[i].Answers = append(out[i].Answers, a)
	}
	return out, mapErr(nrows.Err())
}

// ProfileProposal is a processor on this installation that published a
// profile and is probably the party of one of the customer's agreements.
type ProfileProposal struct {
	AgreementID    int64
	AgreementTitle string
	ProcessorOrgID int64
	ProcessorName  string
	ByKvK          bool // matched by chamber of commerce number, not only by name
}

// ProfileProposals lists the customer's agreements (as controller, in
// force, not yet following a profile) whose processor published a profile
// here, matched by chamber of commerce number or by name. The privacy
// officer confirms each; nothing links by itself.
func (s *Store) ProfileProposals(ctx context.Context, orgID int64) ([]ProfileProposal, error) {
	pubs, err := s.PublishedProfiles(ctx)
	if err != nil || len(pubs) == 0 {
		return nil, err
	}
	ags, err := s.Agreements(ctx, orgID, AgreementFilter{})
	if err != nil {
		return nil, err
	}
	links, err := s.ProfileLinks(ctx, orgID)
	if err != nil {
		return nil, err
	}
	parties, err := s.Parties(ctx, orgID)
	if err != nil {
		return nil, err
	}
	return ProposeProfiles(orgID, ags, parties, links, pubs), nil
}

// ProposeProfiles matches the organisation's agreements with the published
// profiles (see ProfileProposals), from what the caller has read already.
func ProposeProfiles(orgID int64, ags []agreement.Agreement, parties []agreement.Party, links []ProfileLink, pubs []PublishedProfile) []ProfileProposal {
	linked := map[int64]bool{}
	for _, l := range links {
		linked[l.AgreementID] = true
	}
	kvk := map[int64]string{}
	for _, p := range parties {
		kvk[p.ID] = p.KvK
	}
	var out []ProfileProposal
	for _, a := range ags {
		if a.OurRole != agreement.RoleController || a.Status == agreement.StatusEnded || linked[a.ID] {
			continue
		}
		processor := ""
		if a.Terms.Parties.Processor != nil {
			processor = *a.Terms.Parties.Processor
		}
		for _, p := range pubs {
			if p.OrgID == orgID {
				continue
			}
			byKvK := a.PartyID != nil && kvk[*a.PartyID] != "" && kvk[*a.PartyID] == p.Latest.Profile.KvK
			byName := agreement.SameCompany(a.PartyName, p.Latest.Profile.Name) || agreement.SameCompany(processor, p.Latest.Profile.Name) ||
				agreement.SameCompany(a.PartyName, p.OrgName) || agreement.SameCompany(processor, p.OrgName)
			if byKvK || byName {
				out = append(out, ProfileProposal{AgreementID: a.ID, AgreementTitle: a.Title, ProcessorOrgID: p.OrgID, ProcessorName: p.Latest.Profile.Name, ByKvK: byKvK})
			}
		}
	}
	return out
}
