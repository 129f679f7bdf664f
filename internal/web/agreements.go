package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

func agURL(c *Ctx, id int64) string { return fmt.Sprintf("/o/%s/agreements/%d", c.Org.Short, id) }

type agRow struct {
	A        agreement.Agreement
	Warnings int
}

func (s *Server) agreementList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ctx := r.Context()
	status := r.URL.Query().Get("status")
	list, err := s.Store.Agreements(ctx, c.Org.ID, store.AgreementFilter{Status: status})
	if err != nil {
		return err
	}
	now := s.Store.Now()
	rows := make([]agRow, len(list))
	for i := range list {
		ws := agreement.Warnings(&list[i], nil, nil, now)
		rows[i] = agRow{A: list[i], Warnings: len(ws)}
	}
	unlinked, err := s.Store.UnlinkedProcessorWarnings(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	procs, which, err := s.processorList(r, c)
	if err != nil {
		return err
	}
	s.render(w, r, c, "agreement_list", "Agreements", map[string]any{"Rows": rows, "F": agFmt{}, "Status": status,
		"Statuses": agreement.Statuses, "Unlinked": agWarnings(c, unlinked), "CanEdit": c.Can(org.EditAdministration),
		"Processors": procs, "ProcessorsShown": which})
	return nil
}

// processorList is the register's processors ?processors=all or
// =uncovered asks for (register.Processors, register.Uncovered: the rule
// the dashboard counts with), and which of the two it is.
func (s *Server) processorList(r *http.Request, c *Ctx) ([]register.Processor, string, error) {
	which := r.URL.Query().Get("processors")
	if which != "all" && which != "uncovered" {
		return nil, "", nil
	}
	facts, err := s.Store.RegisterFacts(r.Context(), c.Org.ID, store.ActivityFilter{})
	if err != nil {
		return nil, "", err
	}
	ps := register.Processors(facts)
	if which == "uncovered" {
		ps = register.Uncovered(ps)
	}
	return ps, which, nil
}

// measureOptions lists the organisation's measures catalogue as choices,
// the chosen ones checked, so annex 2 names the same measures as the
// register (arts. 28(3)(c) and 32).
func (s *Server) measureOptions(r *http.Request, c *Ctx, chosen []int64) ([]option, error) {
	ms, err := s.Store.Measures(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	opts := make([]option, len(ms))
	for i, m := range ms {
		opts[i] = option{strconv.FormatInt(m.ID, 10), m.Name, slices.Contains(chosen, m.ID)}
	}
	return opts, nil
}

// agreementFormData is what the form needs besides the agreement.
func (s *Server) agreementFormData(r *http.Request, c *Ctx, a *agreement.Agreement) (map[string]any, error) {
	parties, err := s.Store.Parties(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	measures, err := s.measureOptions(r, c, a.MeasureIDs)
	if err != nil {
		return nil, err
	}
	view := *a
	view.Terms.Subprocessors.Named = agPad(a.Terms.Subprocessors.Named, 3)
	view.Annex1 = agPad(a.Annex1, 2)
	view.Signatories = agPad(a.Signatories, 2)
	view.StaffGroups = agPad(a.StaffGroups, 2)
	return map[string]any{"A": &view, "F": agFmt{}, "Parties": parties, "Measures": measures, "Roles": agreement.Roles, "Types": agreement.Types,
		"Statuses": agreement.Statuses, "Regimes": agreement.Regimes(), "Locations": agreement.DataLocations(),
		"Costs": agreement.AuditCosts(), "Ends": agreement.EndsOfContract(), "Letters": contract.Art28Letters, "Langs": []string{"nl", "en"}, "Laws": []string{"avg", "wbp"},
		"FlagOwn": contract.FlagOwnPurposes, "FlagUnilateral": contract.FlagUnilateral, "FlagOutside": contract.FlagOutsideEEA, "FlagWbp": contract.FlagWbp}, nil
}

func (s *Server) agreementNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a := &agreement.Agreement{Terms: agreement.NewTerms(), Status: agreement.StatusNone}
	if p := r.URL.Query().Get("party"); p != "" {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			a.PartyID = &id
		}
	}
	data, err := s.agreementFormData(r, c, a)
	if err != nil {
		return err
	}
	s.render(w, r, c, "agreement_form", "New agreement", data)
	return nil
}

