package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/org"
	"privacyregister/internal/statement"
	"privacyregister/internal/store"
)

// The privacy statement as an editor: the privacy officer chooses which
// activities the public sees and writes each purpose in plain language
// (statementPage), checks the text against arts. 13/14 and accepts the
// gaps she cannot fix with a reason (statementCheck), previews it, and
// publishes it as a new dated version (statementPublish).

func (s *Server) statementPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "statement", "Privacy statement", s.statementData(r, c, d))
	return nil
}

func (s *Server) statementData(r *http.Request, c *Ctx, d *stmDraft) map[string]any {
	shown, undecided := 0, false
	for _, row := range d.Rows {
		if row.Shown {
			shown++
		}
		undecided = undecided || !row.Decided
	}
	data := map[string]any{"Draft": d.Draft, "Rows": d.Rows, "Shown": shown, "Undecided": undecided, "CanEdit": c.Can(org.EditAdministration), "Steps": statementSteps(c, "/o/"+c.Org.Short+"/statement"),
		"Open": len(statement.Open(d.check(c.Org), d.accepted()))}
	if p, err := s.Store.Statement(r.Context(), c.Org.ID); err == nil && p.Published {
		data["Published"] = p
	}
	return data
}

// statementSave stores the contact and, for each activity the form
// listed (ids), whether it is shown and its purpose texts. Only the
// organisation's own activities are read from the form.
func (s *Server) statementSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	f := newForm(r)
	listed := map[string]bool{}
	for _, id := range f.values("ids") {
		listed[id] = true
	}
	var choices []store.StatementChoice
	for _, row := range d.Rows {
		id := strconv.FormatInt(row.A.ID, 10)
		if !listed[id] {
			continue
		}
		choices = append(choices, store.StatementChoice{ActivityID: row.A.ID, Shown: f.check("shown_" + id),
			PurposeNL: f.str("purpose_nl_" + id), PurposeEN: f.str("purpose_en_" + id)})
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.SaveStatementDraft(r.Context(), c.Org.ID, f.str("contact"), choices)
	}); err != nil {
		return s.formError(w, r, c, "statement", "Privacy statement", s.statementData(r, c, d), err)
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/statement", "saved")
	return nil
}

// stmGap is a gap of the check as the page shows it.
type stmGap struct {
	statement.Gap
	Accepted   bool
	Reason     string
	AcceptedBy string
	AcceptedAt any
	Invalid    bool
	Index      int    // for the ids of its fields
	Fix        string // where to fix it
}

// ArticleText is the gap's article as lang writes it.
func (g stmGap) ArticleText(lang string) string { return articleText(lang, g.Article) }

// stmGapGroup are the gaps of one activity, or of the statement as a
// whole (ActivityID 0).
type stmGapGroup struct {
	ActivityID int64
	Activity   string
	Gaps       []*stmGap
}

func (s *Server) statementCheckData(c *Ctx, d *stmDraft) map[string]any {
	var gaps []*stmGap
	var groups []*stmGapGroup
	byAct := map[int64]*stmGapGroup{}
	open := 0
	for i, g := range d.check(c.Org) {
		sg := &stmGap{Gap: g, Index: i, Fix: gapFix(c, g)}
		if a, ok := d.Draft.Accepted[g.Key]; ok {
			sg.Accepted, sg.Reason, sg.AcceptedBy, sg.AcceptedAt = true, a.Reason, a.AcceptedBy, a.AcceptedAt
		} else {
			open++
		}
		gaps = append(gaps, sg)
		grp := byAct[g.ActivityID]
		if grp == nil {
			grp = &stmGapGroup{ActivityID: g.ActivityID, Activity: g.Activity}
			byAct[g.ActivityID] = grp
			groups = append(groups, grp)
		}
		grp.Gaps = append(grp.Gaps, sg)
	}
	return map[string]any{"Gaps": gaps, "Groups": groups, "Open": open, "CanEdit": c.Can(org.EditAdministration),
		"Steps": statementSteps(c, "/o/"+c.Org.Short+"/statement/check")}
}

// gapFix is where a gap is fixed: the purpose in the editor, the
// organisation's identity in its settings, the rest in the register.
func gapFix(c *Ctx, g statement.Gap) string {
	b := "/o/" + c.Org.Short
	switch {
	case g.Key == "contact":
		return b + "/statement#contact"
	case g.Key == "controller" || g.Key == "dpo":
		if c.Can(org.ManageSettings) {
			return b + "/settings"
		}
		return "" // a beheerder's work: the page says so
	case g.ActivityID == 0:
		return b + "/statement"
	case strings.HasPrefix(g.Key, "purpose:"):
		return b + "/statement#act-" + strconv.FormatInt(g.ActivityID, 10)
	}
	return b + "/register/" + strconv.FormatInt(g.ActivityID, 10) + "/edit"
}

