package store

import (
	"context"
	"fmt"
	"net/mail"
	"strings"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
)

// SourceProcessor is the source of a case a processor on this
// installation created by notifying its controller.
const SourceProcessor = "processor"

// MailBreachToController is the outbox's kind for a breach notice to a
// controller elsewhere.
const MailBreachToController = "breach notice to controller"

// How a controller was told by NotifyControllers.
const (
	ToldByCase = "case" // a case in its organisation on this installation
	ToldByMail = "mail" // a mail to the addresses of the agreement's contacts
	NotTold    = "none" // no organisation here and no address: tell it yourself
)

// ControllerNotice says how one controller was told.
type ControllerNotice struct {
	Name    string `json:"name"`
	How     string `json:"how"`     // case | mail | none
	Dossier string `json:"dossier"` // the controller's dossier, when told by a case
}

// NotifyControllers tells every controller of a processor's case not yet
// told: one that follows the processor's profile on this installation gets
// the case in its own organisation, with the processor's awareness and
// notice times and its own 72 hours running from now; another is mailed
// at the addresses of the processor's agreement with it. Each told
// controller is marked notified on the processor's case. All in the
// caller's transaction: the cases, the marks and the mails go together.
func (tx *Tx) NotifyControllers(ctx context.Context, o *org.Organisation, incidentID int64, lang string) ([]ControllerNotice, error) {
	i, err := tx.incidentForUpdate(ctx, o.ID, incidentID)
	if err != nil {
		return nil, err
	}
	if i.Closed() {
		return nil, apperr.New(apperr.Conflict, "This case is closed and read-only; reopen it first.")
	}
	if i.Role != incident.Processor {
		return nil, apperr.Invalidf("controllers", "Only a case in which this organisation is the processor tells controllers.")
	}
	cs, err := tx.controllers(ctx, o.ID, incidentID)
	if err != nil {
		return nil, err
	}
	customers, err := tx.localCustomers(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	processor := o.Name
	if v, err := tx.latestProfile(ctx, o.ID); err == nil {
		processor = v.Profile.Name
	}
	now := tx.s.now()
	var out []ControllerNotice
	for _, c := range cs {
		if c.NotifiedAt != nil {
			continue
		}
		n := ControllerNotice{Name: c.Name, How: NotTold}
		if cu := matchCustomer(customers, c.Name); cu != nil {
			ci := &Incident{Incident: incident.ForController(i.Incident, processor, now), Source: SourceProcessor, System: i.System}
			ci.Title = i18n.T(lang, "Notice from %s: %s", processor, i.Title)
			ci.ProcessorAwareAt, ci.ProcessorToldAt = i.AwareAt, &now
			if ci.ProcessorAwareAt == nil {
				ci.ProcessorAwareAt = &i.DiscoveredAt
			}
			if c.ContractHours != nil {
				ci.ProcessorHours = *c.ContractHours
			}
			if err := tx.fileIncident(ctx, &cu.org, ci); err != nil {
				return nil, err
			}
			n.How, n.Dossier = ToldByCase, ci.Dossier
		} else if to, err := tx.controllerAddresses(ctx, o.ID, c.Name); err != nil {
			return nil, err
		} else if len(to) > 0 {
			subject := i18n.T(lang, "Security incident at %s: %s", processor, i.Title)
			body := breachNoticeText(lang, processor, i, c)
			if err := tx.QueueMail(ctx, o.ID, OutMail{Kind: MailBreachToController, To: to, Lang: lang, Subject: subject, Body: body}); err != nil {
				return nil, err
			}
			n.How = ToldByMail
		}
		if n.How != NotTold {
			if err := tx.MarkControllerNotified(ctx, o.ID, incidentID, c.ID, now); err != nil {
				return nil, err
			}
		}
		out = append(out, n)
	}
	return out, nil
}

// customer is a customer organisation on this installation that follows
// the processor's profile, with the processor's agreement with it.
type customer struct {
	org         org.Organisation
	agreementID *int64
	partyNames  []string
}

func (tx *Tx) localCustomers(ctx context.Context, processorOrgID int64) ([]customer, error) {
	rows, err := tx.query(ctx, "SELECT DISTINCT l.org_id, l.processor_agreement_id FROM profile_links l WHERE l.processor_org_id = ? AND l.status = ? ORDER BY l.org_id",
		processorOrgID, LinkActive)
	if err != nil {
		return nil, err
	}
	var out []customer
	for rows.Next() {
		var c customer
		if err := rows.Scan(&c.org.ID, &c.agreementID); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	for k := range out {
		o, err := scanOrg(tx.queryRow(ctx, "SELECT "+orgCols+" FROM orgs WHERE id = ?", out[k].org.ID))
		if err != nil {
			return nil, err
		}
		out[k].org, out[k].partyNames = *o, []string{o.Name}
		if id := out[k].agreementID; id != nil {
			if a, err := tx.agreement(ctx, processorOrgID, *id); err == nil {
				out[k].partyNames = append(out[k].partyNames, a.PartyName)
				if a.Terms.Parties.Controller != nil {
					out[k].partyNames = append(out[k].partyNames, *a.Terms.Parties.Controller)
				}
			}
		}
	}
	return out, nil
}

// matchCustomer finds the customer a controller's name means.
func matchCustomer(cs []customer, name string) *customer {
	for k := range cs {
		for _, n := range cs[k].partyNames {
			if agreement.SameCompany(n, name) {
				return &cs[k]
			}
		}
	}
	return nil
}

// controllerAddresses are the e-mail addresses of the contacts of the
// party of the processor's agreement with the controller named: the
// breach contact first, else every contact with an address.
func (tx *Tx) controllerAddresses(ctx context.Context, orgID int64, name string) ([]string, error) {
	parties, err := tx.s.Parties(ctx, orgID)
	if err != nil {
		return nil, err
	}
	p := agreement.MatchParty(parties, name)
	if p == nil {
		return nil, nil
	}
	var breach, all []string
	for _, c := range p.Contacts {
		addr := contactAddress(c)
		if addr == "" {
			continue
		}
		all = append(all, addr)
		if c.Role == "breach" {
			breach = append(breach, addr)
		}
	}
	if len(breach) > 0 {
		return breach, nil
	}
	return all, nil
}

// contactAddress is a contact's e-mail address: its own field, or one
// written in its name ("Servicedesk, privacy@example.nl").
func contactAddress(c agreement.Contact) string {
	if a, err := mail.ParseAddress(c.Email); err == nil {
		return a.Address
	}
	for _, w := range strings.FieldsFunc(c.Name, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if a, err := mail.ParseAddress(w); err == nil {
			return a.Address
		}
	}
	return ""
}

// breachNoticeText is the mail to a controller elsewhere: what the
// processor knows now, for the controller's own assessment.
func breachNoticeText(lang, processor string, i *Incident, c AffectedController) string {
	var b strings.Builder
	fmt.Fprintln(&b, i18n.T(lang, "%s, as your processor, reports a security incident that may concern personal data it processes for you (art. 33(2) AVG).", processor))
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, i18n.T(lang, "What happened: %s", i.Title))
	if i.Description != "" {
		fmt.Fprintln(&b, i.Description)
	}
	fmt.Fprintln(&b, i18n.T(lang, "Discovered: %s", i.DiscoveredAt.In(deadline.Amsterdam).Format("02-01-2006 15:04")))
	if i.People.Max > 0 {
		fmt.Fprintln(&b, i18n.T(lang, "People possibly affected: %d to %d", i.People.Min, i.People.Max))
	}
	for _, m := range i.Measures {
		fmt.Fprintln(&b, "- "+m.Description)
	}
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, i18n.T(lang, "Our reference: %s. Your own 72 hours to notify the Autoriteit Persoonsgegevens start when you become aware.", i.Dossier))
	if i.Reporter.Email != "" {
		fmt.Fprintln(&b, i18n.T(lang, "Contact: %s, %s", i.Reporter.Name, i.Reporter.Email))
	}
	return b.String()
}
