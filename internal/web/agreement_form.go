package web

import (
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
)

func agList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// agreementFromForm fills a (a copy of the stored agreement when editing,
// so evidence the form does not show is kept) from the posted form.
func agreementFromForm(r *http.Request, a *agreement.Agreement) error {
	f := newForm(r)
	a.Title = f.str("title")
	a.PartyID = nil
	if v := f.str("party_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.bad("party_id", "no such party")
		} else {
			a.PartyID = &id
		}
	}
	a.OurRole = agreement.OurRole(f.str("our_role"))
	a.Type = agreement.Type(f.str("type"))
	a.Version = f.str("version")
	a.SignedOn = f.date("signed_on")
	a.MainAgreement = f.str("main_agreement")
	a.StartsOn = f.date("starts_on")
	a.EndsOn = f.date("ends_on")
	a.Status = agreement.Status(f.str("status"))
	a.Notes = f.str("notes")
	a.SecurityMeasures = f.str("security_measures")
	a.MeasureIDs = nil
	for _, v := range f.values("measure_ids") {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.bad("measure_ids", "Unknown security measure %s.", v)
			continue
		}
		a.MeasureIDs = append(a.MeasureIDs, id)
	}
	a.SecurityReporting = f.str("security_reporting")

	t := &a.Terms
	if t.Art28 == nil {
		t.Art28 = map[string]contract.Element{}
	}
	t.Language, t.Law = f.str("language"), f.str("law")
	t.Parties.Processor, t.Parties.Controller = f.optStr("party_processor"), f.optStr("party_controller")
	t.BreachNotification.Hours = f.optInt("breach_notification.hours")
	t.BreachNotification.WithoutDelay = f.check("breach_notification.without_delay")
	t.SubprocessorNotificationHours = f.optInt("subprocessor_notification_hours")
	t.Subprocessors.Regime = f.str("subprocessors.regime")
	t.Subprocessors.ObjectionDays = f.optInt("subprocessors.objection_days")
	t.DataLocation = f.str("data_location")
	t.Audit.Right = f.check("audit.right")
	t.Audit.FrequencyMonths = f.optInt("audit.frequency_months")
	t.Audit.Cost = f.str("audit.cost")
	t.EndOfContract = f.str("end_of_contract")
	t.EndFormat = f.str("end_format")
	t.EndDeadlineDays = f.optInt("end_deadline_days")
	t.DestructionConfirmation = f.check("destruction_confirmation")
	t.LiabilityCapEUR = f.optFloat("liability_cap_eur")
	t.PenaltyEUR = f.optFloat("penalty_eur")
	t.GoverningLaw = f.optStr("governing_law")
	t.Forum = f.str("forum")
	t.UnilateralChangeNoticeDays = f.optInt("unilateral_change_notice_days")
	t.BreachRecordRetentionMonths = f.optInt("breach_record_retention_months")
	for _, fl := range []string{contract.FlagOwnPurposes, contract.FlagUnilateral, contract.FlagOutsideEEA, contract.FlagWbp} {
		t.SetFlag(fl, f.check("flag."+fl))
	}
	for _, l := range contract.Art28Letters {
		el := t.Art28[l]
		el.Present = f.check("art28." + l + ".present")
		clause, quote := f.str("art28."+l+".clause"), f.str("art28."+l+".quote")
		var first contract.Evidence
		if len(el.Evidence) > 0 {
			first = el.Evidence[0]
		}
		if clause != "" || quote != "" {
			if first.Quote != quote {
				first.Start, first.End = 0, 0 // the offsets belonged to the old quote
			}
			first.Quote = quote
			first.Clause = nil
			if clause != "" {
				first.Clause = &clause
			}
			el.Evidence = append([]contract.Evidence{first}, tail(el.Evidence)...)
		} else {
			el.Evidence = nil
		}
		t.Art28[l] = el
	}
	t.Subprocessors.Named = nil
	for _, row := range f.rows("sub.name", "sub.service", "sub.data", "sub.location", "sub.country", "sub.since", "sub.safeguard") {
		if strings.Join(row, "") == "" {
			continue
		}
		s := agreement.Subprocessor{Name: row[0], Service: row[1], Data: row[2], Safeguard: row[6]}
		if row[3] != "" {
			s.Location = &row[3]
		}
		if row[4] != "" {
			s.Country = &row[4]
		}
		s.Since = f.dateOf("sub.since", row[5])
		t.Subprocessors.Named = append(t.Subprocessors.Named, s)
	}
	a.Annex1 = nil
	optional := map[string]bool{}
	for _, v := range f.values("annex.optional") {
		optional[v] = true
	}
	for i, row := range f.rows("annex.service", "annex.description", "annex.nature", "annex.data", "annex.subjects", "annex.purposes", "annex.countries", "annex.retention") {
		if strings.Join(row, "") == "" {
			continue
		}
		a.Annex1 = append(a.Annex1, agreement.AnnexRow{Service: row[0], Description: row[1], Nature: row[2], DataCategories: agList(row[3]),
			SubjectCategories: agList(row[4]), Purposes: agList(row[5]), Countries: agList(row[6]), Retention: row[7], Optional: optional[strconv.Itoa(i)]})
	}
	a.Signatories = nil
	for _, row := range f.rows("sig.party", "sig.name", "sig.function", "sig.date", "sig.place") {
		if strings.Join(row, "") == "" {
			continue
		}
		d := f.dateOf("sig.date", row[3])
		a.Signatories = append(a.Signatories, agreement.Signatory{Party: row[0], Name: row[1], Function: row[2], Date: d, Place: row[4]})
	}
	a.StaffGroups = nil
	for _, row := range f.rows("staff.group", "staff.operations") {
		if strings.Join(row, "") != "" {
			a.StaffGroups = append(a.StaffGroups, agreement.StaffGroup{Group: row[0], Operations: row[1]})
		}
	}
	return f.err()
}

func tail(ev []contract.Evidence) []contract.Evidence {
	if len(ev) <= 1 {
		return nil
	}
	return ev[1:]
}

// partyFromForm fills a party from the posted form.
func partyFromForm(r *http.Request, p *agreement.Party) error {
	f := newForm(r)
	p.Name, p.Kind, p.KvK = f.str("name"), agreement.PartyKind(f.str("kind")), f.str("kvk")
	p.Address, p.Country, p.Notes = f.str("address"), f.str("country"), f.str("notes")
	p.Contacts = nil
	for _, row := range f.rows("contact.role", "contact.name", "contact.email", "contact.phone") {
		if row[1]+row[2]+row[3] != "" {
			p.Contacts = append(p.Contacts, agreement.Contact{Role: row[0], Name: row[1], Email: row[2], Phone: row[3]})
		}
	}
	p.Certifications = nil
	for _, row := range f.rows("cert.name", "cert.issuer", "cert.issued", "cert.expires") {
		if row[0] == "" {
			continue
		}
		issued, expires := f.dateOf("cert.issued", row[2]), f.dateOf("cert.expires", row[3])
		p.Certifications = append(p.Certifications, agreement.Certification{Name: row[0], Issuer: row[1], IssuedOn: issued, Expires: expires})
	}
	return f.err()
}
