// Package profile holds what a processor publishes about itself to all its
// customers at once (issue 16): its products, sub-processors, certificates
// and standard breach-notice hours, as dated versions with a change note;
// what changed from one version to the next, as the notices a customer
// must decide on (art. 28(2) AVG); and the signed document another
// installation reads. No SQL, no HTTP.
package profile

import (
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
)

// Profile is one version's content.
type Profile struct {
	Name          string         `json:"name"`
	KvK           string         `json:"kvk"`
	Contact       Contact        `json:"contact"`
	BreachHours   *int           `json:"breach_notice_hours"` // nil: "without undue delay"
	Products      []Product      `json:"products"`
	Subprocessors []Subprocessor `json:"subprocessors"`
	Certificates  []Certificate  `json:"certificates"`
}

// Contact is whom customers write to about the profile.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Product is one service, as in the privacy bijsluiter.
type Product struct {
	Name           string   `json:"name"`
	Description    string   `json:"description"`
	DataCategories []string `json:"data_categories"`
}

// Subprocessor is one sub-processor the processor engages.
type Subprocessor struct {
	Name      string `json:"name"`
	Country   string `json:"country"` // ISO 3166-1 alpha-2
	Purpose   string `json:"purpose"`
	Safeguard string `json:"safeguard"` // SCC, BCR, DPF ... for a transfer outside the EEA
}

// Certificate is a certificate or assurance report and its validity.
type Certificate struct {
	Name    string     `json:"name"`
	Issuer  string     `json:"issuer"`
	Expires *time.Time `json:"expires"`
}

// Version is one published version.
type Version struct {
	Number      int       `json:"number"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy string    `json:"-"` // a person at the processor; not published
	ChangeNote  string    `json:"change_note"`
	Profile     Profile   `json:"profile"`
}

// Limits of a profile, so one document stays small enough to fetch and
// show on one page.
const (
	MaxItems    = 200
	MaxText     = 2000
	MaxNoteText = 4000
)

// Prepare trims the profile and the change note, turns country names into
// codes and reports every problem, naming the field and row.
func Prepare(p *Profile, note string) error {
	var errs apperr.List
	p.Name, p.KvK = strings.TrimSpace(p.Name), strings.TrimSpace(p.KvK)
	p.Contact.Name, p.Contact.Email, p.Contact.Phone = strings.TrimSpace(p.Contact.Name), strings.TrimSpace(p.Contact.Email), strings.TrimSpace(p.Contact.Phone)
	if p.Name == "" {
		errs = append(errs, apperr.Invalidf("name", "Name the organisation as customers know it."))
	}
	if p.KvK != "" && !isKvK(p.KvK) {
		errs = append(errs, apperr.Invalidf("kvk", "A chamber of commerce number has 8 digits."))
	}
	if !strings.Contains(p.Contact.Email, "@") {
		errs = append(errs, apperr.Invalidf("contact_email", "Give the e-mail address customers write to."))
	}
	if h := p.BreachHours; h != nil && (*h < 1 || *h > 24*31) {
		errs = append(errs, apperr.Invalidf("breach_notice_hours", "Give the hours as a whole number from 1 to 744, or leave it empty for \"without undue delay\"."))
	}
	if strings.TrimSpace(note) == "" {
		errs = append(errs, apperr.Invalidf("change_note", "Say what changed: customers read this note with the notice."))
	} else if len(note) > MaxNoteText {
		errs = append(errs, apperr.Invalidf("change_note", "The change note is longer than %d characters.", MaxNoteText))
	}
	if len(p.Products)+len(p.Subprocessors)+len(p.Certificates) > MaxItems {
		errs = append(errs, apperr.Invalidf("subprocessors", "A profile holds at most %d products, sub-processors and certificates.", MaxItems))
	}
	seen := map[string]bool{}
	for i := range p.Subprocessors {
		s := &p.Subprocessors[i]
		s.Name, s.Purpose, s.Safeguard = strings.TrimSpace(s.Name), strings.TrimSpace(s.Purpose), strings.TrimSpace(s.Safeguard)
		row := i + 1
		if s.Name == "" {
			errs = append(errs, apperr.Invalidf("subprocessors", "Sub-processor %d has no name.", row))
			continue
		}
		if seen[key(s.Name)] {
			errs = append(errs, apperr.Invalidf("subprocessors", "Sub-processor %d (%s) is named twice.", row, s.Name))
		}
		seen[key(s.Name)] = true
		c, ok := country.Lookup(s.Country)
		if !ok {
			errs = append(errs, apperr.Invalidf("subprocessors", "Sub-processor %d (%s): unknown country %q.", row, s.Name, s.Country))
			continue
		}
		s.Country = c.Code
	}
	for i := range p.Certificates {
		c := &p.Certificates[i]
		c.Name, c.Issuer = strings.TrimSpace(c.Name), strings.TrimSpace(c.Issuer)
		if c.Name == "" {
			errs = append(errs, apperr.Invalidf("certificates", "Certificate %d has no name.", i+1))
		}
	}
	for i := range p.Products {
		pr := &p.Products[i]
		pr.Name = strings.TrimSpace(pr.Name)
		if pr.Name == "" {
			errs = append(errs, apperr.Invalidf("products", "Product %d has no name.", i+1))
		}
	}
	for _, s := range texts(p) {
		if len(s) > MaxText {
			errs = append(errs, apperr.Invalidf("profile", "A text is longer than %d characters.", MaxText))
			break
		}
	}
	return errs.Err()
}

func texts(p *Profile) []string {
	out := []string{p.Name, p.Contact.Name, p.Contact.Email, p.Contact.Phone}
	for _, s := range p.Subprocessors {
		out = append(out, s.Name, s.Purpose, s.Safeguard)
	}
	for _, c := range p.Certificates {
		out = append(out, c.Name, c.Issuer)
	}
	for _, pr := range p.Products {
		out = append(out, pr.Name, pr.Description)
		out = append(out, pr.DataCategories...)
	}
	return out
}

func isKvK(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// key compares names: case and surrounding spaces do not count.
func key(name string) string { return strings.ToLower(strings.TrimSpace(name)) }
