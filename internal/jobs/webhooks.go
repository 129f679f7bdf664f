package jobs

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/due"
	"privacyregister/internal/store"
	"privacyregister/internal/webhook"
)

// Windows of the time-based webhook events.
const (
	requestDueWindow        = 7 * 24 * time.Hour  // request.due: a week before the due date
	agreementExpiringWindow = 30 * 24 * time.Hour // agreement.expiring: 30 days before it ends
	webhookLogKeep          = 30 * 24 * time.Hour // finished deliveries kept on the page
)

// WebhookClient posts the deliveries.
var WebhookClient = &http.Client{Timeout: webhook.Timeout}

func init() {
	Register(Job{Name: "webhook events", Run: WebhookEvents})
	Register(Job{Name: "webhook deliveries", Run: func(ctx context.Context, d Deps) error {
		if err := d.Store.PurgeWebhookLog(ctx, webhookLogKeep); err != nil {
			return err
		}
		_, err := d.Store.DeliverWebhooks(ctx, WebhookClient, store.ProcessID)
		return err
	}})
}

// WebhookSender sends queued deliveries as soon as a change queues one
// (kick) and retries when their back-off ends, until ctx ends. The job
// loop sends too, so nothing waits for this loop alone.
func WebhookSender(ctx context.Context, d Deps, kick <-chan struct{}, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		case <-t.C:
		}
		if _, err := d.Store.DeliverWebhooks(ctx, WebhookClient, store.ProcessID); err != nil && ctx.Err() == nil {
			d.Log.Error("webhook deliveries", "err", err)
		}
	}
}

// WebhookEvents queues the time-based events of the organisations with an
// enabled endpoint: each once per object and deadline (a dedupe key in
// the same transaction), so several processes and every run agree.
func WebhookEvents(ctx context.Context, d Deps) error {
	orgs, err := d.Store.WebhookOrgs(ctx)
	if err != nil {
		return err
	}
	now := d.Now().UTC()
	lead := 0
	for _, h := range d.IncidentLeadHours {
		lead = max(lead, h)
	}
	if lead == 0 {
		lead = DefaultIncidentLeadHours[0]
	}
	for _, orgID := range orgs {
		evs, err := timedEvents(ctx, d.Store, orgID, now, time.Duration(lead)*time.Hour)
		if err != nil {
			return err
		}
		err = d.Store.InTx(ctx, func(tx *store.Tx) error {
			for _, e := range evs {
				if _, err := tx.EnqueueWebhookOnce(ctx, orgID, e.key, e.ev); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

type keyedEvent struct {
	key string
	ev  webhook.Event
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// timedEvents lists the organisation's time-based events as of now, each
// with its dedupe key (type, object, deadline).
func timedEvents(ctx context.Context, st *store.Store, orgID int64, now time.Time, lead time.Duration) ([]keyedEvent, error) {
	var out []keyedEvent
	add := func(typ, object string, at time.Time, data, details map[string]any) {
		data["due_at"] = rfc(at)
		out = append(out, keyedEvent{key: fmt.Sprintf("%s %s %d", typ, object, at.Unix()),
			ev: webhook.Event{Type: typ, At: now, Data: data, Details: details}})
	}
	ds, err := st.OpenDeadlines(ctx, orgID, now.Add(lead), 0)
	if err != nil {
		return nil, err
	}
	for _, dl := range ds {
		object := fmt.Sprintf("incident:%d:%s", dl.IncidentID, dl.Kind)
		data := map[string]any{"incident_id": dl.IncidentID, "dossier": dl.Dossier, "deadline": dl.Kind}
		if dl.Kind == store.DeadlineController {
			object += fmt.Sprintf(":%d", dl.ControllerID)
			data["controller_id"] = dl.ControllerID
		}
		typ := webhook.IncidentDeadlineApproaching
		if !now.Before(dl.DueAt) {
			typ = webhook.IncidentDeadlinePassed
		}
		add(typ, object, dl.DueAt, data, map[string]any{"title": dl.Title})
	}
	rs, err := st.Requests(ctx, orgID, store.RequestFilter{OpenOnly: true})
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if r.DueAt.Before(now.Add(requestDueWindow)) {
			add(webhook.RequestDue, fmt.Sprintf("request:%d", r.ID), r.DueAt, map[string]any{"request_id": r.ID, "reference": r.Reference}, nil)
		}
	}
	items, err := due.Collect(ctx, st, orgID, now, due.Options{Until: now.Add(agreementExpiringWindow), ReviewMax: 1000, BreachMax: 1})
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		kind, id := pathObject(it.Path)
		details := map[string]any{"title": it.Title}
		switch {
		case it.Kind == "Agreement ends":
			add(webhook.AgreementExpiring, fmt.Sprintf("agreement:%d", id), it.Due, map[string]any{"agreement_id": id}, details)
		case it.Overdue && (it.Kind == "Agreement review" || it.Kind == "Register review" || it.Kind == "DPIA review"):
			add(webhook.ReviewOverdue, fmt.Sprintf("%s:%d", kind, id), it.Due, map[string]any{"object": kind, "object_id": id}, details)
		}
	}
	return out, nil
}

// pathObject reads the kind and id of a due item's path ("/register/7").
func pathObject(path string) (string, int64) {
	kind, idText, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	id, _ := strconv.ParseInt(idText, 10, 64)
	switch kind {
	case "register":
		kind = "activity"
	case "agreements":
		kind = "agreement"
	case "dpias":
		kind = "dpia"
	}
	return kind, id
}
