package agreement

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
	"privacyregister/internal/profile"
	"privacyregister/internal/task"
)

// Notice is a processor's notice of a new or replaced sub-processor
// (art. 28(2)); the controller may object until Deadline.
type Notice struct {
	ID           int64      `json:"id"`
	OrgID        int64      `json:"org_id"`
	AgreementID  int64      `json:"agreement_id"`
	Subprocessor string     `json:"subprocessor"`
	Replaces     string     `json:"replaces"`
	Country      string     `json:"country"`
	Service      string     `json:"service"`
	NoticeDate   time.Time  `json:"notice_date"`
	Deadline     time.Time  `json:"deadline"` // notice date + the agreement's objection window
	Decision     string     `json:"decision"` // "" (open) | accept | object | terminate
	DecidedAt    *time.Time `json:"decided_at"`
	DecidedBy    string     `json:"decided_by"`
	Note         string     `json:"note"`
	CreatedAt    time.Time  `json:"created_at"`

	// From a processor's published profile (issue 16): which link brought
	// it, the version and its change note, what changed and how the
	// transfer stands.
	LinkID         *int64 `json:"link_id,omitempty"`
	Processor      string `json:"processor,omitempty"`
	ProfileVersion int    `json:"profile_version,omitempty"`
	ChangeNote     string `json:"change_note,omitempty"`
	Kind           string `json:"kind,omitempty"` // profile.ChangeKind; "" for a notice entered by hand
	FromCountry    string `json:"from_country,omitempty"`
	Safeguard      string `json:"safeguard,omitempty"`
	Certificate    string `json:"certificate,omitempty"`
}

// Decisions the privacy officer can record.
var Decisions = []string{"accept", "object", "terminate"}

// DefaultObjectionDays is used when the agreement states no window.
const DefaultObjectionDays = 30

// PrepareNotice computes the deadline from the agreement's window and
// checks the notice.
func PrepareNotice(n *Notice, a *Agreement) error {
	n.Subprocessor = strings.TrimSpace(n.Subprocessor)
	var errs apperr.List
	if n.Kind == string(profile.CertificateLost) {
		if strings.TrimSpace(n.Certificate) == "" {
			errs = append(errs, apperr.Invalidf("certificate", "is required"))
		}
	} else if n.Subprocessor == "" {
		errs = append(errs, apperr.Invalidf("subprocessor", "is required"))
	}
	if n.NoticeDate.IsZero() {
		errs = append(errs, apperr.Invalidf("notice_date", "is required"))
	}
	if n.Country != "" {
		if c, ok := country.Lookup(n.Country); ok {
			n.Country = c.Code
		} else {
			errs = append(errs, apperr.Invalidf("country", "unknown country %q", n.Country))
		}
	}
	days := DefaultObjectionDays
	if d := a.Terms.Subprocessors.ObjectionDays; d != nil {
		days = *d
	}
	if !n.NoticeDate.IsZero() {
		want := n.NoticeDate.AddDate(0, 0, days)
		if n.Deadline.IsZero() {
			n.Deadline = want
		} else if n.Deadline.Before(n.NoticeDate) {
			errs = append(errs, apperr.Invalidf("deadline", "the objection window ends before the notice"))
		}
	}
	return errs.Err()
}

// Decide records a decision; it must come before the deadline ends. An
// objection or termination gives its reasons: the processor reads them.
func (n *Notice) Decide(decision, note, by string, now time.Time) error {
	ok := false
	for _, d := range Decisions {
		ok = ok || d == decision
	}
	if !ok {
		return apperr.Invalidf("decision", "unknown value %q", decision)
	}
	if n.Decision != "" {
		return apperr.New(apperr.Conflict, "a decision was already recorded")
	}
	note = strings.TrimSpace(note)
	if decision != "accept" && note == "" {
		return apperr.Invalidf("note", "Give the reasons for the objection: the processor reads them.")
	}
	if decision != "accept" && now.After(n.Deadline.AddDate(0, 0, 1)) {
		return apperr.Invalidf("decision", "the objection window ended on %s", n.Deadline.Format("2006-01-02"))
	}
	n.Decision, n.DecidedBy = decision, by
	if note != "" {
		n.Note = note
	}
	n.DecidedAt = &now
	return nil
}

// Review is a periodic review of an agreement.
type Review struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	AgreementID int64     `json:"agreement_id"`
	ReviewedAt  time.Time `json:"reviewed_at"`
	Reviewer    string    `json:"reviewer"`
	Conclusion  string    `json:"conclusion"` // ok | renegotiate | terminate
	Note        string    `json:"note"`
}

// Conclusions of a review.
var Conclusions = []string{"ok", "renegotiate", "terminate"}

// ValidateReview checks a review.
func ValidateReview(r *Review) error {
	for _, c := range Conclusions {
		if c == r.Conclusion {
			return nil
		}
	}
	return apperr.Invalidf("conclusion", "unknown value %q", r.Conclusion)
}

// ReviewWindowMonths is how long the yearly review window lasts: seed 003
// reviews the agreements "in het eerste kwartaal van ieder jaar".
const ReviewWindowMonths = 3

// NextReview is when an agreement is next due for review, for an
// organisation that reviews every year in the three months from month
// reviewMonth (1-12; seed 003: January, so the first quarter): the end of
// the window after the one its last review counted for or, never reviewed,
// of the first window ending after the agreement was entered.
func NextReview(last *time.Time, created time.Time, reviewMonth int) time.Time {
	if reviewMonth < 1 || reviewMonth > 12 {
		reviewMonth = 1
	}
	t := task.Task{EveryMonths: 12, StartMonth: reviewMonth, WindowMonths: ReviewWindowMonths, AnchorYear: 2000, LastDone: last}
	return t.Next(created).Due
}

// ApplyTo changes the agreement's list of sub-processors as an accepted
// notice says: the new one joins (or, named already, takes the notice's
// country and service) and the one it replaces leaves. Another decision
// changes nothing. It reports whether the list changed.
func (n *Notice) ApplyTo(t *Terms) bool {
	if n.Decision != "accept" || n.Kind == string(profile.CertificateLost) {
		return false
	}
	same := func(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }
	var named []Subprocessor
	for _, s := range t.Subprocessors.Named {
		if n.Replaces == "" || !same(s.Name, n.Replaces) {
			named = append(named, s)
		}
	}
	since := n.NoticeDate
	sub := Subprocessor{Name: n.Subprocessor, Service: n.Service, Since: &since}
	if n.Country != "" {
		c := n.Country
		sub.Country = &c
	}
	found := false
	for i := range named {
		if same(named[i].Name, n.Subprocessor) {
			named[i].Country, found = sub.Country, true
			if n.Service != "" {
				named[i].Service = n.Service
			}
		}
	}
	if !found {
		named = append(named, sub)
	}
	t.Subprocessors.Named = named
	t.Classify()
	return true
}

// Change is the change a notice tells of, in the profile's terms; a notice
// entered by hand tells of a new sub-processor.
func (n Notice) Change() profile.Change {
	kind := profile.ChangeKind(n.Kind)
	if kind == "" {
		kind = profile.Added
	}
	return profile.Change{Kind: kind, Subprocessor: n.Subprocessor, Country: n.Country, FromCountry: n.FromCountry,
		Purpose: n.Service, Safeguard: n.Safeguard, Certificate: n.Certificate}
}
