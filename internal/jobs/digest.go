package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/due"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// digestHorizon is how far ahead a digest looks: this week and the next,
// so nothing due before the following digest is missed.
const digestHorizon = 14 * 24 * time.Hour

// digestMaxReviews caps the register reviews listed one by one; an
// organisation that never reviewed would otherwise get its whole register.
const digestMaxReviews = 25

// digestFromHour is the Amsterdam hour on Monday from which the digest
// goes out; a server that is down in the morning still sends it that day.
const digestFromHour = 6

func init() {
	Register(Job{Name: "weekly digest", Run: WeeklyDigest})
}

// digestWeek returns the ISO week of now ("2026-W48") when now is Monday
// morning or later that Monday in Amsterdam, else "".
func digestWeek(now time.Time) string {
	local := now.In(deadline.Amsterdam)
	if local.Weekday() != time.Monday || local.Hour() < digestFromHour {
		return ""
	}
	y, w := local.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// WeeklyDigest mails every privacy officer, per organisation, what is
// overdue and what falls due in the coming two weeks, and every technicus
// the breach deadlines of the incidents assigned to them. Each digest is
// claimed per organisation, user and week in the transaction that queues
// it in the outbox, so it goes out once however many processes run the
// job.
func WeeklyDigest(ctx context.Context, d Deps) error {
	now := d.Now()
	week := digestWeek(now)
	if week == "" {
		return nil
	}
	orgs, err := d.Store.Orgs(ctx)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if err := digestOrg(ctx, d, &o, week, now); err != nil {
			return err
		}
	}
	d.sendQueued(ctx)
	return nil
}

func digestOrg(ctx context.Context, d Deps, o *org.Organisation, week string, now time.Time) error {
	members, err := d.Store.Members(ctx, o.ID)
	if err != nil {
		return err
	}
	var items []due.Item
	loaded := false
	for _, m := range members {
		if m.Disabled || (m.Role != org.PrivacyOfficer && m.Role != org.Technician) {
			continue
		}
		if !loaded {
			if items, err = due.Collect(ctx, d.Store, o.ID, now, due.Options{Until: now.Add(digestHorizon), ReviewMax: digestMaxReviews}); err != nil {
				return err
			}
			loaded = true
		}
		mine := items
		if m.Role == org.Technician {
			mine = nil
			for _, it := range items {
				if it.Breach && it.Owner == m.UserID {
					mine = append(mine, it)
				}
			}
		}
		if len(mine) == 0 {
			continue // nothing to do this week: no mail rather than an empty one
		}
		msg := digestMessage(d.BaseURL, o, m.Email, m.Lang, mine, now)
		err := d.Store.InTx(ctx, func(tx *store.Tx) error {
			claimed, err := tx.ClaimDigest(ctx, o.ID, m.UserID, week)
			if err != nil || !claimed {
				return err
			}
			return tx.QueueMail(ctx, o.ID, msg)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// digestMessage writes the digest in the member's own language.
func digestMessage(baseURL string, o *org.Organisation, to, lang string, items []due.Item, now time.Time) store.OutMail {
	var b strings.Builder
	b.WriteString(i18n.T(lang, "What is overdue and what falls due in the coming two weeks for %s:", o.Name))
	b.WriteString("\n")
	heading := ""
	for _, it := range items {
		h := i18n.T(lang, "Due soon")
		if it.Due.Before(now) {
			h = i18n.T(lang, "Overdue")
		}
		if h != heading {
			fmt.Fprintf(&b, "\n%s\n", h)
			heading = h
		}
		title := it.Title
		if it.Breach {
			// A breach by its dossier number only: its title may name a person.
			title = strings.Fields(title + " ")[0]
		}
		fmt.Fprintf(&b, "- %s  %s: %s\n  %s/o/%s%s\n", it.Due.In(deadline.Amsterdam).Format("02-01-2006"),
			i18n.T(lang, it.Kind), title, baseURL, o.Short, it.Path)
	}
	fmt.Fprintf(&b, "\n%s\n%s/o/%s/calendar\n", i18n.T(lang, "The full calendar:"), baseURL, o.Short)
	return store.OutMail{Kind: store.MailDigest, Lang: lang, To: []string{to}, Subject: i18n.T(lang, "Weekly overview %s: %d items", o.Name, len(items)), Body: b.String()}
}
