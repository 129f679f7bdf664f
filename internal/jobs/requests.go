package jobs

import (
	"context"
	"fmt"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

// requestReminders are sent this long before a request's due date: a week
// to prepare the answer or announce nothing more, a day as the last call.
var requestReminders = []struct {
	Kind   string
	Before time.Duration
}{{"week", 7 * 24 * time.Hour}, {"day", 24 * time.Hour}}

func init() {
	Register(Job{Name: "request reminders", Run: RequestReminders})
}

// RequestReminders mails the privacy officers of an organisation once per
// open request and reminder kind (and again after an extension moves the
// due date). The claim row and the mail in the outbox share a
// transaction; the outbox retries a failed send.
func RequestReminders(ctx context.Context, d Deps) error {
	now := d.Now()
	due, err := d.Store.OpenRequestsDueBefore(ctx, now.Add(requestReminders[0].Before))
	if err != nil {
		return err
	}
	type recipients struct {
		short  string
		byLang map[string][]string // the privacy officers, by language
	}
	orgs := map[int64]recipients{}
	for _, q := range due {
		kind := "day"
		if q.DueAt.Sub(now) > requestReminders[1].Before {
			kind = "week"
		}
		rc, ok := orgs[q.OrgID]
		if !ok {
			o, err := d.Store.Org(ctx, q.OrgID)
			if err != nil {
				return err
			}
			rc.short = o.Short
			if rc.byLang, err = d.Store.PrivacyOfficers(ctx, q.OrgID); err != nil {
				return err
			}
			orgs[q.OrgID] = rc
		}
		if len(rc.byLang) == 0 {
			continue
		}
		dueDay := q.DueAt.In(deadline.Amsterdam).Format("02-01-2006")
		var msgs []store.OutMail
		for lang, addrs := range rc.byLang {
			msgs = append(msgs, store.OutMail{Kind: store.MailRequestReminder, To: addrs, Lang: lang,
				Subject: i18n.T(lang, "Request %s must be answered by %s", q.Reference, dueDay),
				Body: i18n.T(lang, "The request of a data subject %s must be answered by %s (art. 12(3) AVG).", q.Reference, dueDay) +
					fmt.Sprintf("\n\n%s/o/%s/requests/%d\n", d.BaseURL, rc.short, q.ID)})
		}
		err := d.Store.InTx(ctx, func(tx *store.Tx) error {
			claimed, err := tx.ClaimRequestReminder(ctx, q.OrgID, q.ID, kind, q.DueAt)
			if err != nil || !claimed {
				return err
			}
			for _, msg := range msgs {
				if err := tx.QueueMail(ctx, q.OrgID, msg); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	d.sendQueued(ctx)
	return nil
}
