package store

import (
	"context"
	"strconv"

	"privacyregister/internal/agreement"
	"privacyregister/internal/profile"
)

// MailProfileNotice is the outbox's kind for a processor's new version.
const MailProfileNotice = "processor notice"

// mailNotices queues, in the customer's organisation, one mail per
// language to its privacy officers about the notices of one version.
func (tx *Tx) mailNotices(ctx context.Context, l *ProfileLink, a *agreement.Agreement, v profile.Version, notices []agreement.Notice) error {
	if len(notices) == 0 {
		return nil
	}
	var short, name string
	if err := tx.queryRow(ctx, "SELECT short, name FROM orgs WHERE id = ?", l.OrgID).Scan(&short, &name); err != nil {
		return mapErr(err)
	}
	officers, err := tx.PrivacyOfficers(ctx, l.OrgID)
	if err != nil {
		return err
	}
	var changes []profile.Change
	for _, n := range notices {
		changes = append(changes, n.Change())
	}
	path := "/o/" + short + "/agreements/" + strconv.FormatInt(a.ID, 10) + "?tab=subprocessors"
	for lang, to := range officers {
		subject, body := profile.NoticeMail(lang, v.Profile.Name, name, v.Number, v.ChangeNote, changes, notices[0].Deadline)
		if err := tx.QueueMail(ctx, l.OrgID, OutMail{Kind: MailProfileNotice, To: to, Lang: lang, Subject: subject, Body: body, LinkPath: path}); err != nil {
			return err
		}
	}
	return nil
}
