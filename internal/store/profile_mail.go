package store

import (
	"context"
	"encoding/json"
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

// MailProfileAnswer is the outbox's kind for a customer's answer sent to
// a processor on another installation.
const MailProfileAnswer = "answer to processor"

// mailAnswer sends the customer's decision on a notice from a processor on
// another installation to the contact its profile names: that processor
// cannot read the answer here, as one on this installation does on its
// profile page. Notices entered by hand or from a local profile send
// nothing.
func (tx *Tx) mailAnswer(ctx context.Context, n *agreement.Notice) error {
	if n.LinkID == nil {
		return nil
	}
	l, err := tx.link(ctx, n.OrgID, *n.LinkID)
	if err != nil || l.URL == "" || l.SeenData == "" {
		return nil // unlinked since, or on this installation
	}
	var p profile.Profile
	if err := json.Unmarshal([]byte(l.SeenData), &p); err != nil || p.Contact.Email == "" {
		return err
	}
	var name string
	if err := tx.queryRow(ctx, "SELECT name FROM orgs WHERE id = ?", n.OrgID).Scan(&name); err != nil {
		return mapErr(err)
	}
	const lang = "nl" // the processor's language is not known; the profile format is Dutch-first
	subject, body := profile.AnswerMail(lang, name, n.ProfileVersion, n.Change(), n.Decision, n.Note, n.Deadline)
	return tx.QueueMail(ctx, n.OrgID, OutMail{Kind: MailProfileAnswer, To: []string{p.Contact.Email}, Lang: lang, Subject: subject, Body: body})
}
