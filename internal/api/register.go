package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// The register of processing activities (art. 30) over JSON.

// ActivityList is a page of the register.
type ActivityList struct {
	Total      int                 `json:"total"`
	Activities []register.Activity `json:"activities"`
	Next       string              `json:"next,omitempty"` // address of the next page; absent on the last
}

// ImportRow is one row of an import's dry run.
type ImportRow struct {
	Row        int      `json:"row"`
	Action     string   `json:"action"` // create, update_by_code, update_by_name
	ExistingID int64    `json:"existing_id,omitempty"`
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	Errors     []string `json:"errors,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
}

// ImportReport is the answer to an import or its dry run.
type ImportReport struct {
	DryRun       bool             `json:"dry_run"`
	Applied      bool             `json:"applied"`
	Created      int              `json:"created"`
	UpdatedByNr  int              `json:"updated_by_code"`
	UpdatedByNam int              `json:"updated_by_name"`
	ErrorRows    int              `json:"error_rows"`
	Mapping      register.Mapping `json:"mapping"`
	// Layout names the tool the file was recognised as (ciso-assistant,
	// rdo-register, vng-ibd); Sheets the sheets or files read; Notes the
	// values it could not place; UnknownStatuses the status values to
	// answer in the mapping as "status=<value>": "<status>".
	Layout          string             `json:"layout,omitempty"`
	Sheets          []string           `json:"sheets,omitempty"`
	Notes           []string           `json:"notes,omitempty"`
	UnknownStatuses []string           `json:"unknown_statuses,omitempty"`
	Rows            []ImportRow        `json:"rows"`
	Result          store.ImportResult `json:"result"`
}

// ExemptionAnswer is whether the art. 30(5) exemption could apply.
type ExemptionAnswer struct {
	MayApply bool              `json:"may_apply"`
	Reasons  []ExemptionReason `json:"reasons"`
}

// ExemptionReason is one ground that rules the exemption out, filled in in
// the caller's language; code is its English message id.
type ExemptionReason struct {
	Code       string   `json:"code"`
	Message    string   `json:"message"`
	Activities []string `json:"activities,omitempty"` // names
}

var activityQuery = []string{"q", "department", "basis", "special", "eea", "dpia", "agreement", "status", "overdue", "missing", "sort"}

func (a *API) registerRoutes() {
	view, edit := org.ViewAdministration, org.EditAdministration
	a.Handle(Route{Method: "GET", Path: "/api/v1/activities", Perm: view, Tag: "register", Query: activityQuery,
		Summary: "The register of processing activities, filtered (q: full text; basis a-f; special, eea: yes/no; dpia: yes/no/to_assess; agreement: none/draft_sent/negotiating/signed/not_needed; status or all; overdue=1; missing: purpose/basis/retention/owner; sort: code, name, department, status, next_review, updated, '-' for descending); paged by offset",
		Paging:  PagedByOffs, Response: ActivityList{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			f := register.FilterFromQuery(r.URL.Query())
			var err error
			if f.Limit, f.Offset, err = readOffsetPage(r); err != nil {
				return nil, err
			}
			acts, total, err := a.Store.Activities(r.Context(), c.Org.ID, f)
			if err != nil {
				return nil, err
			}
			return ActivityList{Total: total, Activities: acts, Next: offsetNext(w, r, f.Limit, f.Offset, len(acts), total)}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/activities/{id}", Perm: view, Tag: "register", Summary: "One processing activity", Response: register.Activity{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			return a.Store.Activity(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/activities", Perm: edit, Tag: "register", Summary: "Add a processing activity (id, org_id and dates are set by the server)", Request: register.Activity{}, Response: register.Activity{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in register.Activity
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			in.LastReviewedAt, in.LastReviewedBy = nil, ""
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateActivity(r.Context(), c.Org.ID, &in) }); err != nil {
				return nil, err
			}
			return Created{&in}, nil
		})
	a.Handle(Route{Method: "PUT", Path: "/api/v1/activities/{id}", Perm: edit, Tag: "register", Summary: "Replace a processing activity (every field is set; reviews are recorded with .../review). Send updated_at back as GET gave it: when someone else saved the activity since, the answer is 409 (field updated_at) instead of overwriting their change", Request: register.Activity{}, Response: register.Activity{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			var in register.Activity
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			in.ID = id
			in.LastReviewedAt, in.LastReviewedBy = nil, ""
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateActivity(r.Context(), c.Org.ID, &in) }); err != nil {
				return nil, err
			}
			return a.Store.Activity(r.Context(), c.Org.ID, id)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/activities/{id}/retire", Perm: edit, Tag: "register", Summary: "Retire a processing activity (status vervallen; it stays in the register)", Response: register.Activity{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			return a.activityAction(r, c, func(tx *store.Tx, id int64) (*register.Activity, error) {
				return tx.RetireActivity(r.Context(), c.Org.ID, id)
			})
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/activities/{id}/review", Perm: edit, Tag: "register", Summary: "Record that the calling user reviewed the activity now; plans the next review", Response: register.Activity{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			return a.activityAction(r, c, func(tx *store.Tx, id int64) (*register.Activity, error) {
				return tx.MarkReviewed(r.Context(), c.Org.ID, id, c.User.Email)
			})
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/activities/{id}/history", Perm: view, Tag: "register", Summary: "The activity's audit trail, newest first (paged by seq)", Paging: PagedByKey, Response: []audit.Entry{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			id, err := PathID(r, "id")
			if err != nil {
				return nil, err
			}
			if _, err := a.Store.Activity(r.Context(), c.Org.ID, id); err != nil {
				return nil, err
			}
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(e *audit.Entry) int64 { return e.Seq })(a.Store.AuditLog(r.Context(), c.Org.ID, store.AuditFilter{Entity: store.EntityActivity, EntityID: id, Page: p}))
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/measures", Perm: view, Tag: "register", Summary: "The catalogue of security measures, by id", Paging: PagedByKey, Response: []register.Measure{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			p, err := readPage(r)
			if err != nil {
				return nil, err
			}
			return pageList(w, r, p, func(m *register.Measure) int64 { return m.ID })(a.Store.MeasuresPage(r.Context(), c.Org.ID, p))
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/measures", Perm: edit, Tag: "register", Summary: "Add a security measure to the catalogue", Request: register.Measure{}, Response: register.Measure{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			var in register.Measure
			if err := Decode(r, &in); err != nil {
				return nil, err
			}
			if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateMeasure(r.Context(), c.Org.ID, &in) }); err != nil {
				return nil, err
			}
			return Created{&in}, nil
		})
	a.Handle(Route{Method: "GET", Path: "/api/v1/register/exemption", Perm: view, Tag: "register", Summary: "Whether the art. 30(5) exemption could apply, with the reasons why not, in the caller's language", Response: ExemptionAnswer{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			acts, err := a.Store.ExemptionInput(r.Context(), c.Org.ID)
			if err != nil {
				return nil, err
			}
			res := register.Exemption(acts, c.Org.Employees)
			out := ExemptionAnswer{MayApply: res.MayApply, Reasons: []ExemptionReason{}}
			for _, re := range res.Reasons {
				out.Reasons = append(out.Reasons, ExemptionReason{Code: re.Msg, Message: c.T(re.Msg, re.Args...), Activities: re.Activities})
			}
			return out, nil
		})
	importSummary := "multipart/form-data: file (CSV, XLSX, text, CISO Assistant's processing workbook, or the government register's JSON-in-ZIP export), optional mapping (JSON object: column heading -> field, and status=VALUE -> status for status values the import does not know; the headings are matched automatically otherwise)"
	a.Handle(Route{Method: "POST", Path: "/api/v1/register/import/dry-run", Perm: edit, Tag: "register", Summary: "Dry run of an import: per row what would be created or updated, and every error with row and column. " + importSummary, Response: ImportReport{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			return a.importRegister(w, r, c, true)
		})
	a.Handle(Route{Method: "POST", Path: "/api/v1/register/import", Perm: edit, Tag: "register", Summary: "Import a register in one transaction (nothing is written when any row has an error; the answer is then 422 with the dry run). " + importSummary, Response: ImportReport{}},
		func(w http.ResponseWriter, r *http.Request, c *Ctx) (any, error) {
			return a.importRegister(w, r, c, false)
		})
}

func (a *API) activityAction(r *http.Request, c *Ctx, fn func(tx *store.Tx, id int64) (*register.Activity, error)) (any, error) {
	id, err := PathID(r, "id")
	if err != nil {
		return nil, err
	}
	var out *register.Activity
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) (err error) { out, err = fn(tx, id); return err }); err != nil {
		return nil, err
	}
	return out, nil
}

func (a *API) importRegister(w http.ResponseWriter, r *http.Request, c *Ctx, dry bool) (any, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, apperr.Invalidf("file", "Send the register as multipart/form-data with a field \"file\".")
	}
	defer r.MultipartForm.RemoveAll()
	f, fh, err := r.FormFile("file")
	if err != nil {
		return nil, apperr.Invalidf("file", "Send the register as multipart/form-data with a field \"file\".")
	}
	defer f.Close()
	t, err := register.ParseFile(fh.Filename, f, register.DefaultMaxBytes)
	if err != nil {
		return nil, err
	}
	m := register.AutoMapping(t.Headers)
	if js := r.FormValue("mapping"); js != "" {
		var given map[string]register.Field
		if err := json.Unmarshal([]byte(js), &given); err != nil {
			return nil, apperr.Invalidf("mapping", "must be a JSON object of column heading to field")
		}
		for h, fld := range given {
			if register.IsValueKey(h) {
				h = register.NormalValueKey(h)
			} else if _, ok := m[h]; !ok {
				return nil, apperr.Invalidf("mapping", "The file has no column %q.", h)
			}
			m[h] = fld
		}
	}
	rep := ImportReport{DryRun: dry, Mapping: m, Layout: t.Layout, Sheets: t.Sheets, UnknownStatuses: register.UnknownStatuses(t, m)}
	for _, n := range t.Notes {
		rep.Notes = append(rep.Notes, n.Text(c.Lang))
	}
	var p *register.Summary
	if dry {
		p, err = a.Store.PlanImport(r.Context(), c.Org.ID, t, m)
	} else {
		p, rep.Result, err = a.Store.ImportRegister(r.Context(), c.Org.ID, t, m, nil)
		rep.Applied = err == nil
	}
	if p == nil {
		return nil, err
	}
	rep.Created, rep.UpdatedByNr, rep.UpdatedByNam = p.Count(register.ActionCreate), p.Count(register.ActionUpdateByCode), p.Count(register.ActionUpdateByName)
	for _, pr := range p.Rows {
		row := ImportRow{Row: pr.Row, Action: string(pr.Action), ExistingID: pr.ExistingID, Code: pr.Code, Name: pr.Name}
		for _, is := range pr.Errors {
			row.Errors = append(row.Errors, is.Text(c.Lang))
		}
		for _, is := range pr.Warnings {
			row.Warnings = append(row.Warnings, is.Text(c.Lang))
		}
		if len(row.Errors) > 0 {
			rep.ErrorRows++
		}
		rep.Rows = append(rep.Rows, row)
	}
	if err != nil && p.OK() {
		return nil, err // failed while applying, not in the plan
	}
	if !p.OK() && !dry {
		writeJSON(w, http.StatusUnprocessableEntity, rep)
		return Raw{}, nil
	}
	return rep, nil
}
