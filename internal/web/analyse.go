package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/store"
)

func (s *Server) analysePage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "analyse", "Analyse an agreement", map[string]any{})
	return nil
}

// analyseUpload extracts and analyses an uploaded agreement, keeps the file
// (not yet with an agreement) and shows the agreement form prefilled from
// the analysis beside the text with the quotes marked. Nothing but the file
// is stored until the user confirms the fields and creates the agreement.
func (s *Server) analyseUpload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	fail := func(err error) error {
		return s.formError(w, r, c, "analyse", "Analyse an agreement", map[string]any{}, err)
	}
	name, data, err := s.agUpload(r)
	if err != nil {
		return fail(err)
	}
	// Check the type first: a renamed program is refused before any parser sees it.
	if _, err := agreement.CheckFile(name, data, s.Config.MaxUpload); err != nil {
		return fail(err)
	}
	doc, err := contract.Extract(name, bytes.NewReader(data), s.Config.MaxUpload)
	if err != nil {
		return fail(err)
	}
	an := contract.Analyse(doc.Text)
	var att *store.Attachment
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		// Uploads that did not become an agreement within a day are dropped.
		if err := tx.DeleteUnattached(r.Context(), c.Org.ID, s.Store.Now().Add(-24*time.Hour)); err != nil {
			return err
		}
		att, err = tx.AddAttachment(r.Context(), c.Org.ID, nil, name, data, s.Config.MaxUpload)
		return err
	}); err != nil {
		return fail(err)
	}
	a := &agreement.Agreement{Title: agTitleFromAnalysis(name, an), Terms: agreement.TermsFromAnalysis(an), Status: agreement.StatusSigned}
	if an.Law == "wbp" {
		a.Type = agreement.TypeWbp
	}
	parties, err := s.Store.Parties(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	if p := agreement.MatchParty(parties, agStr(an.Parties.Processor), agStr(an.Parties.Controller)); p != nil {
		a.PartyID = &p.ID
	}
	a.Normalise()
	form, err := s.agreementFormData(r, c, a)
	if err != nil {
		return err
	}
	form["AttachmentID"] = att.ID
	form["FileName"] = att.Name
	form["Segments"] = agHighlight(doc.Text, an)
	form["AnalysisWarnings"] = agAnalysisWarnings(c, an)
	form["ModelChecks"] = agModelChecks(c, an)
	s.render(w, r, c, "agreement_form", "New agreement", form)
	return nil
}

func agStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func agTitleFromAnalysis(name string, an *contract.Analysis) string {
	if p := an.Parties.Processor; p != nil && *p != "" {
		return "Verwerkersovereenkomst " + *p
	}
	return name
}

func agAnalysisWarnings(c *Ctx, an *contract.Analysis) []agWarning {
	out := make([]agWarning, 0, len(an.Warnings))
	for _, w := range an.Warnings {
		cl := ""
		if w.Clause != nil {
			cl = *w.Clause
		}
		out = append(out, agWarning{Code: w.Flag, Text: c.T(w.Message), Clause: cl})
	}
	// fields the text addresses in a form the analyser could not read: the
	// officer is told to check them rather than shown a guess
	for _, f := range an.Unclear {
		out = append(out, agWarning{Code: "unclear", Text: c.T(contract.UnclearText(f))})
	}
	return out
}

// agModel is one model agreement's checklist against the analysed text, as
// the analysis page shows it.
type agModel struct {
	Name, Note string
	Counts     string
	Rows       []agModelRow
}

type agModelRow struct {
	Requirement, Source, Status, StatusText, Badge, Clause, Quote string
	// Missing: the agreement does not address the point (else a status
	// without a quote means nothing to the contrary was found)
	Missing bool
}

// agBadges maps a model status to the page's badge class.
var agBadges = map[string]string{
	contract.StatusMeets:    "ok",
	contract.StatusStronger: "ok",
	contract.StatusWeaker:   "warn",
	contract.StatusUnclear:  "warn",
	contract.StatusMissing:  "bad",
}

// maxModelQuote keeps the table compact; the full quote is marked in the text.
const maxModelQuote = 240

func agModelChecks(c *Ctx, an *contract.Analysis) []agModel {
	out := make([]agModel, 0, len(an.Models))
	for _, m := range an.Models {
		v := agModel{Name: c.T(m.Name)}
		if m.Note != "" {
			v.Note = c.T(m.Note)
		}
		n := map[string]int{}
		for _, d := range m.Items {
			n[d.Status]++
			r := agModelRow{Requirement: c.T(d.Requirement), Source: c.T(d.Source), Status: d.Status,
				StatusText: c.T(d.Status), Badge: agBadges[d.Status], Missing: d.Status == contract.StatusMissing}
			if d.Quote != nil {
				r.Quote = agShorten(d.Quote.Quote, maxModelQuote)
				// most quotes begin with their clause number; show it once
				if cl := d.Quote.Clause; cl != nil && !strings.HasPrefix(r.Quote, *cl) {
					r.Clause = *cl
				}
			}
			v.Rows = append(v.Rows, r)
		}
		var parts []string
		for _, s := range []string{contract.StatusMeets, contract.StatusStronger, contract.StatusWeaker, contract.StatusMissing, contract.StatusUnclear} {
			if n[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n[s], c.T(s)))
			}
		}
		v.Counts = strings.Join(parts, ", ")
		out = append(out, v)
	}
	return out
}

// agShorten cuts s to at most max runes at a word boundary.
func agShorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := string(r[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
