package web

import (
	"fmt"
	"net/http"
	"path"

	"privacyregister/internal/report"
)

// dpiaDOCX exports a DPIA as a Word document or, at .../odt, an
// OpenDocument text, for organisations whose board wants to edit or sign
// it rather than read a PDF.
func (s *Server) dpiaDOCX(w http.ResponseWriter, r *http.Request, c *Ctx) error {
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
	return sendDoc(w, report.DPIADoc(c.Lang, c.Org.Name, d, activity), fmt.Sprintf("dpia-%d.%s", d.ID, path.Base(r.URL.Path)))
}
