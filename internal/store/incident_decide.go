package store

import (
	"context"
	"strings"

	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
)

// DecideIncident records the melder's decision in phase 3 on the answers
// of the decision aid (incident.Decide), for the web and the API alike.
func (tx *Tx) DecideIncident(ctx context.Context, orgID, id int64, a incident.Assessment, chosen incident.Outcome, reason string) (*Incident, error) {
	reason = strings.TrimSpace(reason)
	d, outcome, err := incident.Decide(a, chosen, reason)
	if err != nil {
		return nil, err
	}
	actor := audit.ActorFrom(ctx).Name
	return tx.UpdateIncident(ctx, orgID, id, "decided", func(x *Incident) error {
		x.Decision = &IncidentDecision{Assessment: a, Proposed: d, Outcome: outcome, OverrideReason: reason, DecidedAt: tx.s.now().UTC(), DecidedBy: actor}
		return x.ApplyDecision(a, d, outcome)
	})
}

// NotifyAuthority records a notification to the AP with its text as sent:
// the case as it stands in this transaction, written for the kind of
// notification in lang (RecordAuthorityNotification checks the rest).
func (tx *Tx) NotifyAuthority(ctx context.Context, o *org.Organisation, lang string, id int64, n *AuthorityNotification, lateReason string) error {
	i, err := tx.incidentForUpdate(ctx, o.ID, id)
	if err != nil {
		return err
	}
	notice := i.NextNotice()
	notice.Kind = n.Kind
	n.Text = incident.AuthorityNotificationText(i.Incident, incident.OrgInfoOf(o), lang, notice)
	return tx.RecordAuthorityNotification(ctx, o.ID, id, n, lateReason)
}

// RecordInforming records how and when the people concerned were told
// (incident.Informing), for the web and the API alike.
func (tx *Tx) RecordInforming(ctx context.Context, orgID, id int64, in incident.Informing) (*Incident, error) {
	in.How, in.WhyNot, in.Advice = strings.TrimSpace(in.How), strings.TrimSpace(in.WhyNot), strings.TrimSpace(in.Advice)
	if err := in.Check(tx.s.now()); err != nil {
		return nil, err
	}
	return tx.UpdateIncident(ctx, orgID, id, "subjects_informed", func(x *Incident) error {
		x.SubjectsInformed, x.SubjectsInformedAt, x.SubjectsHow, x.SubjectsWhyNot, x.PublicCommunication = in.Informed, in.At, in.How, in.WhyNot, in.Public
		if in.Advice != "" {
			x.AdviceToSubjects = in.Advice
		}
		return nil
	})
}