func (s *Server) agreementCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "could not be read")
	}
	a := &agreement.Agreement{OrgID: c.Org.ID, Terms: agreement.NewTerms()}
	formErr := agreementFromForm(r, a)
	var attID int64
	if v := r.PostFormValue("attachment_id"); v != "" {
		attID, _ = strconv.ParseInt(v, 10, 64)
	}
	err := formErr
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			if err := tx.CreateAgreement(r.Context(), a); err != nil {
				return err
			}
			if attID > 0 {
				return tx.AttachToAgreement(r.Context(), c.Org.ID, attID, a.ID)
			}
			return nil
		})
	}
	if err != nil {
		data, derr := s.agreementFormData(r, c, a)
		if derr != nil {
			return derr
		}
		data["AttachmentID"] = attID
		return s.formError(w, r, c, "agreement_form", "New agreement", data, err)
	}
	redirectFlash(w, r, agURL(c, a.ID), "created")
	return nil
}

func (s *Server) loadAgreement(r *http.Request, c *Ctx) (*agreement.Agreement, error) {
	id, err := pathID(r, "agreement")
	if err != nil {
		return nil, err
	}
	return s.Store.Agreement(r.Context(), c.Org.ID, id)
}

func (s *Server) agreementDetail(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	return s.renderAgreementDetail(w, r, c, a, nil)
}

// renderAgreementDetail shows the agreement; formErr, when not nil, is
// why a form on the page was refused: the page is shown again with the
// form as typed and the messages at its fields.
func (s *Server) renderAgreementDetail(w http.ResponseWriter, r *http.Request, c *Ctx, a *agreement.Agreement, formErr error) error {
	ctx := r.Context()
	var party *agreement.Party
	var err error
	if a.PartyID != nil {
		if party, err = s.Store.Party(ctx, c.Org.ID, *a.PartyID); err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
	}
	linked, err := s.Store.LinkedActivities(ctx, c.Org.ID, a.ID)
	if err != nil {
		return err
	}
	choices, err := s.Store.ActivityChoices(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	files, err := s.Store.Attachments(ctx, c.Org.ID, a.ID)
	if err != nil {
		return err
	}
	notices, err := s.Store.Notices(ctx, c.Org.ID, a.ID)
	if err != nil {
		return err
	}
	reviews, err := s.Store.Reviews(ctx, c.Org.ID, a.ID, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	others, err := s.Store.Agreements(ctx, c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	month, err := s.Store.AgreementReviewMonth(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	measures, err := s.measureOptions(r, c, a.MeasureIDs)
	if err != nil {
		return err
	}
	var measureNames []string
	for _, m := range measures {
		if m.Checked {
			measureNames = append(measureNames, m.Label)
		}
	}
	next := agreement.NextReview(a.LastReviewedAt, a.CreatedAt, month)
	audits, err := s.agreementAuditSection(ctx, c, a)
	if err != nil {
		return err
	}
	trail, err := s.history(ctx, c, "agreement", a.ID)
	if err != nil {
		return err
	}
	link, proposals, err := s.agreementProfile(ctx, c, a, party)
	if err != nil {
		return err
	}
	data := map[string]any{"A": a, "Link": link, "Proposals": proposals, "Trail": trail, "Party": party, "F": agFmt{}, "Measures": measureNames,
		"Warnings": agWarnings(c, agreement.Warnings(a, party, linked, s.Store.Now())), "Linked": linked, "Choices": choices,
		"Files": files, "Notices": notices, "Reviews": reviews, "Others": others, "Letters": contract.Art28Letters,
		"NextReview": next, "Decisions": agreement.Decisions, "Conclusions": agreement.Conclusions, "Audits": audits,
		"CanEdit": c.Can(org.EditAdministration), "Now": s.Store.Now(),
		"Tabs": pageTabs(r, agURL(c, a.ID), "overview", "Overview", "terms", "Terms", "subprocessors", "Sub-processors",
			"annexes", "Annexes", "reviews", "Reviews and audits", "files", "Files", "history", "History")}
	if formErr != nil {
		return s.formError(w, r, c, "agreement_detail", a.Title, data, formErr)
	}
	s.render(w, r, c, "agreement_detail", a.Title, data)
	return nil
}

func (s *Server) agreementEdit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	data, err := s.agreementFormData(r, c, a)
	if err != nil {
		return err
	}
	s.render(w, r, c, "agreement_form", "Edit agreement", data)
	return nil
}

func (s *Server) agreementSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("form", "could not be read")
	}
	err = agreementFromForm(r, a)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateAgreement(r.Context(), a) })
	}
	if err != nil {
		data, derr := s.agreementFormData(r, c, a)
		if derr != nil {
			return derr
		}
		return s.formError(w, r, c, "agreement_form", "Edit agreement", data, err)
	}
	redirectFlash(w, r, agURL(c, a.ID), "saved")
	return nil
}

