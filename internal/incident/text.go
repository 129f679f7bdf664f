package incident

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	perm "privacyregister/internal/org" // "org" is an OrgInfo here
)

// OrgInfo is what the texts need to know about the organisation.
type OrgInfo struct {
	Name    string
	Address string
	KvK     string  // Chamber of Commerce number
	DPO     Contact // the FG, or the contact point when there is none (art. 33(3)(b))
	HasDPO  bool
}

// OrgInfoOf is what the notification texts say about the organisation o.
func OrgInfoOf(o *perm.Organisation) OrgInfo {
	return OrgInfo{Name: o.Name, Address: o.Address, KvK: o.KvK, HasDPO: o.DPOName != "",
		DPO: Contact{Name: o.DPOName, Email: o.DPOEmail, Phone: o.DPOPhone}}
}

// Text renders the text kind of a case in lang: "authority" (the
// notification to the AP the case is due to send next, or the kind notice
// names: new, supplement, amend, withdraw), "subjects" (the letter to the
// people concerned) or "controller" (the notice to the controller).
func Text(kind, notice string, inc Incident, org OrgInfo, lang string) (string, bool) {
	switch kind {
	case "authority":
		n := inc.NextNotice()
		if slices.Contains(NoticeKinds, notice) {
			n.Kind = notice
		}
		return AuthorityNotificationText(inc, org, lang, n), true
	case "subjects":
		return SubjectLetter(inc, org, lang), true
	case "controller":
		return ControllerNotice(inc, org, lang), true
	}
	return "", false
}

// doc builds a text section by section in one language.
type doc struct {
	b    strings.Builder
	lang string
}

func (d *doc) t(msg string, args ...any) string { return i18n.T(d.lang, msg, args...) }

func (d *doc) heading(n int, msg string) {
	if d.b.Len() > 0 {
		d.b.WriteString("\n")
	}
	fmt.Fprintf(&d.b, "%d. %s\n", n, d.t(msg))
}

// line writes "label: value"; an empty value is shown as not yet known, so
// a reader sees what is still open.
func (d *doc) line(msg, value string) {
	if strings.TrimSpace(value) == "" {
		value = d.t("not yet known")
	}
	fmt.Fprintf(&d.b, "%s: %s\n", d.t(msg), value)
}

func (d *doc) para(s string) {
	if strings.TrimSpace(s) != "" {
		d.b.WriteString(strings.TrimSpace(s) + "\n")
	}
}

// when formats a time in Amsterdam, Dutch style, the same in both
// languages.
func when(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(deadline.Amsterdam).Format("02-01-2006 15:04")
}

func day(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(deadline.Amsterdam).Format("02-01-2006")
}

func count(d *doc, r Range) string {
	switch {
	case r.Min == 0 && r.Max == 0:
		return ""
	case r.Min == r.Max || r.Max == 0:
		return fmt.Sprint(r.Min)
	}
	return d.t("at least %d, at most %d", r.Min, r.Max)
}

