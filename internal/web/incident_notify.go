package web

import (
	"io"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/incident"
	"privacyregister/internal/report"
	"privacyregister/internal/store"
)

// incMaxConfirmation caps the AP's confirmation attached to a notification.
const incMaxConfirmation = 5 << 20

// incidentNotifyAP records a notification to the AP (the first one or a
// follow-up), with the AP's reference and, optionally, its confirmation.
func (s *Server) incidentNotifyAP(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(s.Config.MaxUpload); err != nil {
			return s.incidentFail(w, r, c, i.ID, apperr.Invalidf("confirmation", "The upload could not be read."))
		}
	} else if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "The form could not be read.")
	}
	f := newForm(r)
	n := &store.AuthorityNotification{Kind: f.str("kind"), Reference: f.str("reference"), Note: f.str("note")}
	if t := f.when("sent_at"); t != nil {
		n.SentAt = *t
	}
	if r.MultipartForm != nil {
		if fh := r.MultipartForm.File["confirmation"]; len(fh) > 0 {
			if fh[0].Size > incMaxConfirmation {
				f.errs = append(f.errs, apperr.Invalidf("confirmation", "The file is larger than %d MB.", incMaxConfirmation>>20))
			} else if file, err := fh[0].Open(); err == nil {
				n.File, _ = io.ReadAll(io.LimitReader(file, incMaxConfirmation))
				file.Close()
				n.FileName, n.FileType = fh[0].Filename, fh[0].Header.Get("Content-Type")
			}
		}
	}
	if err := f.errs.Err(); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.NotifyAuthority(r.Context(), c.Org, c.Lang, i.ID, n, f.str("late_reason"))
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

// loadNotification reads the case and the id of one of its notifications.
func (s *Server) loadNotification(r *http.Request, c *Ctx) (*store.Incident, int64, error) {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return nil, 0, err
	}
	nid, err := pathID(r, "n")
	return i, nid, err
}

