package web

import (
	"fmt"
	"net/http"

	"privacyregister/internal/agreement"
	"privacyregister/internal/csvout"
)

// agReviewCSV writes the yearly overview of reviews for the annual report.
func agReviewCSV(w http.ResponseWriter, c *Ctx, year int, reviews []agreement.Review, titles map[int64]string) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"agreement-reviews-%d.csv\"", year))
	cw := csvout.NewWriter(w, csvout.Options{Comma: ','})
	_ = cw.Write([]string{c.T("Date"), c.T("Agreement"), c.T("Reviewer"), c.T("Conclusion"), c.T("Note")})
	for _, r := range reviews {
		_ = cw.Write([]string{r.ReviewedAt.In(Amsterdam).Format("2006-01-02"), titles[r.AgreementID], r.Reviewer, c.T(agLabel(r.Conclusion)), r.Note})
	}
	return cw.Error()
}