func (d *doc) contact(c Contact) string {
	var parts []string
	for _, s := range []string{c.Name, c.JobTitle, c.Email, c.Phone} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func (d *doc) timing(inc Incident) string {
	switch inc.Timing {
	case OnDate:
		return d.t("on %s", day(inc.StartedAt))
	case Period:
		end := day(inc.EndedAt)
		if inc.Ongoing {
			end = d.t("still ongoing")
		}
		return d.t("between %s and %s", day(inc.StartedAt), end)
	}
	return ""
}

func (d *doc) measures(inc Incident, kind MeasureKind) string {
	var out []string
	for _, m := range inc.Measures {
		if m.Kind != kind {
			continue
		}
		s := m.Description
		if m.DoneAt != nil {
			s += " (" + d.t("done on %s", day(m.DoneAt)) + ")"
		} else {
			s += " (" + d.t("planned") + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func (d *doc) dataTypes(inc Incident) string {
	s := labelList(d.lang, "data.", inc.DataTypes)
	if inc.DataOther != "" {
		s += " (" + inc.DataOther + ")"
	}
	return s
}

func (d *doc) consequences(inc Incident) string {
	s := labelList(d.lang, "consequence.", inc.Consequences)
	if inc.ConsequenceOther != "" {
		s += " (" + inc.ConsequenceOther + ")"
	}
	return s
}

func yesNo(d *doc, b bool) string {
	if b {
		return d.t("yes")
	}
	return d.t("no")
}

// Kinds of notification to the AP: the first, and the follow-ups its form
// offers ("aanvullen, aanpassen, intrekken").
const (
	NoticeNew        = "new"
	NoticeSupplement = "supplement"
	NoticeAmend      = "amend"
	NoticeWithdraw   = "withdraw"
)

// NoticeKinds lists them in that order.
var NoticeKinds = []string{NoticeNew, NoticeSupplement, NoticeAmend, NoticeWithdraw}

// Notice says which notification a text is for: its kind and, for a
// follow-up, the AP's reference of the notification it follows.
type Notice struct {
	Kind string
	Of   string
}

// NextNotice is the notification the case is due to send next: the first
// while the AP has not been notified, else a supplement to the first.
func (inc Incident) NextNotice() Notice {
	if inc.NotifiedAuthorityAt == nil {
		return Notice{Kind: NoticeNew}
	}
	return Notice{Kind: NoticeSupplement, Of: inc.firstReference()}
}

// firstReference is the AP's reference of the first notification, or the
// one the user gave as "follow-up to" when it was notified elsewhere.
func (inc Incident) firstReference() string {
	if inc.AuthorityReference != "" {
		return inc.AuthorityReference
	}
	return inc.FollowUpOf
}

func (d *doc) noticeKind(inc Incident, n Notice) string {
	of := n.Of
	if of == "" {
		of = inc.firstReference()
	}
	if of == "" {
		of = d.t("not yet known")
	}
	switch n.Kind {
	case NoticeSupplement:
		return d.t("follow-up to notification %s: supplement", of)
	case NoticeAmend:
		return d.t("follow-up to notification %s: amendment", of)
	case NoticeWithdraw:
		return d.t("withdrawal of notification %s", of)
	}
	if inc.FollowUpOf != "" { // notified before, outside this program
		return d.t("follow-up to notification %s", inc.FollowUpOf)
	}
	return d.t("new notification")
}

// AuthorityNotificationText lays the incident out, as it stands now, in the
// order of the AP's online form (sections 0 to 9), for copying into it as
// the notification n. Open answers show as "not yet known": art. 33(4)
// allows the rest in a follow-up notification.
func AuthorityNotificationText(inc Incident, org OrgInfo, lang string, n Notice) string {
	d := &doc{lang: lang}
	regime := inc.Regime
	if regime == "" {
		regime = DefaultRegime
	}
	d.heading(0, "About this notification")
	d.line("Law", label(lang, "regime.", regime))
	d.line("Kind of notification", d.noticeKind(inc, n))

	d.heading(1, "Contact details")
	d.line("Organisation", strings.Join(nonEmpty(org.Name, org.Address, org.KvK), ", "))
	d.line("Reported by", d.contact(inc.Reporter))
	d.line(dpoLabel(org), d.contact(org.DPO))
	d.line("Role of the organisation", label(lang, "role.", inc.Role))
	if inc.OtherOrganisation != "" {
		d.line("Other organisation involved", inc.OtherOrganisation)
	}

	d.heading(2, "Timeline")
	d.line("When did the breach take place", d.timing(inc))
	d.line("Discovered at", when(&inc.DiscoveredAt))
	d.line("Aware of the breach at", when(inc.AwareAt))
	d.line("Is the breach still ongoing", yesNo(d, inc.Ongoing))
	if inc.LateReason != "" {
		d.line("Reasons for notifying after 72 hours", inc.LateReason)
	}

	d.heading(3, "Nature of the breach")
	d.line("Summary of the incident", strings.Join(nonEmpty(inc.Title, inc.Description), ": "))
	d.line("Cause of the incident", inc.Cause)
	d.line("Kind of breach", breachKind(lang, inc))

	d.heading(4, "Personal data")
	d.line("Types of personal data", d.dataTypes(inc))
	if len(inc.SpecialCategories) > 0 {
		d.line("Special categories", labelList(lang, "special.", inc.SpecialCategories))
	}
	d.line("Approximate number of records", count(d, inc.Records))

	d.heading(5, "Data subjects")
	d.line("Groups of people", strings.Join(inc.SubjectGroups, "; "))
	d.line("Number of people", count(d, inc.People))

	d.heading(6, "Measures before the breach")
	d.line("Were the data encrypted, hashed or otherwise made unintelligible", label(lang, "protection.", inc.Protection))
	d.line("How the data were protected", protectionHow(d, inc))

	d.heading(7, "Consequences")
	d.line("Security properties affected", labelList(lang, "property.", inc.Properties))
	d.line("Likely consequences for the people concerned", d.consequences(inc))

	d.heading(8, "Follow-up")
	informed := label(lang, "informed.", inc.SubjectsInformed)
	if inc.SubjectsInformed == InformedNo && inc.SubjectsWhyNot != "" {
		informed += " (" + inc.SubjectsWhyNot + ")"
	}
	d.line("Have the people concerned been informed", informed)
	d.line("Public communication", yesNo(d, inc.PublicCommunication))
	d.line("Measures taken to end the breach", d.measures(inc, Immediate))
	d.line("Measures to prevent a repeat", d.measures(inc, Structural))
	d.line("Does the breach concern people in other EU countries", label(lang, "tri.", inc.International))
	if len(inc.OtherCountries) > 0 {
		d.line("Countries concerned", strings.Join(inc.OtherCountries, ", "))
	}
	if inc.OtherAuthorities != "" {
		d.line("Other supervisory authorities informed", inc.OtherAuthorities)
	}

	d.heading(9, "Other information")
	d.line("Dossier number", inc.Dossier)
	if inc.Remarks != "" {
		d.para(inc.Remarks)
	}
	return d.b.String()
}

// breachKind is the kind of breach: how the data were breached when the case
// says so, else which security properties were (the decision aid's
// answers), so a case decided on a breach of confidentiality never reads
// "not yet known" there.
func breachKind(lang string, inc Incident) string {
	if len(inc.Natures) == 0 && len(inc.Properties) > 0 {
		return labelList(lang, "property.", inc.Properties)
	}
	return labelList(lang, "nature.", inc.Natures)
}

func dpoLabel(org OrgInfo) string {
	if org.HasDPO {
		return "Data protection officer"
	}
	return "Contact point for more information"
}

func protectionHow(d *doc, inc Incident) string {
	parts := nonEmpty(inc.ProtectionHow)
	if inc.Encrypted {
		parts = append(parts, d.t("encrypted"))
	}
	if inc.Hashed {
		parts = append(parts, d.t("hashed"))
	}
	return strings.Join(parts, "; ")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// SubjectLetter is a plain-language letter to the people concerned with
// what art. 34(2) requires: the nature of the breach, the DPO or contact
// point, the likely consequences and the measures taken; and what people
// can do themselves.
func SubjectLetter(inc Incident, org OrgInfo, lang string) string {
	d := &doc{lang: lang}
	d.para(d.t("Dear Sir or Madam,"))
	d.b.WriteString("\n")
	d.para(d.t("We are writing to tell you that something went wrong with your personal data at %s.", org.Name))
	d.b.WriteString("\n")
	d.para(d.t("What happened"))
	if inc.Description != "" {
		d.para(inc.Description)
	} else {
		d.para(inc.Title)
	}
	if tm := d.timing(inc); tm != "" {
		d.line("When did the breach take place", tm)
	}
	d.b.WriteString("\n")
	d.para(d.t("Which of your data"))
	d.para(d.dataTypes(inc))
	d.b.WriteString("\n")
	d.para(d.t("What this may mean for you"))
	if c := d.consequences(inc); c != "" {
		d.para(c)
	} else {
		d.para(d.t("We are still looking into the consequences."))
	}
	d.b.WriteString("\n")
	d.para(d.t("What we have done"))
	d.para(strings.Join(nonEmpty(d.measures(inc, Immediate), d.measures(inc, Structural)), "; "))
	if inc.AdviceToSubjects != "" {
		d.b.WriteString("\n")
		d.para(d.t("What you can do"))
		d.para(inc.AdviceToSubjects)
	}
	d.b.WriteString("\n")
	d.para(d.t("Any questions?"))
	if org.HasDPO {
		d.para(d.t("Please contact our data protection officer: %s.", d.contact(org.DPO)))
	} else {
		d.para(d.t("Please contact us: %s.", d.contact(org.DPO)))
	}
	d.b.WriteString("\n")
	d.para(d.t("We are sorry for this."))
	d.b.WriteString("\n")
	d.para(d.t("Kind regards,"))
	d.para(org.Name)
	return d.b.String()
}

// ControllerNotice is the notice the organisation, as processor, sends the
// controller (art. 33(2)) with the art. 33(3) content, in the order of the
// breach form processors attach to their agreements (seed 001, Bijlage B1).
func ControllerNotice(inc Incident, org OrgInfo, lang string) string {
	d := &doc{lang: lang}
	d.heading(1, "Reporter's contact details")
	d.line("Processor", org.Name)
	d.line("Reported by", d.contact(inc.Reporter))
	d.line(dpoLabel(org), d.contact(org.DPO))

	d.heading(2, "About the breach")
	d.line("Summary of the incident", strings.Join(nonEmpty(inc.Title, inc.Description), ": "))
	d.line("Number of people", count(d, inc.People))
	d.line("Approximate number of records", count(d, inc.Records))
	d.line("Groups of people", strings.Join(inc.SubjectGroups, "; "))
	d.line("When did the breach take place", d.timing(inc))
	d.line("Discovered at", when(&inc.DiscoveredAt))
	d.line("Kind of breach", breachKind(lang, inc))
	d.line("Types of personal data", d.dataTypes(inc))
	if len(inc.SpecialCategories) > 0 {
		d.line("Special categories", labelList(lang, "special.", inc.SpecialCategories))
	}
	d.line("Likely consequences for the people concerned", d.consequences(inc))

	d.heading(3, "Follow-up")
	d.line("Measures taken to end the breach", d.measures(inc, Immediate))
	d.line("Measures to prevent a repeat", d.measures(inc, Structural))

	d.heading(4, "Technical protection")
	d.line("Were the data encrypted, hashed or otherwise made unintelligible", label(lang, "protection.", inc.Protection))
	d.line("How the data were protected", protectionHow(d, inc))

	d.heading(5, "International aspects")
	d.line("Does the breach concern people in other EU countries", label(lang, "tri.", inc.International))
	return d.b.String()
}