func (s *Server) agreementDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteAgreement(r.Context(), c.Org.ID, a.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/agreements", "deleted")
	return nil
}

// agUpload reads the one file of a multipart form.
func (s *Server) agUpload(r *http.Request) (string, []byte, error) {
	if err := r.ParseMultipartForm(s.Config.MaxUpload); err != nil {
		return "", nil, apperr.Wrap(err, apperr.Invalid, "the upload could not be read")
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return "", nil, apperr.Invalidf("file", "choose a file")
	}
	defer f.Close()
	data := make([]byte, 0, h.Size)
	buf := make([]byte, 32<<10)
	for {
		n, err := f.Read(buf)
		data = append(data, buf[:n]...)
		if int64(len(data)) > s.Config.MaxUpload {
			return "", nil, apperr.New(apperr.TooLarge, "the file is larger than %d MB", s.Config.MaxUpload>>20)
		}
		if err != nil {
			break
		}
	}
	return h.Filename, data, nil
}

func (s *Server) agreementUpload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	name, data, err := s.agUpload(r)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			_, err := tx.AddAttachment(r.Context(), c.Org.ID, &a.ID, name, data, s.Config.MaxUpload)
			return err
		})
	}
	if err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "saved")
	return nil
}

func (s *Server) agreementFileDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	id, err := pathID(r, "attachment")
	if err != nil {
		return err
	}
	at, err := s.Store.Attachment(r.Context(), c.Org.ID, id)
	if err != nil {
		return err
	}
	if at.AgreementID == nil || *at.AgreementID != a.ID {
		return apperr.NotFoundf("file not found")
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteAttachment(r.Context(), c.Org.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "deleted")
	return nil
}

// attachmentDownload sends a stored file as a download, never rendered in
// our origin (an HTML or PDF file could carry script).
func (s *Server) attachmentDownload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "attachment")
	if err != nil {
		return err
	}
	at, err := s.Store.Attachment(r.Context(), c.Org.ID, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", at.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", at.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.FormatInt(at.Size, 10))
	_, _ = w.Write(at.Content)
	return nil
}

func (s *Server) agreementLink(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	act, err := strconv.ParseInt(r.PostFormValue("activity_id"), 10, 64)
	if err != nil {
		return apperr.Invalidf("activity_id", "choose an activity")
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.LinkActivity(r.Context(), c.Org.ID, a.ID, act) }); err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "saved")
	return nil
}

func (s *Server) agreementUnlink(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	act, err := pathID(r, "activity")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UnlinkActivity(r.Context(), c.Org.ID, a.ID, act) }); err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "deleted")
	return nil
}

