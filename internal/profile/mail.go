package profile

import (
	"fmt"
	"strings"
	"time"

	"privacyregister/internal/country"
	"privacyregister/internal/i18n"
)

// Describe says one change in a sentence, in lang.
func (c Change) Describe(lang string) string {
	name := func(code string) string {
		if k, ok := country.Lookup(code); ok {
			return k.Name(lang)
		}
		return code
	}
	switch c.Kind {
	case Added:
		s := i18n.T(lang, "New sub-processor %s", c.Subprocessor)
		if c.Country != "" {
			s += " (" + name(c.Country) + ")"
		}
		if c.Purpose != "" {
			s += ", " + i18n.T(lang, "for: %s", c.Purpose)
		}
		return s
	case Moved:
		return i18n.T(lang, "Sub-processor %s moves from %s to %s", c.Subprocessor, name(c.FromCountry), name(c.Country))
	case Removed:
		return i18n.T(lang, "Sub-processor %s no longer used", c.Subprocessor)
	case CertificateLost:
		return i18n.T(lang, "Certificate %s withdrawn or expired", c.Certificate)
	}
	return string(c.Kind)
}

// StandingText says how a change's transfer stands, in lang: the EEA, an
// adequacy decision, or a third country with or without a safeguard.
func (c Change) StandingText(lang string) string {
	if c.Country == "" {
		return ""
	}
	cls, without := c.Class()
	label := i18n.T(lang, country.StandingOf(c.Country).Label())
	switch {
	case without:
		return label + "; " + i18n.T(lang, "no safeguard named")
	case cls == country.Third || country.StandingOf(c.Country).Partial:
		return label + "; " + i18n.T(lang, "safeguard: %s", c.Safeguard)
	}
	return label
}

// NoticeMail is the mail to a customer's privacy officers about a new
// version: what changed and until when they may object.
func NoticeMail(lang, processor, customer string, version int, note string, changes []Change, deadline time.Time) (subject, body string) {
	subject = i18n.T(lang, "%s changed its sub-processors (version %d)", processor, version)
	var b strings.Builder
	fmt.Fprintln(&b, i18n.T(lang, "%s published version %d of its processor profile. For %s this means:", processor, version, customer))
	fmt.Fprintln(&b)
	for _, c := range changes {
		line := "- " + c.Describe(lang)
		if s := c.StandingText(lang); s != "" {
			line += " (" + s + ")"
		}
		fmt.Fprintln(&b, line)
	}
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, i18n.T(lang, "Their note: %s", note))
	fmt.Fprintln(&b)
	fmt.Fprint(&b, i18n.T(lang, "Accept or object by %s, as your agreement sets. Open the agreement:", deadline.Format("2006-01-02")))
	return subject, b.String()
}

// AnswerMail is a customer's answer to one change, for the processor's
// contact: what was decided, the reasons, and the deadline it answers.
func AnswerMail(lang, customer string, version int, c Change, decision, reasons string, deadline time.Time) (subject, body string) {
	subject = i18n.T(lang, "%s answers your notice (version %d)", customer, version)
	var b strings.Builder
	fmt.Fprintln(&b, i18n.T(lang, "%s decided on: %s", customer, c.Describe(lang)))
	fmt.Fprintln(&b, i18n.T(lang, "Decision: %s", i18n.T(lang, decisionLabels[decision])))
	if reasons != "" {
		fmt.Fprintln(&b, i18n.T(lang, "Reasons: %s", reasons))
	}
	fmt.Fprint(&b, i18n.T(lang, "The objection window ended or ends on %s.", deadline.Format("2006-01-02")))
	return subject, b.String()
}

// decisionLabels name the decisions in a mail (message ids).
var decisionLabels = map[string]string{"accept": "accepted", "object": "objection", "terminate": "termination of the agreement"}
