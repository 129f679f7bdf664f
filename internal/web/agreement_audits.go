package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/deadline"
	"privacyregister/internal/store"
)

// Audits of processor agreements: the record of audits held and, from the
// contract's audit frequency, when the next one is due.

// auditKindLabels are the message ids of the kinds of audit.
var auditKindLabels = map[string]string{
	agreement.AuditOnSite:             "on-site audit",
	agreement.AuditQuestionnaire:      "questionnaire",
	agreement.AuditReportReview:       "report read (TPM, ISAE 3402, SOC 2)",
	agreement.AuditCertificationCheck: "certification check",
}

// auditSection is the "Audits" section of the agreement page.
type auditSection struct {
	Rows    []auditRow
	Every   string     // the agreed frequency in months; "" when none is agreed
	Next    *time.Time // when the next audit is due; nil without a frequency
	Overdue bool
	Kinds   []option
	Today   string // yyyy-mm-dd: the form refuses later dates
}

type auditRow struct {
	agreement.AgreementAudit
	KindLabel       string
	FollowUpOverdue bool
}

// agreementAuditSection gathers the audits of a and the next one due.
func (s *Server) agreementAuditSection(ctx context.Context, c *Ctx, a *agreement.Agreement) (*auditSection, error) {
	list, err := s.Store.Audits(ctx, c.Org.ID, a.ID)
	if err != nil {
		return nil, err
	}
	now := s.Store.Now()
	sec := &auditSection{Today: now.In(Amsterdam).Format("2006-01-02")}
	var last *time.Time
	for _, au := range list {
		if last == nil || au.HeldOn.After(*last) {
			held := au.HeldOn
			last = &held
		}
		sec.Rows = append(sec.Rows, auditRow{AgreementAudit: au, KindLabel: auditKindLabels[au.Kind],
			FollowUpOverdue: followUpOpen(au) && now.After(followUpDue(au))})
	}
	if f := a.Terms.Audit.FrequencyMonths; f != nil && *f > 0 {
		sec.Every = strconv.Itoa(*f)
	}
	if sec.Next = agreement.NextAudit(a.Terms.Audit.FrequencyMonths, last, agreement.AuditStart(a)); sec.Next != nil {
		sec.Overdue = now.After(*sec.Next)
	}
	for _, k := range agreement.AuditKinds {
		sec.Kinds = append(sec.Kinds, option{Value: k, Label: auditKindLabels[k]})
	}
	return sec, nil
}

// followUpOpen reports whether an audit has a follow-up still to do by a date.
func followUpOpen(a agreement.AgreementAudit) bool { return !a.Closed && a.FollowUpDue != nil }

// followUpDue is the end of the follow-up's due day in Amsterdam.
func followUpDue(a agreement.AgreementAudit) time.Time {
	return deadline.EndOfDay(a.FollowUpDue.In(Amsterdam))
}

func (s *Server) agreementAuditAdd(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	f := newForm(r)
	au := &agreement.AgreementAudit{OrgID: c.Org.ID, AgreementID: a.ID, Kind: f.str("kind"), Auditor: f.str("auditor"),
		Findings: f.str("findings"), FollowUp: f.str("follow_up"), FollowUpDue: f.date("follow_up_due"), Closed: f.check("closed")}
	if d := f.date("held_on"); d != nil {
		au.HeldOn = *d
	}
	err = f.err()
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.AddAudit(r.Context(), au) })
	}
	if err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), "audit-recorded")
	return nil
}

func (s *Server) agreementAuditClose(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.agreementAuditChange(w, r, c, "saved", (*store.Tx).CloseAuditFollowUp)
}

func (s *Server) agreementAuditDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.agreementAuditChange(w, r, c, "deleted", (*store.Tx).DeleteAudit)
}

// agreementAuditChange applies change to the audit in the path; it must
// be one of the agreement in the path.
func (s *Server) agreementAuditChange(w http.ResponseWriter, r *http.Request, c *Ctx, flash string,
	change func(tx *store.Tx, ctx context.Context, orgID, agreementID, id int64) error) error {
	a, err := s.loadAgreement(r, c)
	if err != nil {
		return err
	}
	id, err := pathID(r, "audit")
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return change(tx, r.Context(), c.Org.ID, a.ID, id) }); err != nil {
		return err
	}
	redirectFlash(w, r, agURL(c, a.ID), flash)
	return nil
}
