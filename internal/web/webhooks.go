package web

import (
	"net/http"

	"privacyregister/internal/store"
	"privacyregister/internal/webhook"
)

// The webhooks pages: the beheerder registers endpoints (the secret is
// shown once), chooses their events, switches them off and on, sends a
// test event and reads the delivery log.

func init() {
	formFields["webhooks"] = map[string]formField{"url": {Label: "Address (URL)"}, "events": {Label: "Events"}}
	formFields["webhook"] = map[string]formField{"events": {Label: "Events"}}
	flashes["webhook-test"] = "A test event has been queued; it appears in the log below."
	flashes["webhook-on"] = "The endpoint is enabled."
	flashes["webhook-off"] = "The endpoint is disabled: nothing is sent to it until it is enabled again."
	trailKinds = append(trailKinds, struct{ Kind, Label string }{store.EntityWebhook, "Webhook endpoint"})
}

// webhookEventLabels name the events on the pages (message ids).
var webhookEventLabels = map[string]string{
	webhook.IncidentReported:            "A security incident is reported",
	webhook.IncidentDeadlineApproaching: "A breach deadline approaches",
	webhook.IncidentDeadlinePassed:      "A breach deadline has passed",
	webhook.IncidentAuthorityNotified:   "The AP has been notified",
	webhook.RequestReceived:             "A request of a data subject is received",
	webhook.RequestDue:                  "A request is due within a week",
	webhook.RequestClosed:               "A request is answered or closed",
	webhook.NoticeReceived:              "A sub-processor notice is received",
	webhook.NoticeDecided:               "A sub-processor notice is decided",
	webhook.AgreementExpiring:           "An agreement ends within 30 days",
	webhook.ReviewOverdue:               "A review is overdue",
	webhook.Test:                        "Test event",
}

type webhookEventChoice struct {
	Type, Label string
	Checked     bool
}

func webhookChoices(chosen []string) []webhookEventChoice {
	out := make([]webhookEventChoice, len(webhook.Events))
	for i, e := range webhook.Events {
		out[i] = webhookEventChoice{Type: e, Label: webhookEventLabels[e]}
		for _, c := range chosen {
			out[i].Checked = out[i].Checked || c == e
		}
	}
	return out
}

// webhookForm is the reader of the endpoint forms.
type webhookForm struct {
	URL     string
	Events  []string
	Details bool
}

func readWebhookForm(r *http.Request) (webhookForm, error) {
	if err := r.ParseForm(); err != nil {
		return webhookForm{}, err
	}
	return webhookForm{URL: r.PostFormValue("url"), Events: r.PostForm["events"], Details: r.PostFormValue("include_details") != ""}, nil
}

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderWebhooks(w, r, c, map[string]any{})
}

func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any) error {
	eps, err := s.Store.WebhookEndpoints(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	data["Endpoints"], data["Labels"] = eps, webhookEventLabels
	if _, ok := data["Choices"]; !ok {
		data["Choices"] = webhookChoices(nil)
	}
	s.render(w, r, c, "webhooks", "Webhooks", data)
	return nil
}

func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	f, err := readWebhookForm(r)
	if err != nil {
		return err
	}
	var e *store.WebhookEndpoint
	var secret string
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		e, secret, err = tx.CreateWebhookEndpoint(r.Context(), c.Org.ID, f.URL, f.Events, f.Details)
		return
	})
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{"Choices": webhookChoices(f.Events), "Details": f.Details}
		putErrors(c, data, "webhooks", err)
		return s.renderWebhooks(w, r, c, data)
	}
	// The secret is shown on this answer only; it is stored sealed.
	return s.renderWebhook(w, r, c, e, map[string]any{"Secret": secret})
}

func (s *Server) webhookEndpoint(r *http.Request, c *Ctx) (*store.WebhookEndpoint, error) {
	id, err := pathID(r, "webhook")
	if err != nil {
		return nil, err
	}
	return s.Store.WebhookEndpoint(r.Context(), c.Org.ID, id)
}

func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	e, err := s.webhookEndpoint(r, c)
	if err != nil {
		return err
	}
	return s.renderWebhook(w, r, c, e, map[string]any{})
}

func (s *Server) renderWebhook(w http.ResponseWriter, r *http.Request, c *Ctx, e *store.WebhookEndpoint, data map[string]any) error {
	ds, err := s.Store.WebhookDeliveries(r.Context(), c.Org.ID, e.ID, 50)
	if err != nil {
		return err
	}
	data["E"], data["Deliveries"], data["Labels"] = e, ds, webhookEventLabels
	if _, ok := data["Choices"]; !ok {
		data["Choices"], data["Details"] = webhookChoices(e.Events), e.IncludeDetails
	}
	s.render(w, r, c, "webhook", "Webhook", data)
	return nil
}

func (s *Server) webhookURL(c *Ctx, e *store.WebhookEndpoint) string {
	return "/o/" + c.Org.Short + "/settings/webhooks/" + incItoa(e.ID)
}

func (s *Server) webhookSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	e, err := s.webhookEndpoint(r, c)
	if err != nil {
		return err
	}
	f, err := readWebhookForm(r)
	if err != nil {
		return err
	}
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.UpdateWebhookEndpoint(r.Context(), c.Org.ID, e.ID, func(x *store.WebhookEndpoint) error {
			x.Events, x.IncludeDetails = f.Events, f.Details
			return nil
		})
		return err
	})
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{"Choices": webhookChoices(f.Events), "Details": f.Details}
		putErrors(c, data, "webhook", err)
		return s.renderWebhook(w, r, c, e, data)
	}
	redirectFlash(w, r, s.webhookURL(c, e), "saved")
	return nil
}

func (s *Server) webhookEnable(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	e, err := s.webhookEndpoint(r, c)
	if err != nil {
		return err
	}
	on := r.PostFormValue("enabled") == "on"
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.UpdateWebhookEndpoint(r.Context(), c.Org.ID, e.ID, func(x *store.WebhookEndpoint) error { x.Enabled = on; return nil })
		return err
	}); err != nil {
		return err
	}
	flash := "webhook-off"
	if on {
		flash = "webhook-on"
	}
	redirectFlash(w, r, s.webhookURL(c, e), flash)
	return nil
}

func (s *Server) webhookTest(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	e, err := s.webhookEndpoint(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.EnqueueWebhookTest(r.Context(), c.Org.ID, e.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, s.webhookURL(c, e), "webhook-test")
	return nil
}

func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	e, err := s.webhookEndpoint(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteWebhookEndpoint(r.Context(), c.Org.ID, e.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/settings/webhooks", "deleted")
	return nil
}
