package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The activity form. Lists (purposes, data categories, processors,
// transfers, joint controllers) are rows of inputs with the same names;
// the form shows the existing rows plus empty ones to add to. Simple
// lists are text areas, one item per line.

// regBlankRows is how many empty rows each list offers for additions.
const regBlankRows = 2

// regFieldLabels name the fields of an activity for messages (English ids).
var regFieldLabels = map[string]string{
	"name": "Name", "code": "Number", "department": "Department", "domain": "Domain", "owner": "Owner",
	"contact": "Contact person", "status": "Status", "description": "Description", "purposes": "Purposes",
	"lawful_basis": "lawful basis", "special_exception": "exception (art. 9(2))", "description_": "description",
	"subject_categories": "Categories of data subjects", "data_categories": "Categories of personal data",
	"kind": "kind", "retention": "Retention period", "amount": "amount", "unit": "unit",
	"cleanup_moment": "Clean-up moment", "systems": "Systems", "processors": "Processors", "agreement_status": "agreement status",
	"recipients": "Recipients", "transfers": "Transfers outside the EEA", "country": "country", "safeguard": "safeguard",
	"measure_ids": "Security measures", "risk_analysis_done": "Risk analysis done", "dpia_needed": "DPIA needed",
	"dpia_ref": "DPIA reference", "consent_records": "Consent records", "joint_controllers": "Joint controllers",
	"arrangement": "arrangement", "opt_in_mail": "Opt-in mail", "in_eu": "In the EU", "next_review_at": "Next review",
	"extra": "Other columns", "review_months": "Review period (months)", "last_reviewed_at": "Last reviewed",
	"last_reviewed_by": "Reviewed by", "occasional": "Occasional", "updated_at": "Changed", "created_at": "Created",
	"controller_name": "Controller", "controller_contact": "Contact details of the controller",
	"processing_categories": "Categories of processing", "file": "File", "mapping": "Column mapping",
}

var regFieldPathRE = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$`)

// fieldLabel turns "purposes[1].lawful_basis" into "Purposes, row 2:
// lawful basis" in lang; other fields (an import's "row 7, column X") are
// translated as they are.
func regFieldLabel(lang, path string) string {
	if l, ok := regFieldLabelOK(lang, path); ok {
		return l
	}
	return i18n.T(lang, path)
}

// regFieldLabelOK is the label of an activity's field path, false when the
// path names no field of the form.
func regFieldLabelOK(lang, path string) (string, bool) {
	m := regFieldPathRE.FindStringSubmatch(path)
	if m == nil {
		return "", false
	}
	l, ok := regFieldLabels[m[1]]
	if !ok {
		return "", false
	}
	s := i18n.T(lang, l)
	if m[2] != "" {
		n, _ := strconv.Atoi(m[2])
		s = i18n.T(lang, "%s, row %d", s, n+1)
	}
	if m[3] != "" {
		sub := m[3]
		if sub == "description" {
			sub = "description_"
		}
		if sl, ok := regFieldLabels[sub]; ok {
			s += ": " + i18n.T(lang, sl)
		} else {
			s += ": " + sub
		}
	}
	return s, true
}

// regMessages are the messages of err with the fields named in words.
func regMessages(c *Ctx, err error) []string {
	var list apperr.List
	var one *apperr.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = apperr.List{one}
	default:
		return messages(c, err)
	}
	out := make([]string, len(list))
	for i, e := range list {
		msg := c.T(e.Msg, e.Args...)
		if e.Field != "" {
			msg = regFieldLabel(c.Lang, e.Field) + ": " + msg
		}
		out[i] = msg
	}
	return out
}

func regLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// at returns vs[i] trimmed, or "".
func regAt(vs []string, i int) string {
	if i < len(vs) {
		return strings.TrimSpace(vs[i])
	}
	return ""
}

// parseActivityForm fills a (the activity being edited, or a new one) from
// the posted form. What the form does not show (the import's other
// columns are shown as "Header: value" lines) is kept.
func parseActivityForm(r *http.Request, a *register.Activity) apperr.List {
	var errs apperr.List
	f := r.PostForm
	v := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	if ver := v("version"); ver != "" {
		t, err := time.Parse(time.RFC3339Nano, ver)
		if err != nil {
			errs = append(errs, apperr.Invalidf("version", "The form could not be read."))
		}
		a.UpdatedAt = t // the version the form was opened on: see store.UpdateActivity
	}
	a.Name, a.Code, a.Department, a.Domain = v("name"), v("code"), v("department"), v("domain")
	a.Owner, a.Contact, a.Description = v("owner"), v("contact"), v("description")
	if st := register.Status(v("status")); st != "" {
		a.Status = st
	}
	a.Purposes = nil
	for i, d := range f["p_desc"] {
		p := register.Purpose{Description: strings.TrimSpace(d), LawfulBasis: register.LawfulBasis(regAt(f["p_basis"], i)), SpecialException: register.SpecialException(regAt(f["p_exc"], i))}
		if p != (register.Purpose{}) {
			a.Purposes = append(a.Purposes, p)
		}
	}
	a.SubjectCategories = regLines(f.Get("subjects"))
	a.DataCategories = nil
	for i, n := range f["d_name"] {
		d := register.DataCategory{Name: strings.TrimSpace(n), Kind: register.DataKind(regAt(f["d_kind"], i)), Retention: register.ParseRetention(regAt(f["d_ret"], i))}
		if d.Name != "" || !d.Retention.IsZero() {
			a.DataCategories = append(a.DataCategories, d)
		}
	}
	a.Retention = register.ParseRetention(v("retention"))
	a.CleanupMoment = v("cleanup")
	a.Systems = regLines(f.Get("systems"))
	// Processors keep the link to an agreement record, by position.
	old := a.Processors
	a.Processors = nil
	for i, n := range f["pr_name"] {
		p := register.ProcessorRef{Name: strings.TrimSpace(n), AgreementStatus: register.AgreementStatus(regAt(f["pr_status"], i)),
			AgreementWith: regAt(f["pr_with"], i), Note: regAt(f["pr_note"], i)}
		if p.Name == "" && p.AgreementWith == "" && p.Note == "" {
			continue
		}
		if i < len(old) && old[i].Name == p.Name {
			p.AgreementID = old[i].AgreementID
		}
		a.Processors = append(a.Processors, p)
	}
	a.Recipients = regLines(f.Get("recipients"))
	a.Transfers = nil
	for i, cn := range f["t_country"] {
		t := register.Transfer{Country: strings.TrimSpace(cn), Safeguard: regAt(f["t_safeguard"], i)}
		if t.Country != "" || t.Safeguard != "" {
			a.Transfers = append(a.Transfers, t)
		}
	}
	a.MeasureIDs = nil
	for _, s := range f["measure_ids"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, apperr.Invalidf("measure_ids", "Unknown security measure %s.", s))
			continue
		}
		a.MeasureIDs = append(a.MeasureIDs, id)
	}
	switch v("risk") {
	case "yes":
		b := true
		a.RiskAnalysisDone = &b
	case "no":
		b := false
		a.RiskAnalysisDone = &b
	default:
		a.RiskAnalysisDone = nil
	}
	a.DPIANeeded, a.DPIARef, a.ConsentRecords = register.DPIA(v("dpia")), v("dpia_ref"), v("consent")
	a.JointControllers = nil
	for i, n := range f["j_name"] {
		j := register.JointController{Name: strings.TrimSpace(n), Arrangement: regAt(f["j_arr"], i)}
		if j.Name != "" || j.Arrangement != "" {
			a.JointControllers = append(a.JointControllers, j)
		}
	}
	a.OptInMail, a.InEU = v("opt_in"), v("in_eu")
	a.Occasional = newForm(r).check("occasional")
	a.Extra = nil
	for _, l := range regLines(f.Get("extra")) {
		k, val, ok := strings.Cut(l, ":")
		if !ok || strings.TrimSpace(k) == "" {
			errs = append(errs, apperr.Invalidf("extra", "Write each other column as \"Heading: value\"; %q has no heading.", l))
			continue
		}
		if a.Extra == nil {
			a.Extra = map[string]string{}
		}
		a.Extra[strings.TrimSpace(k)] = strings.TrimSpace(val)
	}
	return errs
}

// regForm is what the form template needs.
func (s *Server) regForm(r *http.Request, c *Ctx, a *register.Activity) (map[string]any, error) {
	measures, err := s.Store.Measures(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	chosen := map[int64]bool{}
	for _, id := range a.MeasureIDs {
		chosen[id] = true
	}
	var ms []option
	for _, m := range measures {
		ms = append(ms, option{strconv.FormatInt(m.ID, 10), m.Name, chosen[m.ID]})
	}
	var extra []string
	for _, k := range regSortedKeys(a.Extra) {
		extra = append(extra, k+": "+a.Extra[k])
	}
	risk := ""
	if a.RiskAnalysisDone != nil {
		risk = "no"
		if *a.RiskAnalysisDone {
			risk = "yes"
		}
	}
	statuses := regStatuses
	if a.ID == 0 {
		statuses = regStatuses[:3]
	}
	return map[string]any{
		"A": a, "F": regFmt{c.Lang}, "Measures": ms, "Extra": strings.Join(extra, "\n"), "Risk": risk,
		"Purposes":   regPad(a.Purposes),
		"DataCats":   regPad(a.DataCategories),
		"Processors": regPad(a.Processors),
		"Transfers":  regPad(a.Transfers),
		"Joint":      regPad(a.JointControllers),
		"Statuses":   statuses, "DPIAs": regDPIAs, "Agreements": regAgreements, "Kinds": regKinds,
		"Bases": regBases, "Exceptions": regExceptions, "Countries": regCountryOptions(c.Lang),
		"Answers": []string{"", register.AnswerYes, register.AnswerNo, register.AnswerNA, register.AnswerUnknown},
	}, nil
}

func regPad[T any](rows []T) []T {
	return append(slices.Clone(rows), make([]T, regBlankRows)...)
}

func regSortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func (s *Server) registerNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	data, err := s.regForm(r, c, &register.Activity{Status: register.StatusConcept})
	if err != nil {
		return err
	}
	s.render(w, r, c, "register_form", "New processing activity", data)
	return nil
}

func (s *Server) registerEdit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.regActivityOf(r, c)
	if err != nil {
		return err
	}
	data, err := s.regForm(r, c, a)
	if err != nil {
		return err
	}
	s.render(w, r, c, "register_form", "Edit processing activity", data)
	return nil
}

// registerSave handles the form for a new (a.ID == 0) or existing activity.
func (s *Server) registerSave(w http.ResponseWriter, r *http.Request, c *Ctx, a *register.Activity, title string) error {
	errs := parseActivityForm(r, a)
	err := errs.Err()
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			if a.ID == 0 {
				return tx.CreateActivity(r.Context(), c.Org.ID, a)
			}
			return tx.UpdateActivity(r.Context(), c.Org.ID, a)
		})
	}
	if err != nil {
		if status(err) == http.StatusInternalServerError || status(err) == http.StatusNotFound {
			return err
		}
		data, ferr := s.regForm(r, c, a)
		if ferr != nil {
			return ferr
		}
		putErrors(c, data, "register_form", err)
		w.WriteHeader(status(err))
		s.render(w, r, c, "register_form", title, data)
		return nil
	}
	redirectFlash(w, r, fmt.Sprintf("/o/%s/register/%d", c.Org.Short, a.ID), "saved")
	return nil
}

func (s *Server) registerCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("body", "The form could not be read.")
	}
	return s.registerSave(w, r, c, &register.Activity{Status: register.StatusConcept}, "New processing activity")
}

func (s *Server) registerUpdate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.regActivityOf(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("body", "The form could not be read.")
	}
	return s.registerSave(w, r, c, a, "Edit processing activity")
}
