package store

import (
	"context"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/webhook"
)

// The events the store raises in the transaction of the change. Data
// holds ids, dossier numbers or references, kinds and deadlines only;
// titles and names go in Details, sent only to endpoints whose beheerder
// asked for them. Descriptions, reporters and data subjects never go out.

func webhookTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (tx *Tx) webhookIncidentReported(ctx context.Context, orgID int64, i *Incident) error {
	data := map[string]any{"incident_id": i.ID, "dossier": i.Dossier, "source": i.Source}
	if due := i.APDue(); due != nil {
		data["authority_due_at"] = webhookTime(*due)
	}
	return tx.EnqueueWebhook(ctx, orgID, webhook.Event{Type: webhook.IncidentReported, Data: data,
		Details: map[string]any{"title": i.Title}})
}

func (tx *Tx) webhookAuthorityNotified(ctx context.Context, orgID int64, i *Incident, n *AuthorityNotification) error {
	return tx.EnqueueWebhook(ctx, orgID, webhook.Event{Type: webhook.IncidentAuthorityNotified,
		Data:    map[string]any{"incident_id": i.ID, "dossier": i.Dossier, "kind": n.Kind, "notified_at": webhookTime(n.SentAt)},
		Details: map[string]any{"title": i.Title, "authority_reference": n.Reference}})
}

func requestEventData(r *SubjectRequest) map[string]any {
	rights := make([]string, len(r.Rights))
	for i, x := range r.Rights {
		rights[i] = string(x)
	}
	return map[string]any{"request_id": r.ID, "reference": r.Reference, "rights": rights, "state": string(r.State), "due_at": webhookTime(r.DueAt)}
}

func (tx *Tx) webhookRequest(ctx context.Context, typ string, r *SubjectRequest) error {
	return tx.EnqueueWebhook(ctx, r.OrgID, webhook.Event{Type: typ, Data: requestEventData(r)})
}

func (tx *Tx) webhookNotice(ctx context.Context, typ string, n *agreement.Notice) error {
	data := map[string]any{"notice_id": n.ID, "agreement_id": n.AgreementID, "objection_deadline": webhookTime(n.Deadline)}
	if n.Decision != "" {
		data["decision"] = n.Decision
	}
	return tx.EnqueueWebhook(ctx, n.OrgID, webhook.Event{Type: typ, Data: data,
		Details: map[string]any{"subprocessor": n.Subprocessor, "country": n.Country, "service": n.Service}})
}
