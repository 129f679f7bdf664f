package web

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/report"
)

// annualYear reads a year the administration can have data for; the
// default is last year, the one a bestuursverslag in spring speaks of.
func (s *Server) annualYear(v string) (int, error) {
	now := s.Store.Now().In(Amsterdam).Year()
	if v == "" {
		return now - 1, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > now+1 {
		return 0, apperr.Invalidf("year", "Give a year between 2000 and %d.", now+1)
	}
	return y, nil
}

func (s *Server) annualPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	typed := r.URL.Query().Get("year")
	year, yerr := s.annualYear(typed)
	if yerr != nil {
		// The page shows last year's report, the year as typed and the
		// message at the field.
		year, _ = s.annualYear("")
	}
	a, err := report.BuildAnnual(r.Context(), s.Store, c.Org.ID, year, s.Store.Now())
	if err != nil {
		return err
	}
	data := map[string]any{"Year": year, "Typed": year, "Doc": a.Doc(c.Lang, c.Org.Name), "Annual": a}
	if yerr != nil {
		data["Typed"] = typed
		return s.formError(w, r, c, "annual", "Annual report", data, yerr)
	}
	s.render(w, r, c, "annual", "Annual report", data)
	return nil
}

func (s *Server) annualDownload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	name, ext, ok := strings.Cut(r.PathValue("file"), ".")
	if _, known := report.Formats[ext]; !ok || !known {
		return apperr.NotFoundf("page not found")
	}
	year, err := s.annualYear(name)
	if err != nil {
		return apperr.NotFoundf("page not found")
	}
	a, err := report.BuildAnnual(r.Context(), s.Store, c.Org.ID, year, s.Store.Now())
	if err != nil {
		return err
	}
	return sendDoc(w, a.Doc(c.Lang, c.Org.Name), fmt.Sprintf("%s-%s.%s", a.DocName(), c.Org.Short, ext))
}

// sendDoc writes d as a download in the format of filename's extension. It
// renders into memory first so a failure still gets an error page rather
// than half a file.
func sendDoc(w http.ResponseWriter, d *report.Doc, filename string) error {
	var buf bytes.Buffer
	f, ok := report.Formats[strings.TrimPrefix(path.Ext(filename), ".")]
	if !ok {
		return apperr.NotFoundf("page not found")
	}
	if err := f.Write(&buf, d); err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filename))
	_, err := buf.WriteTo(w)
	return err
}
