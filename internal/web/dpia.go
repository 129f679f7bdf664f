package web

import (
	"net/http"
	"strconv"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/dpia"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

func dpiaURL(c *Ctx, id int64) string {
	return "/o/" + c.Org.Short + "/dpias/" + strconv.FormatInt(id, 10)
}

// screenRow is an activity with its newest screening.
type screenRow struct {
	store.ActivityName
	Outcome string
	At      time.Time
}

func outcomeLabel(o dpia.Outcome) string {
	switch o {
	case dpia.Required:
		return "DPIA required"
	case dpia.Advised:
		return "DPIA advised"
	case dpia.NotNeeded:
		return "DPIA not needed"
	}
	return "not screened"
}

func (s *Server) dpiaList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	need := dpia.Need(r.URL.Query().Get("need"))
	if need != "" && !dpia.ValidNeed(need) {
		return apperr.Invalidf("need", "Unknown DPIA need %q.", need)
	}
	acts, err := s.dpiaActivities(r, c, need)
	if err != nil {
		return err
	}
	scs, err := s.Store.Screenings(r.Context(), c.Org.ID, 0)
	if err != nil {
		return err
	}
	newest := map[int64]store.Screening{}
	for _, sc := range scs {
		if _, ok := newest[sc.ActivityID]; !ok {
			newest[sc.ActivityID] = sc
		}
	}
	rows := make([]screenRow, len(acts))
	for i, a := range acts {
		rows[i] = screenRow{ActivityName: a, Outcome: "not screened"}
		if sc, ok := newest[a.ID]; ok {
			rows[i].Outcome, rows[i].At = outcomeLabel(sc.Outcome), sc.ScreenedAt
		}
	}
	ds, err := s.Store.DPIAs(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	s.render(w, r, c, "dpia_list", "DPIAs", map[string]any{"Screens": rows, "DPIAs": ds, "CanEdit": c.Can(org.EditAdministration),
		"Need": need, "Needs": dpia.Needs})
	return nil
}

// dpiaActivities lists the activities for the screening table: all of
// them, or with ?need= only the current ones whose dpia.NeedOf is that
// (the rule the dashboard counts with).
func (s *Server) dpiaActivities(r *http.Request, c *Ctx, need dpia.Need) ([]store.ActivityName, error) {
	if need == "" {
		return s.Store.ActivityNames(r.Context(), c.Org.ID)
	}
	facts, err := s.Store.RegisterFacts(r.Context(), c.Org.ID, store.ActivityFilter{Sort: "name"})
	if err != nil {
		return nil, err
	}
	states, err := s.Store.DPIAStates(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	var out []store.ActivityName
	for _, a := range facts {
		if dpia.NeedOf(a.DPIANeeded, states[a.ID]) == need {
			out = append(out, store.ActivityName{ID: a.ID, Name: a.Name})
		}
	}
	return out, nil
}

// activityOf reads {activity} and checks it is the organisation's.
func (s *Server) activityOf(r *http.Request, c *Ctx) (store.ActivityName, error) {
	id, err := pathID(r, "activity")
	if err != nil {
		return store.ActivityName{}, err
	}
	acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
	if err != nil {
		return store.ActivityName{}, err
	}
	for _, a := range acts {
		if a.ID == id {
			return a, nil
		}
	}
	return store.ActivityName{}, apperr.NotFoundf("page not found")
}

func (s *Server) screenPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.activityOf(r, c)
	if err != nil {
		return err
	}
	return s.renderScreen(w, r, c, a, map[string]any{})
}

func (s *Server) renderScreen(w http.ResponseWriter, r *http.Request, c *Ctx, a store.ActivityName, data map[string]any) error {
	scs, err := s.Store.Screenings(r.Context(), c.Org.ID, a.ID)
	if err != nil {
		return err
	}
	var cur dpia.Answers
	if len(scs) > 0 {
		cur = scs[0].Answers
	}
	has := func(ok bool) bool { return ok }
	var art35, ap, crit []option
	for _, v := range []struct {
		k dpia.Art35
		l string
	}{{dpia.Evaluation, "(a) systematic and extensive evaluation, including profiling, with legal or similarly significant effects"},
		{dpia.LargeScaleSpecial, "(b) large-scale processing of special categories (art. 9) or criminal data (art. 10)"},
		{dpia.PublicMonitoring, "(c) large-scale systematic monitoring of a publicly accessible area"}} {
		on := false
		for _, x := range cur.Art35 {
			on = on || x == v.k
		}
		art35 = append(art35, option{string(v.k), c.T(v.l), has(on)})
	}
	for i := 1; i <= 17; i++ {
		on := false
		for _, x := range cur.APList {
			on = on || int(x) == i
		}
		ap = append(ap, option{strconv.Itoa(i), strconv.Itoa(i) + ". " + dpia.APCategory(i).Name(c.Lang), on})
	}
	for i := 1; i <= 9; i++ {
		on := false
		for _, x := range cur.Criteria {
			on = on || int(x) == i
		}
		crit = append(crit, option{strconv.Itoa(i), strconv.Itoa(i) + ". " + dpia.Criterion(i).Name(c.Lang), on})
	}
	type hist struct {
		S       store.Screening
		Outcome string
		Reasons []string
	}
	var history []hist
	for _, sc := range scs {
		h := hist{S: sc, Outcome: outcomeLabel(sc.Outcome)}
		for _, rs := range dpia.Screen(sc.Answers).Reasons {
			h.Reasons = append(h.Reasons, rs.Text(c.Lang))
		}
		history = append(history, h)
	}
	data["A"], data["Art35"], data["AP"], data["Criteria"], data["History"] = a, art35, ap, crit, history
	data["CanEdit"] = c.Can(org.EditAdministration)
	s.render(w, r, c, "dpia_screen", "DPIA screening", data)
	return nil
}

func (s *Server) screenSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	a, err := s.activityOf(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	sc := &store.Screening{ActivityID: a.ID, ScreenedBy: c.User.Email, Note: r.PostFormValue("note")}
	for _, v := range r.PostForm["art35"] {
		sc.Answers.Art35 = append(sc.Answers.Art35, dpia.Art35(v))
	}
	for _, v := range r.PostForm["ap"] {
		n, _ := strconv.Atoi(v)
		sc.Answers.APList = append(sc.Answers.APList, dpia.APCategory(n))
	}
	for _, v := range r.PostForm["criteria"] {
		n, _ := strconv.Atoi(v)
		sc.Answers.Criteria = append(sc.Answers.Criteria, dpia.Criterion(n))
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.ScreenActivity(r.Context(), c.Org.ID, sc) }); err != nil {
		if status(err) == http.StatusInternalServerError {
			return err
		}
		w.WriteHeader(status(err))
		return s.renderScreen(w, r, c, a, map[string]any{"Errors": messages(c, err)})
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/screenings/"+strconv.FormatInt(a.ID, 10), "saved")
	return nil
}

func (s *Server) dpiaFormData(r *http.Request, c *Ctx, d *store.DPIA) (map[string]any, error) {
	acts, err := s.Store.ActivityNames(r.Context(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	var opts []option
	for _, a := range acts {
		opts = append(opts, option{strconv.FormatInt(a.ID, 10), a.Name, d.ActivityID != nil && *d.ActivityID == a.ID})
	}
	return map[string]any{"D": d, "Activities": opts}, nil
}

func (s *Server) dpiaNew(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d := &store.DPIA{}
	if id, err := strconv.ParseInt(r.URL.Query().Get("activity"), 10, 64); err == nil {
		d.ActivityID = &id
	}
	data, err := s.dpiaFormData(r, c, d)
	if err != nil {
		return err
	}
	s.render(w, r, c, "dpia_new", "New DPIA", data)
	return nil
}

// readDPIAForm reads the fields of the DPIA form into d.
func (s *Server) readDPIAForm(r *http.Request, d *store.DPIA) error {
	f := newForm(r)
	d.Title, d.Description, d.Purposes, d.Necessity = f.str("title"), f.str("description"), f.str("purposes"), f.str("necessity")
	d.ActivityID = nil
	if a := f.str("activity_id"); a != "" {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return apperr.Invalidf("activity_id", "Unknown processing activity.")
		}
		d.ActivityID = &id
	}
	if _, ok := r.PostForm["dpo_advice"]; !ok {
		return nil // the new-DPIA form stops here
	}
	d.DPOAdvice, d.Decision, d.DecidedBy, d.ConsultationNote, d.State = f.str("dpo_advice"), f.str("decision"), f.str("decided_by"), f.str("consultation_note"), dpia.State(f.str("state"))
	d.DecidedAt, d.NextReviewAt = nil, nil
	if at := f.day("decided_at", false, s.Store.Now()); !at.IsZero() {
		d.DecidedAt = &at
	}
	if next := f.day("next_review_at", false, s.Store.Now()); !next.IsZero() {
		d.NextReviewAt = &next
	}
	return f.err()
}

func (s *Server) dpiaCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	d := &store.DPIA{}
	err := s.readDPIAForm(r, d)
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateDPIA(r.Context(), c.Org.ID, d) })
	}
	if err != nil {
		data, derr := s.dpiaFormData(r, c, d)
		if derr != nil {
			return derr
		}
		return s.formError(w, r, c, "dpia_new", "New DPIA", data, err)
	}
	redirectFlash(w, r, dpiaURL(c, d.ID), "created")
	return nil
}

