package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/incident"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// Limits on an intake link: a report form for people without an account
// must not become a way to flood the register.
const (
	intakeWindow  = time.Hour
	intakePerLink = 20 // reports per link per hour
	intakePerAddr = 5  // reports per client address per hour
)

// sendQueuedMail sends the mail a change queued (a new incident's notice
// to the privacy officers) right after its commit; what fails stays
// queued for the job loop.
func (s *Server) sendQueuedMail(ctx context.Context) {
	if _, err := s.Store.SendQueuedMail(ctx, s.Mail, s.Config.BaseURL); err != nil {
		s.Log.ErrorContext(ctx, "queued mail", "err", err)
	}
}

func incItoa(n int64) string { return strconv.FormatInt(n, 10) }

// intakeLink resolves the token of the path; unknown and revoked links
// answer 404 and write nothing.
func (s *Server) intakeLink(r *http.Request) (*store.IntakeLink, *org.Organisation, error) {
	l, err := s.Store.IntakeLinkByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		return nil, nil, err
	}
	o, err := s.Store.Org(r.Context(), l.OrgID)
	if err != nil {
		return nil, nil, apperr.NotFoundf("page not found")
	}
	return l, o, nil
}

func (s *Server) intakePage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	_, o, err := s.intakeLink(r)
	if err != nil {
		return err
	}
	i := &store.Incident{}
	i.DiscoveredAt = s.Store.Now()
	return s.renderIntake(w, r, c, o, i, nil)
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, c *Ctx, o *org.Organisation, i *store.Incident, err error) error {
	// Only the organisation's name is shown: the link reveals nothing else.
	data := map[string]any{"OrgName": o.Name, "I": i, "C": incFormChoices(c.Lang, i, nil), "Token": r.PathValue("token"),
		"Discovered": typed(r, "discovered_at", incLocalInput(&i.DiscoveredAt)), "Started": typed(r, "started_at", incLocalInput(i.StartedAt))}
	w.Header().Set("Referrer-Policy", "no-referrer")
	if err != nil {
		return s.formError(w, r, c, "intake", "Report a security incident", data, err)
	}
	s.render(w, r, c, "intake", "Report a security incident", data)
	return nil
}

// orgAddrKey is the per-address counter of an organisation's public forms
// (request form, intake links): counted per organisation, so posts to one
// organisation's form do not shut another's for the same address, as
// they did when the counter was shared.
func orgAddrKey(orgID int64, addr string) string { return "org:" + incItoa(orgID) + " " + addr }

// intakeSubmit creates a report from the intake link and answers with the
// receipt (the dossier number) only.
func (s *Server) intakeSubmit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	l, o, err := s.intakeLink(r)
	if err != nil {
		return err
	}
	addr := orgAddrKey(o.ID, s.clientAddr(r))
	key := "link:" + incItoa(l.ID)
	byLink, byAddr, err := s.Store.IntakeAttempts(r.Context(), key, addr, intakeWindow)
	if err != nil {
		return err
	}
	if byLink >= intakePerLink || byAddr >= intakePerAddr {
		w.Header().Set("Retry-After", "3600")
		return apperr.New(apperr.TooMany, "Too many reports from this link or address; try again in an hour or call the privacy officer.")
	}
	if err := s.Store.RecordIntakeAttempt(r.Context(), key, addr); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "The form could not be read.")
	}
	f := newForm(r)
	rep := f.readReport()
	door := incident.Door{Source: store.SourceIntake, Anonymous: true}
	if err := f.errs.Err(); err != nil {
		return s.renderIntake(w, r, c, o, reportCase(rep, door), err)
	}
	ctx := audit.WithActor(r.Context(), audit.Actor{Name: "intake link " + l.Prefix + "… (" + l.Label + ")"})
	var i *store.Incident
	if err := s.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		i, err = tx.ReportIncident(ctx, o, rep, door, 0)
		return err
	}); err != nil {
		return s.renderIntake(w, r, c, o, reportCase(rep, door), err)
	}
	s.sendQueuedMail(r.Context())
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, c, "intake_receipt", "Report received", map[string]any{"Receipt": i.Dossier, "OrgName": o.Name})
	return nil
}

func (s *Server) intakeLinksPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderIntakeLinks(w, r, c, map[string]any{})
}

func (s *Server) renderIntakeLinks(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any) error {
	links, err := s.Store.IntakeLinks(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	data["Links"], data["Base"] = links, strings.TrimSuffix(s.Config.BaseURL, "/")
	if _, ok := data["Errors"]; ok {
		w.WriteHeader(http.StatusBadRequest)
	}
	s.render(w, r, c, "intake_links", "Intake links", data)
	return nil
}

func (s *Server) intakeLinkCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	var token string
	err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		token, _, err = tx.CreateIntakeLink(r.Context(), c.Org.ID, r.PostFormValue("label"))
		return
	})
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		return s.renderIntakeLinks(w, r, c, map[string]any{"Errors": messages(c, err)})
	}
	return s.renderIntakeLinks(w, r, c, map[string]any{"NewToken": token})
}

func (s *Server) intakeLinkRevoke(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "link")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.RevokeIntakeLink(r.Context(), c.Org.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/incidents/intake", "saved")
	return nil
}
