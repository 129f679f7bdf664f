package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/deadline"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// The public request form lets a data subject make a request online, next
// to the published privacy statement (it exists only while the statement
// is published). A request is valid by any route (art. 12(2)); this one
// records itself: the rights, who asks, what is asked, received now by web
// form. The answer shows the reference and the date we answer by; identity
// is checked afterwards by the privacy officer.

// Limits on the public form, as on the incident intake: an open form must
// not become a way to flood the administration.
const (
	publicRequestsPerOrg  = 30 // per organisation per hour
	publicRequestsPerAddr = 5  // per client address per hour
)

// publicMaxField caps each text of the public request form.
const publicMaxField = 5000

func (s *Server) publicRequestPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o, _, err := s.publishedStatement(r)
	if err != nil {
		return err
	}
	c.Lang = statementLang(r, c.Lang)
	return s.renderPublicRequest(w, r, c, o, &store.SubjectRequest{}, nil)
}

func (s *Server) renderPublicRequest(w http.ResponseWriter, r *http.Request, c *Ctx, o *org.Organisation, q *store.SubjectRequest, err error) error {
	rights := make([]option, len(request.Rights))
	for i, rt := range request.Rights {
		rights[i] = option{string(rt), request.Label(c.Lang, rt), slices.Contains(q.Rights, rt)}
	}
	data := map[string]any{"OrgName": o.Name, "Short": o.Short, "Q": q, "Rights": rights}
	w.Header().Set("Referrer-Policy", "no-referrer")
	if err != nil {
		return s.formError(w, r, c, "request_public", "Make a request about your personal data", data, err)
	}
	s.render(w, r, c, "request_public", "Make a request about your personal data", data)
	return nil
}

func (s *Server) publicRequestSubmit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	o, _, err := s.publishedStatement(r)
	if err != nil {
		return err
	}
	c.Lang = statementLang(r, c.Lang)
	addr, key := orgAddrKey(o.ID, s.clientAddr(r)), "request:"+incItoa(o.ID)
	byOrg, byAddr, err := s.Store.IntakeAttempts(r.Context(), key, addr, intakeWindow)
	if err != nil {
		return err
	}
	if byOrg >= publicRequestsPerOrg || byAddr >= publicRequestsPerAddr {
		w.Header().Set("Retry-After", "3600")
		return apperr.New(apperr.TooMany, "Too many requests from this address; try again in an hour or write to us.")
	}
	if err := s.Store.RecordIntakeAttempt(r.Context(), key, addr); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "The form could not be read.")
	}
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	q := &store.SubjectRequest{}
	q.Channel, q.ReceivedAt, q.Description = request.ByWebForm, s.Store.Now(), v("description")
	q.Requester = request.Requester{Name: v("name"), Email: v("email"), Phone: v("phone"), Address: v("address"), OnBehalfOf: v("on_behalf_of")}
	for _, rt := range r.PostForm["rights"] {
		q.Rights = append(q.Rights, request.Right(rt))
	}
	var errs apperr.List
	if len(q.Rights) == 0 {
		errs = append(errs, apperr.Invalidf("rights", "Choose at least one right."))
	}
	if q.Requester.Name == "" {
		errs = append(errs, apperr.Invalidf("name", "Give your name."))
	}
	if q.Requester.Email == "" && q.Requester.Phone == "" && q.Requester.Address == "" {
		errs = append(errs, apperr.Invalidf("email", "Leave an e-mail address, phone number or postal address so we can answer you."))
	}
	for _, f := range []string{q.Description, q.Requester.Name, q.Requester.Email, q.Requester.Phone, q.Requester.Address, q.Requester.OnBehalfOf} {
		if len(f) > publicMaxField {
			errs = append(errs, apperr.Invalidf("description", "The text is too long."))
			break
		}
	}
	if err := errs.Err(); err != nil {
		return s.renderPublicRequest(w, r, c, o, q, err)
	}
	ctx := audit.WithActor(r.Context(), audit.Actor{Name: "public request form"})
	if err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateRequest(ctx, o.ID, q); err != nil {
			return err
		}
		return queueNewRequestMail(ctx, tx, o, q)
	}); err != nil {
		return s.renderPublicRequest(w, r, c, o, q, err)
	}
	s.sendQueuedMail(r.Context())
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, c, "request_receipt", "Request received", map[string]any{"OrgName": o.Name, "Reference": q.Reference, "Due": q.DueAt})
	return nil
}

// queueNewRequestMail tells the privacy officers, each in their language,
// that a request came in through the public form; the mail holds no
// content, and is queued with the request so neither goes without the
// other.
func queueNewRequestMail(ctx context.Context, tx *store.Tx, o *org.Organisation, q *store.SubjectRequest) error {
	officers, err := tx.PrivacyOfficers(ctx, o.ID)
	if err != nil {
		return err
	}
	due := q.DueAt.In(deadline.Amsterdam).Format("02-01-2006")
	for lang, to := range officers {
		m := store.OutMail{Kind: store.MailRequestReceived, To: to, Lang: lang, Subject: i18n.T(lang, "New request %s through the website", q.Reference),
			Body:     i18n.T(lang, "A data subject made a request to %s through the public form (%s). It must be answered by %s; check who is asking first.", o.Name, q.Reference, due) + "\n\n",
			LinkPath: "/o/" + o.Short + "/requests/" + incItoa(q.ID)}
		if err := tx.QueueMail(ctx, o.ID, m); err != nil {
			return err
		}
	}
	return nil
}
