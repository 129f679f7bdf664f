package store

import (
	"context"
	"strings"
	"time"

	"privacyregister/internal/incident"
	"privacyregister/internal/mail"
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
	if err := tx.CreateIncident(ctx, o.ID, i); err != nil {
		return i, err
	}
	if err := tx.webhookIncidentReported(ctx, o.ID, i); err != nil {
		return i, err
	}
	officers, err := tx.privacyOfficers(ctx, o.ID)
	if err != nil {
		return i, err
	}
	path := "/o/" + o.Short + "/incidents/" + incItoa(i.ID)
	for lang, to := range officers {
		subject, body := incident.ReportMail(lang, o.Name, i.Dossier, "")
		if err := tx.queueMail(ctx, o.ID, to, subject, strings.TrimSuffix(body, "\n"), path); err != nil {
			return i, err
		}
	}
	return i, nil
}

func (tx *Tx) privacyOfficers(ctx context.Context, orgID int64) (map[string][]string, error) {
	rows, err := tx.query(ctx, privacyOfficersQuery, orgID, false)
	if err != nil {
		return nil, err
	}
	return scanByLang(rows)
}

// queueMail writes a message to the outbox. SendQueuedMail appends the
// link to linkPath, with the site's address, on a line of its own. The
// outbox is delivery, not administration: the change it tells of is
// audited, the row is not.
func (tx *Tx) queueMail(ctx context.Context, orgID int64, to []string, subject, body, linkPath string) error {
	_, err := tx.insert(ctx, "INSERT INTO mail_outbox (org_id, recipients, subject, body, link_path, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		orgID, strings.Join(to, "\n"), subject, body, linkPath, tx.s.now())
	return err
}

// SendQueuedMail sends the unsent messages of the outbox, oldest first,
// each claimed in the transaction that sends it: several processes send
// it once, and a failed send stays queued for the next call. It returns
// the number sent and the first error.
func (s *Store) SendQueuedMail(ctx context.Context, sender mail.Sender, baseURL string) (int, error) {
	if sender == nil {
		return 0, nil
	}
	rows, err := s.query(ctx, "SELECT id FROM mail_outbox WHERE sent_at IS NULL ORDER BY id LIMIT 100")
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, mapErr(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	// Sent messages are kept a week, for tracing a complaint, then
	// removed: the addresses are personal data.
	if _, err := s.exec(ctx, "DELETE FROM mail_outbox WHERE sent_at < ?", s.now().Add(-7*24*time.Hour)); err != nil {
		return 0, err
	}
	sent := 0
	for _, id := range ids {
		err := s.InTx(ctx, func(tx *Tx) error {
			res, err := tx.exec(ctx, "UPDATE mail_outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL", tx.s.now(), id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil // another process sent it
			}
			var to, subject, body, path string
			if err := tx.queryRow(ctx, "SELECT recipients, subject, body, link_path FROM mail_outbox WHERE id = ?", id).Scan(&to, &subject, &body, &path); err != nil {
				return mapErr(err)
			}
			if path != "" {
				body += strings.TrimSuffix(baseURL, "/") + path + "\n"
			}
			if err := sender.Send(context.WithoutCancel(ctx), mail.Message{To: strings.Split(to, "\n"), Subject: subject, Body: body}); err != nil {
				return err
			}
			sent++
			return nil
		})
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}