func (s *Server) agreementNotice(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	f := newForm(r)
	n := &agreement.Notice{OrgID: c.Org.ID, AgreementID: a.ID, Subprocessor: f.str("subprocessor"), Replaces: f.str("replaces"),
		Country: f.str("country"), Service: f.str("service"), Note: f.str("note")}
	if d := f.date("notice_date"); d != nil {
		n.NoticeDate = *d
	}
	if d := f.date("deadline"); d != nil {
		n.Deadline = *d
	}
	err = f.err()
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateNotice(r.Context(), n) })
	}
	if apperr.Is(err, apperr.Invalid) || len(errorList(err)) > 0 {
		return s.renderAgreementDetail(w, r, c, a, err)
	}
	if err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "created")
	return nil
}

func (s *Server) agreementDecide(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	id, err := pathID(r, "notice")
	if err != nil {
		return err
	}
	n, err := s.Store.Notice(r.Context(), c.Org.ID, id)
	if err != nil {
		return err
	}
	if n.AgreementID != a.ID {
		return apperr.NotFoundf("notice not found")
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.DecideNotice(r.Context(), c.Org.ID, id, r.PostFormValue("decision"), r.PostFormValue("note"), c.User.Email)
	}); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			return s.renderAgreementDetail(w, r, c, a, err)
		}
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "saved")
	return nil
}

func (s *Server) agreementReview(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	rv := &agreement.Review{OrgID: c.Org.ID, AgreementID: a.ID, Reviewer: c.User.Email,
		Conclusion: r.PostFormValue("conclusion"), Note: r.PostFormValue("note")}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.AddReview(r.Context(), rv) }); err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "reviewed")
	return nil
}

func (s *Server) agreementCompare(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ctx := r.Context()
	all, err := s.Store.Agreements(ctx, c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	data := map[string]any{"All": all}
	q := r.URL.Query()
	if q.Get("a") != "" && q.Get("b") != "" {
		ia, err1 := strconv.ParseInt(q.Get("a"), 10, 64)
		ib, err2 := strconv.ParseInt(q.Get("b"), 10, 64)
		if err1 != nil || err2 != nil {
			return apperr.NotFoundf("agreement not found")
		}
		left, err := s.Store.Agreement(ctx, c.Org.ID, ia)
		if err != nil {
			return err
		}
		right, err := s.Store.Agreement(ctx, c.Org.ID, ib)
		if err != nil {
			return err
		}
		data["Left"], data["Right"], data["Rows"] = left, right, agreement.Compare(left.Terms, right.Terms)
	}
	s.render(w, r, c, "agreement_compare", "Compare agreements", data)
	return nil
}

func (s *Server) agreementProcessorView(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	all, err := s.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	var mine []agreement.Agreement
	for _, a := range all {
		if a.OurRole == agreement.RoleProcessor {
			mine = append(mine, a)
		}
	}
	s.render(w, r, c, "agreement_processor", "As processor", map[string]any{"Agreements": mine, "F": agFmt{},
		"Strictest": agreement.StrictestTerms(mine)})
	return nil
}

func (s *Server) agreementReviewOverview(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ctx := r.Context()
	year := s.Store.Now().In(Amsterdam).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1990 && y < 3000 {
		year = y
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, Amsterdam)
	reviews, err := s.Store.Reviews(ctx, c.Org.ID, 0, from, from.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	all, err := s.Store.Agreements(ctx, c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, a := range all {
		titles[a.ID] = a.Title
	}
	month, err := s.Store.AgreementReviewMonth(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("format") == "csv" {
		return agReviewCSV(w, c, year, reviews, titles)
	}
	s.render(w, r, c, "agreement_reviews", "Agreement reviews", map[string]any{"Year": year, "Reviews": reviews, "Titles": titles,
		"Month": month, "CanEdit": c.Can(org.EditAdministration)})
	return nil
}

func (s *Server) agreementReviewMonth(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	m, err := strconv.Atoi(r.PostFormValue("review_month"))
	if err != nil {
		return apperr.Invalidf("review_month", "must be a month from 1 to 12")
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.SetAgreementReviewMonth(r.Context(), c.Org.ID, m) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/agreements/reviews", "saved")
	return nil
}
