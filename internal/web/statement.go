package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/request"
	"privacyregister/internal/statement"
	"privacyregister/internal/store"
)

// lawfulBases names the letters of art. 6(1) in plain words.
var lawfulBases = map[register.LawfulBasis]string{
	"a": "your consent", "b": "the performance of a contract with you", "c": "a legal obligation",
	"d": "vital interests", "e": "a task in the public interest", "f": "our legitimate interests",
}

// statementDoc is the statement's content in one language; published, it
// is stored as JSON so the public page shows what the privacy officer
// approved, whatever the register says later.
type statementDoc struct {
	OrgName, Address, KvK, Contact string
	DPOName, DPOEmail, DPOPhone    string
	Purposes                       []statementPurpose
	Rights                         []string
}

// statementPurpose is one processing activity of the statement (art.
// 13(1)(c)-(f), 13(2)(a)).
type statementPurpose struct {
	Activity   string
	Purpose    string   // in plain language, as the privacy officer wrote it
	Bases      []string // lawful bases in words
	Purposes   []string // versions published before the editor: purpose (basis: ...)
	Data       []string
	Retention  string
	Recipients []string
	Transfers  []string
}

// stmRow is one activity of the register in the editor: the privacy
// officer's choice, or the proposal when there is none yet.
type stmRow struct {
	A         register.Activity
	Proposed  bool
	Decided   bool
	Shown     bool
	PurposeNL string
	PurposeEN string
	Register  string // the register's purposes, the proposal for the text
	Bases     []register.LawfulBasis
}

// stmDraft is everything the statement is made of.
type stmDraft struct {
	Draft *store.StatementDraft
	Rows  []stmRow
}