func (s *Server) loadDPIA(r *http.Request, c *Ctx) (*store.DPIA, error) {
	id, err := pathID(r, "dpia")
	if err != nil {
		return nil, err
	}
	return s.Store.DPIA(r.Context(), c.Org.ID, id)
}

func (s *Server) dpiaDetail(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	d, err := s.loadDPIA(r, c)
	if err != nil {
		return err
	}
	return s.renderDPIA(w, r, c, d, map[string]any{})
}

func (s *Server) renderDPIA(w http.ResponseWriter, r *http.Request, c *Ctx, d *store.DPIA, extra map[string]any) error {
	data, err := s.dpiaFormData(r, c, d)
	if err != nil {
		return err
	}
	for k, v := range extra {
		data[k] = v
	}
	var scale []option
	for i := dpia.Negligible; i <= dpia.Maximum; i++ {
		scale = append(scale, option{Value: strconv.Itoa(int(i)), Label: strconv.Itoa(int(i)) + " " + i.Name(c.Lang)})
	}
	type riskView struct {
		store.DPIARisk
		Index                   int
		LevelText, ResidualText string
		ScaleText               string
		Measures                []map[string]any
	}
	var risks []riskView
	for i, rk := range d.Risks {
		rv := riskView{DPIARisk: rk, Index: i, LevelText: rk.Level.Name(c.Lang), ResidualText: rk.ResidualLevel.Name(c.Lang),
			ScaleText: c.T("likelihood %s, impact %s; after measures %s, %s", rk.Likelihood.Name(c.Lang), rk.Impact.Name(c.Lang), rk.ResidualLikelihood.Name(c.Lang), rk.ResidualImpact.Name(c.Lang))}
		for j, m := range rk.Measures {
			rv.Measures = append(rv.Measures, map[string]any{"M": m, "Index": j, "StateText": m.State.Label(c.Lang)})
		}
		risks = append(risks, rv)
	}
	data["Risks"], data["Scale"] = risks, scale
	var states []option
	for _, st := range dpia.MeasureStates {
		states = append(states, option{string(st), st.Label(c.Lang), false})
	}
	data["States"] = states
	data["ResidualText"] = ""
	if d.ResidualLevel != "" {
		data["ResidualText"] = d.ResidualLevel.Name(c.Lang)
	}
	data["CanEdit"] = c.Can(org.EditAdministration)
	var dpiaStates []string
	for _, st := range dpia.States {
		dpiaStates = append(dpiaStates, string(st))
	}
	data["DPIAStates"] = dpiaStates
	data["DecidedDay"], data["NextDay"] = dayValue(d.DecidedAt), dayValue(d.NextReviewAt)
	trail, err := s.history(r.Context(), c, "dpia", d.ID)
	if err != nil {
		return err
	}
	data["Trail"] = trail
	data["Tabs"] = pageTabs(r, "/o/"+c.Org.Short+"/dpias/"+strconv.FormatInt(d.ID, 10), "overview", "Overview", "risks", "Risks and measures", "history", "History")
	s.render(w, r, c, "dpia_detail", "DPIA", data)
	return nil
}

