package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-pdf/fpdf"

	"privacyregister/internal/store"
)

func (s *Server) dpiaPDF(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.loadDPIA(r, c)
	if err != nil {
		return err
	}
	activity := ""
	if d.ActivityID != nil {
		acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
		if err != nil {
			return err
		}
		for _, a := range acts {
			if a.ID == *d.ActivityID {
				activity = a.Name
			}
		}
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="dpia-%d.pdf"`, d.ID))
	return writeDPIAPDF(w, c, d, activity)
}

// writeDPIAPDF renders the DPIA in the order of art. 35(7). The core fonts
// speak cp1252, which covers Dutch (ë, é, ï, €); the translator maps UTF-8.
func writeDPIAPDF(w io.Writer, c *Ctx, d *store.DPIA, activity string) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle(tr(d.Title), false)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.MultiCell(0, 8, tr(c.T("Data protection impact assessment")+": "+d.Title), "", "L", false)
	pdf.SetFont("Helvetica", "", 10)
	pdf.MultiCell(0, 5, tr(c.Org.Name), "", "L", false)
	pdf.Ln(3)
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			body = "-"
		}
		pdf.SetFont("Helvetica", "B", 12)
		pdf.MultiCell(0, 7, tr(c.T(title)), "", "L", false)
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(0, 5, tr(body), "", "L", false)
		pdf.Ln(2)
	}
	section("Processing activity", activity)
	section("Description of the processing", d.Description)
	section("Purposes", d.Purposes)
	section("Necessity and proportionality", d.Necessity)
	var b strings.Builder
	for i, rk := range d.Risks {
		fmt.Fprintf(&b, "%d. %s\n   %s: %s; %s\n", i+1, rk.Description, c.T("Level"), rk.Level.Name(c.Lang),
			c.T("likelihood %s, impact %s; after measures %s, %s", rk.Likelihood.Name(c.Lang), rk.Impact.Name(c.Lang), rk.ResidualLikelihood.Name(c.Lang), rk.ResidualImpact.Name(c.Lang)))
		fmt.Fprintf(&b, "   %s: %s\n", c.T("Residual risk"), rk.ResidualLevel.Name(c.Lang))
		for _, m := range rk.Measures {
			fmt.Fprintf(&b, "   - %s (%s; %s)\n", m.Description, m.Owner, m.State.Label(c.Lang))
		}
	}
	section("Risks and measures", b.String())
	residual := "-"
	if d.ResidualLevel != "" {
		residual = d.ResidualLevel.Name(c.Lang)
	}
	section("Residual risk", residual)
	if d.PriorConsultation {
		section("Prior consultation of the AP", c.T("The residual risk stays high: consult the Autoriteit Persoonsgegevens before the processing starts (art. 36 AVG).")+"\n"+d.ConsultationNote)
	}
	section("Advice of the data protection officer", d.DPOAdvice)
	decided := d.Decision
	if d.DecidedBy != "" {
		decided += "\n" + c.T("Decided by") + ": " + d.DecidedBy + " " + dayText(d.DecidedAt)
	}
	section("Decision", decided)
	section("Next review", dayText(d.NextReviewAt))
	return pdf.Output(w)
}