func (s *Server) incidentNotificationFile(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, nid, err := s.loadNotification(r, c)
	if err != nil {
		return err
	}
	n, err := s.Store.NotificationFile(r.Context(), c.Org.ID, i.ID, nid)
	if err != nil {
		return err
	}
	// Always a download, never rendered: the file came from outside.
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="`+incSafeFileName(n.FileName)+`"`)
	_, err = w.Write(n.File)
	return err
}

func incSafeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 32 || r == '"' || r == '\\' || r == '/' {
			return '_'
		}
		return r
	}, s)
}

// incidentSubjects records how and when the people concerned were told.
func (s *Server) incidentSubjects(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	f := newForm(r)
	in := incident.Informing{Informed: incident.Informed(f.str("subjects_informed")), At: f.when("subjects_informed_at"), How: f.str("subjects_how"),
		WhyNot: f.str("subjects_why_not"), Public: f.check("public_communication"), Advice: f.str("advice_to_subjects")}
	if err := f.errs.Err(); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.RecordInforming(r.Context(), c.Org.ID, i.ID, in)
		return err
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

// incidentAddController records a controller to tell (the organisation is
// the processor). The hours come from the agreement; "without delay"
// uses the target the organisation sets.
func (s *Server) incidentAddController(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	f := newForm(r)
	ct := &store.AffectedController{Name: f.str("controller_name"), TargetHours: f.num("target_hours")}
	if f.str("contract_hours") != "" {
		h := f.num("contract_hours")
		ct.ContractHours = &h
	}
	if err := f.errs.Err(); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.AddAffectedController(r.Context(), c.Org.ID, i.ID, ct) }); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

func (s *Server) incidentControllerNotified(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	cid, err := pathID(r, "ctl")
	if err != nil {
		return err
	}
	f := newForm(r)
	at := f.when("notified_at")
	if err := f.errs.Err(); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	if at == nil {
		at = incPtr(s.Store.Now())
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.MarkControllerNotified(r.Context(), c.Org.ID, i.ID, cid, *at)
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	redirectFlash(w, r, incidentURL(c, i.ID), "saved")
	return nil
}

// incidentTextKinds are the texts a case can produce.
var incidentTextKinds = map[string]string{
	"authority":  "Notification to the AP",
	"subjects":   "Letter to the people concerned",
	"controller": "Notice to the controller",
}

// incidentText shows a text to copy (the AP's online form has no API).
func (s *Server) incidentText(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	kind := r.PathValue("kind")
	text, ok := incident.Text(kind, r.URL.Query().Get("notice"), i.Incident, incident.OrgInfoOf(c.Org), c.Lang)
	if !ok {
		return apperr.NotFoundf("page not found")
	}
	var notices []string // the follow-ups to choose from, once the AP was notified
	if kind == "authority" && i.NotifiedAuthorityAt != nil {
		notices = incident.NoticeKinds[1:]
	}
	return s.writeIncidentText(w, r, c, i, text, c.T(incidentTextKinds[kind]), kind, map[string]any{"Notices": notices, "NoticeLabels": incNotifyKinds})
}

// incidentNotificationText shows a notification to the AP as it was sent.
func (s *Server) incidentNotificationText(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, nid, err := s.loadNotification(r, c)
	if err != nil {
		return err
	}
	n, err := s.Store.NotificationText(r.Context(), c.Org.ID, i.ID, nid)
	if err != nil {
		return err
	}
	text := n.Text
	if text == "" {
		text = c.T("This notification was recorded before the program kept the text as sent.")
	}
	title := c.T("Notification to the AP") + " · " + c.T(incNotifyKinds[n.Kind]) + " · " + n.SentAt.In(Amsterdam).Format("02-01-2006 15:04")
	return s.writeIncidentText(w, r, c, i, text, title, "notification-"+strconv.FormatInt(n.ID, 10), map[string]any{"Sent": true})
}

// writeIncidentText writes a text of a case as a page, as plain text
// (?format=txt) or as PDF (?format=pdf); page adds to the page's data.
func (s *Server) writeIncidentText(w http.ResponseWriter, r *http.Request, c *Ctx, i *store.Incident, text, title, kind string, page map[string]any) error {
	name := "incident-" + i.Dossier + "-" + kind
	switch r.URL.Query().Get("format") {
	case "txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.txt"`)
		_, err := io.WriteString(w, text)
		return err
	case "pdf":
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.pdf"`)
		return report.WriteTextPDF(w, c.Org.Name, title+" - "+i.Dossier, text)
	}
	data := map[string]any{"I": i, "Text": text, "Kind": kind, "TextTitle": title, "Kinds": []string{"authority", "subjects", "controller"},
		"KindLabels": incidentTextKinds, "ID": strconv.FormatInt(i.ID, 10)}
	maps.Copy(data, page)
	s.render(w, r, c, "incident_text", "Incident", data)
	return nil
}

// incidentNotifyControllers tells every controller not yet told: a case
// in its organisation when it follows this processor's profile here, else
// a mail to its agreement's contacts (store.NotifyControllers).
func (s *Server) incidentNotifyControllers(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	i, err := s.loadIncident(r, c)
	if err != nil {
		return err
	}
	var told []store.ControllerNotice
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		told, err = tx.NotifyControllers(r.Context(), c.Org, i.ID, c.Lang)
		return err
	}); err != nil {
		return s.incidentFail(w, r, c, i.ID, err)
	}
	flash := "controllers-notified"
	for _, t := range told {
		if t.How == store.NotTold {
			flash = "controllers-some-untold"
		}
	}
	redirectFlash(w, r, incidentURL(c, i.ID), flash)
	return nil
}

func init() {
	flashes["controllers-notified"] = "The controllers were told: those following your profile here have the case in their own organisation, the others were mailed."
	flashes["controllers-some-untold"] = "Not every controller could be told: one has no organisation here and no e-mail address in its agreement. Tell it yourself and mark it as notified."
}