func dayValue(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(Amsterdam).Format("2006-01-02")
}

// dpiaAction changes the DPIA and redirects, or shows the errors.
func (s *Server) dpiaAction(w http.ResponseWriter, r *http.Request, c *Ctx, change func(d *store.DPIA) error) error {
	d, err := s.loadDPIA(r, c)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.UpdateDPIA(r.Context(), c.Org.ID, d.ID, change)
		return err
	})
	if err != nil {
		if st := status(err); st == http.StatusInternalServerError || st == http.StatusNotFound {
			return err
		}
		w.WriteHeader(status(err))
		data := map[string]any{}
		putErrors(c, data, "dpia_detail", err)
		return s.renderDPIA(w, r, c, d, data)
	}
	redirectFlash(w, r, dpiaURL(c, d.ID), "saved")
	return nil
}

func (s *Server) dpiaSave(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.dpiaAction(w, r, c, func(d *store.DPIA) error { return s.readDPIAForm(r, d) })
}

func formScale(r *http.Request, k string) dpia.Scale {
	n, _ := strconv.Atoi(r.PostFormValue(k))
	return dpia.Scale(n)
}

func (s *Server) dpiaAddRisk(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.dpiaAction(w, r, c, func(d *store.DPIA) error {
		d.Risks = append(d.Risks, store.DPIARisk{Description: r.PostFormValue("description"), Likelihood: formScale(r, "likelihood"), Impact: formScale(r, "impact"),
			ResidualLikelihood: formScale(r, "residual_likelihood"), ResidualImpact: formScale(r, "residual_impact")})
		return nil
	})
}