func (s *Server) statementDraft(ctx context.Context, orgID int64) (*stmDraft, error) {
	d, err := s.Store.StatementDraft(ctx, orgID)
	if err != nil {
		return nil, err
	}
	acts, _, err := s.Store.Activities(ctx, orgID, store.ActivityFilter{})
	if err != nil {
		return nil, err
	}
	out := &stmDraft{Draft: d}
	for _, a := range acts {
		if a.Status == register.StatusRetired {
			continue
		}
		row := stmRow{A: a, Proposed: statement.Proposed(a), Register: statement.ProposedPurpose(a), Bases: statement.Bases(a)}
		if ch, ok := d.Choices[a.ID]; ok {
			row.Decided, row.Shown, row.PurposeNL, row.PurposeEN = true, ch.Shown, ch.PurposeNL, ch.PurposeEN
		} else {
			row.Shown, row.PurposeNL = row.Proposed, row.Register
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// purpose is the row's purpose text in lang; without an English text the
// Dutch one stands.
func (r stmRow) purpose(lang string) string {
	if lang == "en" && !statement.IsPlaceholder(r.PurposeEN) {
		return r.PurposeEN
	}
	return r.PurposeNL
}

// BasisText is the lawful bases of the row in words, in lang.
func (r stmRow) BasisText(lang string) string {
	var out []string
	for _, b := range r.Bases {
		out = append(out, basisText(lang, b))
	}
	return strings.Join(out, "; ")
}

// basisText is a lawful basis as the statement writes it: its letter of
// art. 6(1) and what it means.
func basisText(lang string, b register.LawfulBasis) string {
	return i18n.T(lang, lawfulBases[b]) + " (" + articleText(lang, "6(1)("+string(b)+")") + ")"
}

// articleText writes an article as "art. 13(1)(a)", in Dutch as
// "art. 13 lid 1 sub a".
func articleText(lang, a string) string {
	if lang != "nl" {
		return "art. " + a
	}
	parts := strings.Split(strings.ReplaceAll(a, ")", ""), "(")
	out := "art. " + parts[0]
	if len(parts) > 1 {
		out += " lid " + parts[1]
	}
	if len(parts) > 2 {
		out += " sub " + parts[2]
	}
	return out
}

// recipients are the activity's recipients and processors.
func recipients(a register.Activity) []string {
	out := slices.Clone(a.Recipients)
	for _, p := range a.Processors {
		out = append(out, p.Name)
	}
	return statement.Filled(out)
}

// doc is the statement in lang, leaving out what says nothing
// (placeholders), so an accepted gap is a line left out, never "proc.".
func (d *stmDraft) doc(o *org.Organisation, lang string) *statementDoc {
	doc := &statementDoc{OrgName: o.Name, Address: o.Address, KvK: o.KvK, Contact: d.Draft.Contact, DPOName: o.DPOName, DPOEmail: o.DPOEmail, DPOPhone: o.DPOPhone}
	for _, r := range d.Rows {
		if !r.Shown {
			continue
		}
		a := r.A
		p := statementPurpose{Activity: a.Name, Retention: statement.Retention(a, lang), Recipients: recipients(a)}
		if t := r.purpose(lang); !statement.IsPlaceholder(t) {
			p.Purpose = t
		}
		for _, b := range r.Bases {
			p.Bases = append(p.Bases, basisText(lang, b))
		}
		for _, dc := range a.DataCategories {
			p.Data = append(p.Data, dc.Name)
		}
		p.Data = statement.Filled(p.Data)
		for _, t := range a.Transfers {
			name := t.Country
			if ct, ok := country.Lookup(t.Country); ok {
				name = ct.Name(lang)
			}
			if !statement.IsPlaceholder(t.Safeguard) {
				name += " (" + t.Safeguard + ")"
			}
			p.Transfers = append(p.Transfers, name)
		}
		doc.Purposes = append(doc.Purposes, p)
	}
	for _, rt := range request.Rights {
		doc.Rights = append(doc.Rights, request.Label(lang, rt))
	}
	return doc
}

// check is the statement as the rules of arts. 13/14 read it (in Dutch,
// the language the public page shows first).
func (d *stmDraft) check(o *org.Organisation) []statement.Gap {
	st := statement.Statement{
		Controller: statement.Controller{Name: o.Name, Address: o.Address, Contact: d.Draft.Contact, DPOName: o.DPOName, DPOEmail: o.DPOEmail, DPOPhone: o.DPOPhone},
		Complaint:  true, // the text always says it (statement-text)
	}
	for _, r := range d.Rows {
		if !r.Shown {
			continue
		}
		a := r.A
		e := statement.Entry{ActivityID: a.ID, Activity: a.Name, Purpose: r.PurposeNL, Bases: r.Bases, Recipients: recipients(a),
			Transfers: a.Transfers, LeavesEEA: a.InEU == register.AnswerNo, Retention: statement.Retention(a, "nl")}
		for _, dc := range a.DataCategories {
			e.Data = append(e.Data, dc.Name)
		}
		st.Entries = append(st.Entries, e)
	}
	for _, rt := range request.Rights {
		st.Rights = append(st.Rights, request.Label("nl", rt))
	}
	return statement.Check(st)
}

// accepted are the keys of the accepted gaps.
func (d *stmDraft) accepted() map[string]bool {
	m := map[string]bool{}
	for k := range d.Draft.Accepted {
		m[k] = true
	}
	return m
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

// statementDownload sends the draft statement as an HTML page of its own,
// for the organisation's website.
func (s *Server) statementDownload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	c.Lang = statementLang(r, c.Lang)
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	v := View{Ctx: c, Data: map[string]any{"Doc": d.doc(c.Org, c.Lang)}}
	t, err := s.pages.get("statement_public")
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

// statementPreview shows the draft as the public page will show it.
func (s *Server) statementPreview(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	lang := statementLang(r, "nl")
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	open := statement.Open(d.check(c.Org), d.accepted())
	c.Lang = lang
	s.render(w, r, c, "statement_public", "Privacy statement", map[string]any{"Doc": d.doc(c.Org, lang), "Preview": true,
		"Langs": statementLangs, "Short": c.Org.Short, "Open": len(open), "CanEdit": c.Can(org.EditAdministration),
		"Steps": statementSteps(c, r.URL.Path)})
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

// statementDocs reads a published body: the documents per language, or
// one document published before statements were kept in two languages.
func statementDocs(body, lang string) (map[string]*statementDoc, []string, error) {
	docs := map[string]*statementDoc{}
	if err := json.Unmarshal([]byte(body), &docs); err != nil {
		var doc statementDoc
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			return nil, nil, err
		}
		docs = map[string]*statementDoc{lang: &doc}
	}
	var langs []string
	for _, l := range statementLangs {
		if docs[l] != nil {
			langs = append(langs, l)
		}
	}
	return docs, langs, nil
}

// statementPublic shows the published statement to anyone, in Dutch or,
// with ?lang=en, English, with its version and date; unpublished, the page
// does not exist.
func (s *Server) statementPublic(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o, p, err := s.publishedStatement(r)
	if err != nil {
		return err
	}
	docs, langs, err := statementDocs(p.Body, p.Lang)
	if err != nil {
		return err
	}
	c.Lang = statementLang(r, p.Lang)
	if docs[c.Lang] == nil {
		c.Lang = p.Lang
	}
	s.render(w, r, c, "statement_public", "Privacy statement", map[string]any{"Doc": docs[c.Lang], "Public": true, "Published": p,
		"Langs": langs, "Short": o.Short})
	return nil
}

// statementVersionPage shows one published version as it was published.
func (s *Server) statementVersionPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		return apperr.NotFoundf("not found")
	}
	v, err := s.Store.StatementVersionText(r.Context(), c.Org.ID, n)
	if err != nil {
		return err
	}
	docs, langs, err := statementDocs(v.Body, v.Lang)
	if err != nil {
		return err
	}
	c.Lang = statementLang(r, v.Lang)
	if docs[c.Lang] == nil {
		c.Lang = v.Lang
	}
	s.render(w, r, c, "statement_public", "Privacy statement", map[string]any{"Doc": docs[c.Lang], "Version": v,
		"Langs": langs, "Short": c.Org.Short})
	return nil
}
