package store

import (
	"context"
	"strings"

	"privacyregister/internal/incident"
	"privacyregister/internal/org"
)

// ReportIncident is the one way a new case enters the register, whichever
// door it came through (web form, intake link, API): package incident sets
// the defaults and checks the report, the case is written and audited, and
// the one e-mail to the privacy officers is queued in the same
// transaction. Send it after the commit with SendQueuedMail.
func (tx *Tx) ReportIncident(ctx context.Context, o *org.Organisation, r incident.Report, d incident.Door, reporterID int64) (*Incident, error) {
	d.ActsOnlyAsProcessor = o.Roles == org.ActsProcessor
	i := &Incident{Incident: incident.NewCase(r, d), Source: d.Source, ReporterID: reporterID}
	i.System = strings.TrimSpace(r.System)
	if err := incident.ValidateReport(&i.Incident, tx.s.now()); err != nil {
		return i, err
	}
	return i, tx.fileIncident(ctx, o, i)
}

// fileIncident writes a new case and announces it: the webhook, and the
// one e-mail to the privacy officers.
func (tx *Tx) fileIncident(ctx context.Context, o *org.Organisation, i *Incident) error {
	if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
		return err
	}
	if err := tx.webhookIncidentReported(ctx, o.ID, i); err != nil {
		return err
	}
	officers, err := tx.PrivacyOfficers(ctx, o.ID)
	if err != nil {
		return err
	}
	path := "/o/" + o.Short + "/incidents/" + incItoa(i.ID)
	for lang, to := range officers {
		subject, body := incident.ReportMail(lang, o.Name, i.Dossier, "")
		m := OutMail{Kind: MailIncidentReported, To: to, Lang: lang, Subject: subject, Body: strings.TrimSuffix(body, "\n"), LinkPath: path}
		if err := tx.QueueMail(ctx, o.ID, m); err != nil {
			return err
		}
	}
	return nil
}

// PrivacyOfficers lists the addresses of the organisation's active privacy
// officers by language, inside the transaction.
func (tx *Tx) PrivacyOfficers(ctx context.Context, orgID int64) (map[string][]string, error) {
	rows, err := tx.query(ctx, privacyOfficersQuery, orgID, false)
	if err != nil {
		return nil, err
	}
	return scanByLang(rows)
}
