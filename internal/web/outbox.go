package web

import (
	"net/http"
	"strconv"

	"privacyregister/internal/apperr"
	"privacyregister/internal/store"
)

// outboxShown caps the messages the outbox page lists.
const outboxShown = 200

// outboxPage shows the organisation's mail and whether it went out: sent,
// queued (with the next try and the last error) or given up.
func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	mails, err := s.Store.OutboxMails(r.Context(), c.Org.ID, outboxShown)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, m := range mails {
		counts[m.State]++
	}
	s.render(w, r, c, "outbox", "E-mail", map[string]any{"Mails": mails, "Counts": counts, "MaxAttempts": store.MailMaxAttempts})
	return nil
}

// outboxRetry makes a queued or given-up message due and tries to send it
// at once; the page then shows how that went.
func (s *Server) outboxRetry(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return apperr.NotFoundf("message not found")
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RetryMail(r.Context(), c.Org.ID, id) }); err != nil {
		return err
	}
	s.sendQueuedMail(r.Context())
	redirectFlash(w, r, "/o/"+c.Org.Short+"/mail", "mail-retried")
	return nil
}