// statementCheck lists what arts. 13/14 need and the statement does not
// say, each with its acceptance.
func (s *Server) statementCheck(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "statement_check", "Check before publishing", s.statementCheckData(c, d))
	return nil
}

// statementAccept stores the gaps ticked as accepted, each with its
// reason; a tick without a reason is refused at its field and nothing is
// stored.
func (s *Server) statementAccept(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	f := newForm(r)
	ticked := map[string]bool{}
	for _, k := range f.values("accept") {
		ticked[k] = true
	}
	accepted := map[string]string{}
	data := s.statementCheckData(c, d)
	var errs []string
	for _, g := range data["Gaps"].([]*stmGap) {
		g.Accepted, g.Reason = ticked[g.Key], f.str("reason_"+g.Key)
		if !g.Accepted {
			continue
		}
		if g.Reason == "" {
			g.Invalid = true
			name := c.T(g.Msg)
			if g.Activity != "" {
				name = g.Activity + ": " + name
			}
			errs = append(errs, c.T("Give the reason for accepting this gap: %s", name))
			continue
		}
		accepted[g.Key] = g.Reason
	}
	if len(errs) > 0 {
		data["Errors"] = errs
		w.WriteHeader(http.StatusUnprocessableEntity)
		s.render(w, r, c, "statement_check", "Check before publishing", data)
		return nil
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.AcceptStatementGaps(r.Context(), c.Org.ID, accepted, c.User.Email)
	}); err != nil {
		return s.formError(w, r, c, "statement_check", "Check before publishing", data, err)
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/statement/check", "saved")
	return nil
}

// statementPublish stores the statement in every statement language at
// once as a new version, so the public page offers Dutch and English of
// the same version. While a gap of the check is neither fixed nor
// accepted, nothing is published.
func (s *Server) statementPublish(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.statementDraft(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	gaps := d.check(c.Org)
	if open := statement.Open(gaps, d.accepted()); len(open) > 0 {
		data := s.statementCheckData(c, d)
		data["Errors"] = []string{c.T("Not published: %d gaps are neither fixed nor accepted.", len(open))}
		w.WriteHeader(http.StatusUnprocessableEntity)
		s.render(w, r, c, "statement_check", "Check before publishing", data)
		return nil
	}
	// The version keeps which gaps were accepted and why, as the officer
	// read them.
	var accepted []string
	for _, g := range gaps {
		where := c.T("The statement as a whole")
		if g.Activity != "" {
			where = g.Activity
		}
		accepted = append(accepted, where+" ("+articleText(c.Lang, g.Article)+"): "+c.T(g.Msg)+" "+c.T("Reason")+": "+d.Draft.Accepted[g.Key].Reason)
	}
	docs := map[string]*statementDoc{}
	for _, lang := range statementLangs {
		docs[lang] = d.doc(c.Org, lang)
	}
	body, err := json.Marshal(docs)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.PublishStatement(r.Context(), c.Org.ID, statementLangs[0], string(body), c.User.Email, accepted)
		return err
	}); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/statement/versions", "saved")
	return nil
}

func (s *Server) statementWithdraw(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.WithdrawStatement(r.Context(), c.Org.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/statement", "saved")
	return nil
}

// statementVersions lists the published versions, newest first.
func (s *Server) statementVersions(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	vs, err := s.Store.StatementVersions(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	data := map[string]any{"Versions": vs, "CanEdit": c.Can(org.EditAdministration), "Steps": statementSteps(c, r.URL.Path)}
	if p, err := s.Store.Statement(r.Context(), c.Org.ID); err == nil && p.Published {
		data["Published"] = p
	}
	s.render(w, r, c, "statement_versions", "Published versions", data)
	return nil
}

// stmStep is a step of the statement editor in its navigation.
type stmStep struct {
	Href, Label string
	Current     bool
}

// statementSteps are the steps of the editor, the one at path current.
func statementSteps(c *Ctx, path string) []stmStep {
	b := "/o/" + c.Org.Short + "/statement"
	steps := []stmStep{{b, "1. Choose and write", false}, {b + "/check", "2. Check", false},
		{b + "/preview", "3. Preview and publish", false}, {b + "/versions", "Published versions", false}}
	for i := range steps {
		steps[i].Current = steps[i].Href == path
	}
	return steps
}
