package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// lawfulBases names the letters of art. 6(1) in plain words.
var lawfulBases = map[register.LawfulBasis]string{
	"a": "your consent", "b": "the performance of a contract with you", "c": "a legal obligation",
	"d": "vital interests", "e": "a task in the public interest", "f": "our legitimate interests",
}

// statementDoc is the statement's content; published, it is stored as
// JSON so the public page shows what the privacy officer approved.
type statementDoc struct {
	OrgName, Address, KvK       string
	DPOName, DPOEmail, DPOPhone string
	Purposes                    []statementPurpose
	Rights                      []string
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
	c.Lang = statementLang(r, c.Lang)
	doc, err := s.statementDoc(r, c)
	if err != nil {
		return err
	}
	data := map[string]any{"Doc": doc, "CanEdit": c.Can(org.EditAdministration)}
	if p, err := s.Store.Statement(r.Context(), c.Org.ID); err == nil && p.Published {
		data["Published"] = p
	}
	s.render(w, r, c, "statement", "Privacy statement", data)
	return nil
}

// statementLangs are the languages a statement is published in; the
// first is the one the public page shows by default.
var statementLangs = []string{"nl", "en"}

// statementLang is the ?lang= of the request when it names a statement
// language, else def.
func statementLang(r *http.Request, def string) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(statementLangs, l) {
		return l
	}
	return def
}

// statementDownload sends the statement as an HTML page of its own, for
// the organisation's website.
func (s *Server) statementDownload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	c.Lang = statementLang(r, c.Lang)
	doc, err := s.statementDoc(r, c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	v := View{Ctx: c, Data: map[string]any{"Doc": doc}}
	t, err := s.pages.get("statement")
	if err != nil {
		return err
	}
	if err := t.ExecuteTemplate(&buf, "file", v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="privacy-statement-%s-%s.html"`, c.Org.Short, c.Lang))
	_, err = buf.WriteTo(w)
	return err
}

func (s *Server) statementDoc(r *http.Request, c *Ctx) (*statementDoc, error) {
	o := c.Org
	doc := &statementDoc{OrgName: o.Name, Address: o.Address, KvK: o.KvK, DPOName: o.DPOName, DPOEmail: o.DPOEmail, DPOPhone: o.DPOPhone}
	acts, _, err := s.Store.Activities(r.Context(), c.Org.ID, store.ActivityFilter{})
	if err != nil {
		return nil, err
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
	doc.Purposes, doc.Rights = ps, rights
	return doc, nil
}

// statementPublish stores the statement in every statement language at
// once, so the public page offers Dutch and English of the same version.
func (s *Server) statementPublish(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	docs := map[string]*statementDoc{}
	for _, lang := range statementLangs {
		lc := *c
		lc.Lang = lang
		doc, err := s.statementDoc(r, &lc)
		if err != nil {
			return err
		}
		docs[lang] = doc
	}
	body, err := json.Marshal(docs)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.PublishStatement(r.Context(), c.Org.ID, statementLangs[0], string(body), c.User.Email)
	}); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/statement", "saved")
	return nil
}

func (s *Server) statementWithdraw(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.WithdrawStatement(r.Context(), c.Org.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/statement", "saved")
	return nil
}

// publishedStatement is the organisation of a public page (/p/{org}/...)
// and its published statement; without one the public pages do not exist.
func (s *Server) publishedStatement(r *http.Request) (*org.Organisation, *store.PrivacyStatement, error) {
	o, err := s.Store.OrgByShort(r.Context(), r.PathValue("org"))
	if err != nil {
		return nil, nil, apperr.NotFoundf("page not found")
	}
	p, err := s.Store.Statement(r.Context(), o.ID)
	if err != nil || !p.Published {
		return nil, nil, apperr.NotFoundf("page not found")
	}
	return o, p, nil
}

// statementPublic shows the published statement to anyone, in Dutch or,
// with ?lang=en, English; unpublished, the page does not exist.
func (s *Server) statementPublic(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o, p, err := s.publishedStatement(r)
	if err != nil {
		return err
	}
	docs := map[string]*statementDoc{}
	if err := json.Unmarshal([]byte(p.Body), &docs); err != nil {
		// Published before statements were kept in two languages.
		var doc statementDoc
		if err := json.Unmarshal([]byte(p.Body), &doc); err != nil {
			return err
		}
		docs = map[string]*statementDoc{p.Lang: &doc}
	}
	var langs []string
	for _, l := range statementLangs {
		if docs[l] != nil {
			langs = append(langs, l)
		}
	}
	c.Lang = statementLang(r, p.Lang)
	if docs[c.Lang] == nil {
		c.Lang = p.Lang
	}
	s.render(w, r, c, "statement", "Privacy statement", map[string]any{"Doc": docs[c.Lang], "Public": true, "Published": p, "Langs": langs, "Short": o.Short})
	return nil
}
