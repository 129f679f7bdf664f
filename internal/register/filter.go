package register

import (
	"net/url"
	"strings"
	"time"
)

// Filter narrows and orders the register. Zero values do not filter.
type Filter struct {
	Query           string          // full text (Dutch)
	Department      string          // exact department
	LawfulBasis     LawfulBasis     // a-f: some purpose has it
	Special         string          // "yes": art. 9 or art. 10 data; "no": neither
	OutsideEEA      string          // "yes" / "no"
	DPIA            DPIA            // yes, no, to_assess
	AgreementStatus AgreementStatus // some processor has it
	Status          Status          // one status; empty hides nothing but see IncludeRetired
	IncludeRetired  bool            // without Status, retired activities are left out unless this is set
	ReviewOverdue   bool            // not retired and next review before Now (or never planned)
	Missing         Gap             // has this gap (see Gap.In)
	Now             time.Time       // for ReviewOverdue; zero means the store's clock
	Sort            string          // code, name, department, status, next_review, updated; "-" prefix for descending
	Limit, Offset   int             // Limit 0 means all
}

// FilterParams are the query parameters FilterFromQuery reads.
var FilterParams = []string{"q", "department", "basis", "special", "eea", "dpia", "agreement", "status", "overdue", "missing", "sort"}

// FilterFromQuery reads a filter from query parameters, as the register
// page and the API take them: q, department, basis, special, eea (yes/no),
// dpia, agreement, status (a status, or "all" to include retired
// activities), overdue=1, missing (a Gap) and sort.
func FilterFromQuery(q url.Values) Filter {
	f := Filter{
		Query:           strings.TrimSpace(q.Get("q")),
		Department:      q.Get("department"),
		LawfulBasis:     LawfulBasis(q.Get("basis")),
		Special:         q.Get("special"),
		OutsideEEA:      q.Get("eea"),
		DPIA:            DPIA(q.Get("dpia")),
		AgreementStatus: AgreementStatus(q.Get("agreement")),
		ReviewOverdue:   q.Get("overdue") == "1" || q.Get("overdue") == "true",
		Missing:         Gap(q.Get("missing")),
		Sort:            q.Get("sort"),
	}
	if st := q.Get("status"); st == "all" {
		f.IncludeRetired = true
	} else {
		f.Status = Status(st)
	}
	return f
}
