package web

import (
	"bytes"
	"net/http"
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
	a.Normalise()
	form, err := s.agreementFormData(r, c, a)
	if err != nil {
		return err
	}
	form["AttachmentID"] = att.ID
	form["FileName"] = att.Name
	form["Segments"] = agHighlight(doc.Text, an)
	form["AnalysisWarnings"] = agAnalysisWarnings(c, an)
	s.render(w, r, c, "agreement_form", "New agreement", form)
	return nil
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
