package web

import (
	"net/http"
	"strings"

	"privacyregister/internal/country"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

func init() {
	areaRoutes = append(areaRoutes, func(s *Server) {
		s.mux.HandleFunc("GET /o/{org}/statement", s.inOrg(org.ViewAdministration, s.statementPage))
	})
	navItems = append(navItems, NavItem{Path: "statement", Label: "Privacy statement", Perm: org.ViewAdministration})
}

// lawfulBases names the letters of art. 6(1) in plain words.
var lawfulBases = map[register.LawfulBasis]string{
	"a": "your consent", "b": "the performance of a contract with you", "c": "a legal obligation",
	"d": "vital interests", "e": "a task in the public interest", "f": "our legitimate interests",
}

// statementPurpose is one purpose of the statement (art. 13(1)(c)).
type statementPurpose struct {
	Activity   string
	Purposes   []string
	Data       []string
	Retention  string
	Recipients []string
	Transfers  []string
}

// statementPage drafts the privacy statement (arts. 13 and 14) from the
// register: who we are, per processing the purposes with their lawful
// basis, the data, recipients, transfers and retention, the rights and the
// right to complain. The privacy officer checks and publishes it.
func (s *Server) statementPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	acts, _, err := s.Store.Activities(r.Context(), c.Org.ID, store.ActivityFilter{})
	if err != nil {
		return err
	}
	var ps []statementPurpose
	for _, a := range acts {
		p := statementPurpose{Activity: a.Name}
		for _, pu := range a.Purposes {
			text := pu.Description
			if b, ok := lawfulBases[pu.LawfulBasis]; ok {
				text += " (" + c.T("basis: %s", c.T(b)) + ")"
			}
			if strings.TrimSpace(text) != "" {
				p.Purposes = append(p.Purposes, text)
			}
		}
		for _, d := range a.DataCategories {
			p.Data = append(p.Data, d.Name)
		}
		if !a.Retention.IsZero() {
			p.Retention = a.Retention.Format(c.Lang)
		}
		p.Recipients = append(p.Recipients, a.Recipients...)
		for _, pr := range a.Processors {
			p.Recipients = append(p.Recipients, pr.Name)
		}
		for _, t := range a.Transfers {
			name := t.Country
			if ct, ok := country.Lookup(t.Country); ok {
				name = ct.NameEN
				if c.Lang == "nl" {
					name = ct.NameNL
				}
			}
			if t.Safeguard != "" {
				name += " (" + t.Safeguard + ")"
			}
			p.Transfers = append(p.Transfers, name)
		}
		ps = append(ps, p)
	}
	var rights []string
	for _, rt := range request.Rights {
		rights = append(rights, request.Label(c.Lang, rt))
	}
	s.render(w, r, c, "statement", "Privacy statement", map[string]any{"Purposes": ps, "Rights": rights})
	return nil
}
