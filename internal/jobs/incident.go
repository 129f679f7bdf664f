package jobs

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

// DefaultIncidentLeadHours are how many hours before a breach deadline the
// privacy officers are reminded, unless Deps.IncidentLeadHours says
// otherwise (PRIVACYREGISTER_INCIDENT_REMINDERS, read by the command's
// configuration). A deadline that passed gets one more mail.
var DefaultIncidentLeadHours = []int{24, 6}

// ParseLeadHours reads lead times such as "24,6": whole hours, each from 1
// to two weeks.
func ParseLeadHours(v string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n <= 0 || n > 24*14 {
			return nil, fmt.Errorf("%q is not a list of hours from 1 to %d, such as 24,6", v, 24*14)
		}
		out = append(out, n)
	}
	return out, nil
}

func init() {
	Register(Job{Name: "incident reminders", Run: func(ctx context.Context, d Deps) error {
		leads := d.IncidentLeadHours
		if len(leads) == 0 {
			leads = DefaultIncidentLeadHours
		}
		_, err := IncidentReminders(ctx, d, leads)
		return err
	}})
}

// dueReminder picks the reminder a deadline is due for at now: 0 once it
// passed, else the smallest lead whose window has opened; ok is false when
// none has. All leads already passed are returned too, so a job that was
// down does not send them late one by one.
func incDueReminder(due, now time.Time, leads []int) (lead int, covered []int, ok bool) {
	if !now.Before(due) {
		return 0, append([]int{0}, leads...), true
	}
	sorted := append([]int(nil), leads...)
	sort.Ints(sorted)
	for _, h := range sorted {
		if !now.Before(due.Add(-time.Duration(h) * time.Hour)) {
			covered = append(covered, h)
		}
	}
	if len(covered) == 0 {
		return 0, nil, false
	}
	return covered[0], covered, true
}

// IncidentReminders mails the privacy officers of each organisation before
// each open breach deadline and when one has passed. Each reminder is
// claimed in the database in the transaction that queues its mail in the
// outbox, so several serve processes queue it once and a failing SMTP
// server only delays it (the outbox retries). It returns the number of
// reminders queued.
func IncidentReminders(ctx context.Context, d Deps, leads []int) (int, error) {
	now := d.Now().UTC()
	max := 0
	for _, h := range leads {
		max = incMaxInt(max, h)
	}
	ds, err := d.Store.OpenDeadlines(ctx, 0, now.Add(time.Duration(max)*time.Hour+time.Minute), 0)
	if err != nil {
		return 0, err
	}
	sent := 0
	officers := map[int64]map[string][]string{}
	for _, dl := range ds {
		lead, covered, ok := incDueReminder(dl.DueAt, now, leads)
		if !ok {
			continue
		}
		to, seen := officers[dl.OrgID]
		if !seen {
			if to, err = d.Store.PrivacyOfficers(ctx, dl.OrgID); err != nil {
				return sent, err
			}
			officers[dl.OrgID] = to
		}
		if len(to) == 0 {
			continue
		}
		o, err := d.Store.Org(ctx, dl.OrgID)
		if err != nil {
			return sent, err
		}
		mailed := false
		err = d.Store.InTx(ctx, func(tx *store.Tx) error {
			first := true
			for _, h := range covered {
				claimed, err := tx.ClaimIncidentReminder(ctx, dl, h)
				if err != nil {
					return err
				}
				if h == lead && !claimed {
					first = false
				}
			}
			if !first {
				return nil
			}
			mailed = true
			for lang, addrs := range to {
				if err := tx.QueueMail(ctx, dl.OrgID, incReminderMail(dl, o.Short, o.Name, lang, addrs, lead, now, d.BaseURL)); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil && mailed {
			sent++
		}
		if err != nil {
			d.Log.Error("incident reminder", "org", dl.OrgID, "incident", dl.IncidentID, "err", err)
		}
	}
	d.sendQueued(ctx)
	return sent, nil
}

func incMaxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// reminderMail names the case (its dossier number) and the deadline, and
// links to it; it holds nothing of the breach itself, not even its title,
// which may name a person: mail passes servers outside the organisation.
func incReminderMail(dl store.OpenDeadline, short, orgName, lang string, to []string, lead int, now time.Time, base string) store.OutMail {
	t := func(s string, a ...any) string { return i18n.T(lang, s, a...) }
	what := t("notify the AP (art. 33(1))")
	if dl.Kind == store.DeadlineController {
		what = t("notify the controller %s", dl.Controller)
	}
	due := dl.DueAt.In(deadline.Amsterdam).Format("02-01-2006 15:04")
	subject := t("Breach %s: %s by %s", dl.Dossier, what, due)
	body := t("The deadline to %s for breach %s of %s ends at %s.", what, dl.Dossier, orgName, due)
	if lead == 0 {
		subject = t("Deadline passed: breach %s", dl.Dossier)
		body = t("The deadline to %s for breach %s of %s passed at %s. A late notification to the AP must give the reasons for the delay.", what, dl.Dossier, orgName, due)
	}
	link := strings.TrimSuffix(base, "/") + "/o/" + short + "/incidents/" + strconv.FormatInt(dl.IncidentID, 10)
	return store.OutMail{Kind: store.MailIncidentReminder, To: to, Lang: lang, Subject: subject, Body: body + "\n\n" + link + "\n"}
}