// riskIndex reads the risk (and measure) index of a form.
func riskIndex(r *http.Request, d *store.DPIA, withMeasure bool) (int, int, error) {
	i, err := strconv.Atoi(r.PostFormValue("risk"))
	if err != nil || i < 0 || i >= len(d.Risks) {
		return 0, 0, apperr.Invalidf("risk", "Choose one of the risks.")
	}
	if !withMeasure {
		return i, 0, nil
	}
	j, err := strconv.Atoi(r.PostFormValue("measure"))
	if err != nil || j < 0 || j >= len(d.Risks[i].Measures) {
		return 0, 0, apperr.Invalidf("measure", "Choose one of the measures.")
	}
	return i, j, nil
}

func (s *Server) dpiaAddMeasure(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.dpiaAction(w, r, c, func(d *store.DPIA) error {
		i, _, err := riskIndex(r, d, false)
		if err != nil {
			return err
		}
		d.Risks[i].Measures = append(d.Risks[i].Measures, store.DPIAMeasure{Description: r.PostFormValue("description"), Owner: r.PostFormValue("owner"), State: dpia.MeasureState(r.PostFormValue("state"))})
		return nil
	})
}

func (s *Server) dpiaMeasureState(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.dpiaAction(w, r, c, func(d *store.DPIA) error {
		i, j, err := riskIndex(r, d, true)
		if err != nil {
			return err
		}
		d.Risks[i].Measures[j].State = dpia.MeasureState(r.PostFormValue("state"))
		return nil
	})
}

func dayText(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(Amsterdam).Format("02-01-2006")
}
