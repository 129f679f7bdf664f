package profile

import (
	"time"

	"privacyregister/internal/country"
)

// ChangeKind is what a new version changed that a customer must be told.
type ChangeKind string

const (
	// Added: a new sub-processor; the customer may object (art. 28(2)).
	Added ChangeKind = "subprocessor_added"
	// Moved: a sub-processor now processes in another country; a new
	// transfer, so the customer may object as to a new sub-processor.
	Moved ChangeKind = "subprocessor_moved"
	// Removed: a sub-processor left; nothing to object to, the customer's
	// list follows.
	Removed ChangeKind = "subprocessor_removed"
	// CertificateLost: a certificate was withdrawn or lapsed, a guarantee
	// of art. 28(1) the customer relied on.
	CertificateLost ChangeKind = "certificate_lost"
)

// Change is one thing a version changed.
type Change struct {
	Kind         ChangeKind `json:"kind"`
	Subprocessor string     `json:"subprocessor,omitempty"`
	Country      string     `json:"country,omitempty"`
	FromCountry  string     `json:"from_country,omitempty"`
	Purpose      string     `json:"purpose,omitempty"`
	Safeguard    string     `json:"safeguard,omitempty"`
	Certificate  string     `json:"certificate,omitempty"`
}

// NeedsDecision reports whether the customer has a window to object: a
// removed sub-processor is only news.
func (c Change) NeedsDecision() bool { return c.Kind != Removed }

// Class sorts a change for the customer: inside the EEA, to a country with
// an adequacy decision, or to a third country; WithoutSafeguard tells a
// third-country (or partly adequate) transfer that names no safeguard.
func (c Change) Class() (cls country.Class, withoutSafeguard bool) {
	if c.Country == "" {
		return "", false
	}
	st := country.StandingOf(c.Country)
	return st.Class, st.NeedsSafeguard() && c.Safeguard == ""
}

// Changes lists what next changed from prev (nil: the customer saw no
// version yet, so every sub-processor is news but none is a change to
// object to: a first link takes the list as the agreement's). Certificates
// count as lost when gone or expired by now.
func Changes(prev *Profile, next Profile, now time.Time) []Change {
	if prev == nil {
		return nil
	}
	var out []Change
	old := map[string]Subprocessor{}
	for _, s := range prev.Subprocessors {
		old[key(s.Name)] = s
	}
	kept := map[string]bool{}
	for _, s := range next.Subprocessors {
		o, ok := old[key(s.Name)]
		kept[key(s.Name)] = true
		switch {
		case !ok:
			out = append(out, Change{Kind: Added, Subprocessor: s.Name, Country: s.Country, Purpose: s.Purpose, Safeguard: s.Safeguard})
		case o.Country != s.Country:
			out = append(out, Change{Kind: Moved, Subprocessor: s.Name, Country: s.Country, FromCountry: o.Country, Purpose: s.Purpose, Safeguard: s.Safeguard})
		}
	}
	for _, s := range prev.Subprocessors {
		if !kept[key(s.Name)] {
			out = append(out, Change{Kind: Removed, Subprocessor: s.Name, Country: s.Country})
		}
	}
	valid := map[string]bool{}
	for _, c := range next.Certificates {
		if c.Expires == nil || !c.Expires.Before(now) {
			valid[key(c.Name)] = true
		}
	}
	for _, c := range prev.Certificates {
		if !valid[key(c.Name)] && (c.Expires == nil || !c.Expires.Before(now)) {
			out = append(out, Change{Kind: CertificateLost, Certificate: c.Name})
		}
	}
	return out
}
