package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The register of processing activities (AVG art. 30): list with search,
// filters and sorting; one activity with its gaps and history; create,
// edit, copy, retire and review; import (register_import.go), export
// (register_more.go, written by internal/report), the measures catalogue
// and the processor's register (register_more.go).

// registerPageSize is how many activities the list shows at once.
const registerPageSize = 50

// ---- labels ----

var (
	regStatuses   = []register.Status{register.StatusConcept, register.StatusInReview, register.StatusEstablished, register.StatusRetired}
	regDPIAs      = []register.DPIA{register.DPIAYes, register.DPIANo, register.DPIAToAssess}
	regAgreements = []register.AgreementStatus{register.AgreementNone, register.AgreementDraftSent, register.AgreementNegotiating, register.AgreementSigned, register.AgreementNotNeeded}
	regKinds      = []register.DataKind{register.KindOrdinary, register.KindSpecial, register.KindCriminal, register.KindBSN, register.KindFinancial, register.KindCredentials}
	regBases      = []register.LawfulBasis{"a", "b", "c", "d", "e", "f"}
	regExceptions = []register.SpecialException{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
)

// regLabels are the English message ids of the register's values.
var regLabels = map[string]string{
	"concept": "Concept", "in_review": "In review", "established": "Established", "retired": "Retired",
	"yes": "Yes", "no": "No", "to_assess": "To assess", "n/a": "Not applicable", "unknown": "Unknown",
	"none": "None", "draft_sent": "Draft sent", "negotiating": "Negotiating", "signed": "Signed", "not_needed": "Not needed",
	"ordinary": "Ordinary", "special": "Special (art. 9)", "criminal": "Criminal (art. 10)", "bsn": "BSN",
	"financial": "Financial", "credentials": "Access credentials",
	"technical": "Technical", "organisational": "Organisational",
	"eea": "EEA", "adequate": "Adequacy decision", "third": "Third country",
}

var basisLabels = map[register.LawfulBasis]string{
	"a": "a: consent", "b": "b: contract", "c": "c: legal obligation", "d": "d: vital interests", "e": "e: public task", "f": "f: legitimate interests",
}

var exceptionLabels = map[register.SpecialException]string{
	"a": "a: explicit consent", "b": "b: employment and social security", "c": "c: vital interests", "d": "d: not-for-profit body",
	"e": "e: made public by the data subject", "f": "f: legal claims", "g": "g: substantial public interest",
	"h": "h: health or social care", "i": "i: public health", "j": "j: archiving, research or statistics",
}

// regLabel translates a stored value (status, answer, kind ...) into lang;
// values without a label (free text) are shown as written.
func regLabel(lang, v string) string {
	if l, ok := regLabels[v]; ok {
		return i18n.T(lang, l)
	}
	return v
}

// regFmt is the formatting helper the register templates get as .Data.F.
type regFmt struct{ lang string }

func (f regFmt) L(v any) string { return regLabel(f.lang, fmt.Sprint(v)) }
func (f regFmt) Basis(b register.LawfulBasis) string {
	if l, ok := basisLabels[b]; ok {
		return i18n.T(f.lang, l)
	}
	return string(b)
}
func (f regFmt) Exception(e register.SpecialException) string {
	if l, ok := exceptionLabels[e]; ok {
		return i18n.T(f.lang, l)
	}
	return string(e)
}
func (f regFmt) Retention(r register.Retention) string { return r.Format(f.lang) }
func (f regFmt) Bool(b *bool) string {
	if b == nil {
		return ""
	}
	if *b {
		return i18n.T(f.lang, "Yes")
	}
	return i18n.T(f.lang, "No")
}
func (f regFmt) Lines(v []string) string { return strings.Join(v, "\n") }
func (f regFmt) Join(v []string) string  { return strings.Join(v, ", ") }
func (f regFmt) ISO(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(Amsterdam).Format("2006-01-02")
}
func (f regFmt) ID(id int64) string { return strconv.FormatInt(id, 10) }

// processors is a one-line summary: "BiSC (concept verstuurd)".
func (f regFmt) Processors(ps []register.ProcessorRef) string {
	var out []string
	for _, p := range ps {
		s := p.Name
		if p.AgreementStatus != "" {
			s += " (" + f.L(p.AgreementStatus) + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// ---- the list ----

// registerFilter reads the list's filters from the query string.
func registerFilter(q url.Values) store.ActivityFilter { return register.FilterFromQuery(q) }

// regURL returns the list URL with the query q changed by kv pairs
// (an empty value removes the key).
func regURL(base string, q url.Values, kv ...string) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	if e := v.Encode(); e != "" {
		return base + "?" + e
	}
	return base
}

type regSortCol struct {
	Label, URL string
	Active     bool
	Desc       bool
}

type regExemption struct {
	MayApply bool
	Summary  string
	Reasons  []regReason
}

type regReason struct {
	Text  string
	Names []string
	More  int
}

// exemptionCache keeps, per store and organisation, what art. 30(5) looks
// at in the register, with the audit-trail head it was read at: reading it
// means reading every activity, too slow for every page view of a large
// register, and any change to the register moves the head.
var exemptionCache = struct {
	sync.Mutex
	m map[exemptionKey]exemptionEntry
}{m: map[exemptionKey]exemptionEntry{}}

type exemptionKey struct {
	st  *store.Store
	org int64
}

type exemptionEntry struct {
	head int64
	acts []register.Activity
}

func (s *Server) exemptionInput(r *http.Request, orgID int64) ([]register.Activity, error) {
	head, err := s.Store.AuditHead(r.Context(), orgID)
	if err != nil {
		return nil, err
	}
	key := exemptionKey{s.Store, orgID}
	exemptionCache.Lock()
	e, ok := exemptionCache.m[key]
	exemptionCache.Unlock()
	if ok && e.head == head {
		return e.acts, nil
	}
	acts, err := s.Store.ExemptionInput(r.Context(), orgID)
	if err != nil {
		return nil, err
	}
	exemptionCache.Lock()
	if len(exemptionCache.m) >= 256 {
		clear(exemptionCache.m)
	}
	exemptionCache.m[key] = exemptionEntry{head, acts}
	exemptionCache.Unlock()
	return acts, nil
}

// exemption applies art. 30(5) to the whole register (retired activities
// left out) and the organisation's head count.
func (s *Server) exemption(r *http.Request, c *Ctx) (regExemption, error) {
	acts, err := s.exemptionInput(r, c.Org.ID)
	if err != nil {
		return regExemption{}, err
	}
	res := register.Exemption(acts, c.Org.Employees)
	out := regExemption{MayApply: res.MayApply, Summary: c.T(res.Summary())}
	for _, rr := range res.Reasons {
		rs := regReason{Text: c.T(rr.Msg, rr.Args...)}
		rs.Names = rr.Activities
		if len(rs.Names) > 5 {
			rs.More, rs.Names = len(rs.Names)-5, rs.Names[:5]
		}
		out.Reasons = append(out.Reasons, rs)
	}
	return out, nil
}

func (s *Server) registerList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	q := r.URL.Query()
	f := registerFilter(q)
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f.Limit, f.Offset = registerPageSize, (page-1)*registerPageSize
	acts, total, err := s.Store.Activities(r.Context(), c.Org.ID, f)
	if err != nil {
		return err
	}
	deps, err := s.Store.Departments(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	ex, err := s.exemption(r, c)
	if err != nil {
		return err
	}
	settings, err := s.Store.RegisterSettings(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	base := "/o/" + c.Org.Short + "/register"
	now := s.Store.Now()
	type row struct {
		register.Activity
		Overdue bool
		URL     string
	}
	rows := make([]row, len(acts))
	for i, a := range acts {
		rows[i] = row{a, register.Overdue(a, now), base + "/" + strconv.FormatInt(a.ID, 10)}
	}
	var cols []regSortCol
	cur := f.Sort
	if cur == "" {
		cur = "code"
	}
	for _, k := range []struct{ key, label string }{{"code", "Number"}, {"name", "Processing activity"}, {"department", "Department"}, {"status", "Status"}, {"next_review", "Next review"}} {
		col := regSortCol{Label: k.label, URL: regURL(base, q, "sort", k.key, "page", "")}
		if strings.TrimPrefix(cur, "-") == k.key {
			col.Active, col.Desc = true, strings.HasPrefix(cur, "-")
			if !col.Desc {
				col.URL = regURL(base, q, "sort", "-"+k.key, "page", "")
			}
		}
		cols = append(cols, col)
	}
	pages := (total + registerPageSize - 1) / registerPageSize
	data := map[string]any{
		"Rows": rows, "Total": total, "Filter": f, "Q": q, "Departments": deps, "Exemption": ex,
		"Settings": settings, "Cols": cols, "F": regFmt{c.Lang}, "CanEdit": c.Can(org.EditAdministration),
		"Statuses": regStatuses, "DPIAs": regDPIAs, "Agreements": regAgreements, "Bases": regBases,
		"StatusParam": q.Get("status"), "Page": page, "Pages": pages, "Employees": c.Org.Employees,
		"IsProcessor": c.Org.IsProcessor(), "Gaps": register.GapKinds,
		"Export": map[string]string{
			"XLSX": regURL(base+"/export", q, "format", "xlsx", "page", "", "sort", ""), "CSV": regURL(base+"/export", q, "format", "csv", "page", "", "sort", ""),
			"JSON": regURL(base+"/export", q, "format", "json", "page", "", "sort", ""), "PDF": regURL(base+"/export", q, "format", "pdf", "page", "", "sort", ""),
		},
	}
	if page > 1 {
		data["Prev"] = regURL(base, q, "page", strconv.Itoa(page-1))
	}
	if page < pages {
		data["Next"] = regURL(base, q, "page", strconv.Itoa(page+1))
	}
	s.render(w, r, c, "register_list", "Register", data)
	return nil
}

func (s *Server) registerSaveSettings(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("review_months")))
	if err != nil {
		return apperr.Invalidf("review_months", "Give the review period in months, from 1 to 36.")
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		return tx.SetRegisterSettings(r.Context(), c.Org.ID, store.RegisterSettings{ReviewMonths: n})
	}); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/register", "saved")
	return nil
}

// ---- one activity ----

func (s *Server) regActivityOf(r *http.Request, c *Ctx) (*register.Activity, error) {
	id, err := pathID(r, "activity")
	if err != nil {
		return nil, err
	}
	return s.Store.Activity(r.Context(), c.Org.ID, id)
}

// gapTexts are the legal gaps of a, in words.
func regGapTexts(c *Ctx, a *register.Activity) []string {
	var out []string
	for _, e := range register.Gaps(a) {
		out = append(out, regFieldLabel(c.Lang, e.Field)+": "+c.T(e.Msg, e.Args...))
	}
	return out
}

func (s *Server) registerView(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.regActivityOf(r, c)
	if err != nil {
		return err
	}
	trail, err := s.history(r.Context(), c, store.EntityActivity, a.ID)
	if err != nil {
		return err
	}
	measures, err := s.Store.Measures(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	byID := map[int64]register.Measure{}
	for _, m := range measures {
		byID[m.ID] = m
	}
	var used []register.Measure
	for _, id := range a.MeasureIDs {
		if m, ok := byID[id]; ok {
			used = append(used, m)
		}
	}
	extraKeys := make([]string, 0, len(a.Extra))
	for k := range a.Extra {
		extraKeys = append(extraKeys, k)
	}
	sort.Strings(extraKeys)
	s.render(w, r, c, "register_view", "Processing activity", map[string]any{
		"Tabs": pageTabs(r, "/o/"+c.Org.Short+"/register/"+strconv.FormatInt(a.ID, 10), "overview", "Overview", "history", "History"),
		"A":    a, "F": regFmt{c.Lang}, "Trail": trail, "Measures": used, "ExtraKeys": extraKeys,
		"Gaps": regGapTexts(c, a), "Overdue": register.Overdue(*a, s.Store.Now()), "CanEdit": c.Can(org.EditAdministration),
		"Retired": a.Status == register.StatusRetired,
	})
	return nil
}

func (s *Server) registerCopy(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.regActivityOf(r, c)
	if err != nil {
		return err
	}
	cp := store.CopyOf(*a, c.T("(copy)"))
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateActivity(r.Context(), c.Org.ID, &cp) }); err != nil {
		return err
	}
	redirectFlash(w, r, fmt.Sprintf("/o/%s/register/%d/edit", c.Org.Short, cp.ID), "activity-copied")
	return nil
}

func (s *Server) registerRetire(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.regActivityOf(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { _, err := tx.RetireActivity(r.Context(), c.Org.ID, a.ID); return err }); err != nil {
		return err
	}
	redirectFlash(w, r, fmt.Sprintf("/o/%s/register/%d", c.Org.Short, a.ID), "activity-retired")
	return nil
}

func (s *Server) registerReview(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.regActivityOf(r, c)
	if err != nil {
		return err
	}
	by := c.User.Email
	if c.User.Name != "" {
		by = c.User.Name + " <" + c.User.Email + ">"
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { _, err := tx.MarkReviewed(r.Context(), c.Org.ID, a.ID, by); return err }); err != nil {
		return err
	}
	next := fmt.Sprintf("/o/%s/register/%d", c.Org.Short, a.ID)
	if r.PostFormValue("back") == "dashboard" {
		next = "/o/" + c.Org.Short + "/"
	}
	redirectFlash(w, r, next, "reviewed")
	return nil
}
