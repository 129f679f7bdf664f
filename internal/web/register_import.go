package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// Import of a register from CSV, XLSX or a text document: upload, then
// the column mapping (filled in from the headers), then a dry run showing
// per row what will happen and every error, then one transaction. Between
// the steps the parsed file waits in the database under a random key, for
// the user who uploaded it, for half an hour (store.KeepUpload).

// parsedUpload is a waiting upload parsed again for this step.
type parsedUpload struct {
	Filename string
	Table    *register.Table
}

// uploadOf returns the upload named in the path, if it is this user's in
// this organisation and not expired, parsed (the store keeps the file as
// it was sent).
func (s *Server) uploadOf(r *http.Request, c *Ctx) (string, *parsedUpload, error) {
	key := r.PathValue("upload")
	u, err := s.Store.Upload(r.Context(), c.Org.ID, c.User.ID, key)
	if err != nil {
		return key, nil, err
	}
	t, err := u.Table(s.maxUpload())
	if err != nil {
		return key, nil, err
	}
	return key, &parsedUpload{Filename: u.Filename, Table: t}, nil
}

func (s *Server) maxUpload() int64 {
	if s.Config.MaxUpload > 0 {
		return s.Config.MaxUpload
	}
	return register.DefaultMaxBytes
}

func (s *Server) registerImportPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	s.render(w, r, c, "register_import", "Import the register", map[string]any{"Step": "upload", "MaxMB": s.maxUpload() >> 20})
	return nil
}

func (s *Server) importFail(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any, err error) error {
	if status(err) == http.StatusInternalServerError {
		return err
	}
	data["Errors"] = regMessages(c, err)
	if data["MaxMB"] == nil {
		data["MaxMB"] = s.maxUpload() >> 20
	}
	w.WriteHeader(status(err))
	s.render(w, r, c, "register_import", "Import the register", data)
	return nil
}

func (s *Server) registerImportUpload(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	data := map[string]any{"Step": "upload"}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return s.importFail(w, r, c, data, apperr.New(apperr.TooLarge, "The file is larger than %d MB.", s.maxUpload()>>20))
		}
		return s.importFail(w, r, c, data, apperr.Invalidf("file", "Choose a file to import."))
	}
	defer r.MultipartForm.RemoveAll()
	f, fh, err := r.FormFile("file")
	if err != nil {
		return s.importFail(w, r, c, data, apperr.Invalidf("file", "Choose a file to import."))
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, s.maxUpload()+1))
	if err != nil {
		return err
	}
	t, err := register.ParseFile(fh.Filename, bytes.NewReader(raw), s.maxUpload())
	if err != nil {
		return s.importFail(w, r, c, data, err)
	}
	var key string
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) (err error) {
		key, err = tx.KeepUpload(r.Context(), c.Org.ID, c.User.ID, &store.PendingUpload{Filename: fh.Filename, Data: raw})
		return err
	}); err != nil {
		return err
	}
	return s.renderMapping(w, r, c, key, t, fh.Filename, register.AutoMapping(t.Headers), nil)
}

// regColumn is one column of the uploaded file on the mapping page.
type regColumn struct {
	Index   int
	Header  string
	Samples []string
	Options []option
}

func mappingColumns(lang string, t *register.Table, m register.Mapping) []regColumn {
	cols := make([]regColumn, len(t.Headers))
	for i, h := range t.Headers {
		col := regColumn{Index: i, Header: h}
		for _, row := range t.Rows {
			if i < len(row.Cells) && row.Cells[i] != "" {
				col.Samples = append(col.Samples, sample(row.Cells[i]))
				if len(col.Samples) == 3 {
					break
				}
			}
		}
		cur := m[h]
		col.Options = append(col.Options,
			option{"", i18n.T(lang, "(keep as other column)"), cur == register.FieldExtra},
			option{"-", i18n.T(lang, "(ignore)"), cur == register.FieldIgnore})
		for _, fi := range register.Fields {
			col.Options = append(col.Options, option{string(fi.Field), i18n.T(lang, fi.Label), cur == fi.Field})
		}
		cols[i] = col
	}
	return cols
}

// layoutNames name the tools whose files the import recognises.
var layoutNames = map[string]string{
	register.LayoutCISO: "CISO Assistant's processing workbook",
	register.LayoutRDO:  "an export of the government's processing register (JSON in ZIP)",
	register.LayoutVNG:  "the VNG/IBD model register for municipalities",
}

// statusQuestion asks which status an unknown status value stands for.
type statusQuestion struct {
	Index   int
	Value   string
	Options []option
}

func statusQuestions(lang string, t *register.Table, m register.Mapping) []statusQuestion {
	var qs []statusQuestion
	for i, v := range register.UnknownStatuses(t, m) {
		cur := m[register.StatusValueKey(v)]
		q := statusQuestion{Index: i, Value: v, Options: []option{{"", i18n.T(lang, "(leave the status as it is)"), cur == ""}}}
		for _, st := range regStatuses {
			q.Options = append(q.Options, option{string(st), regLabel(lang, string(st)), cur == register.Field(st)})
		}
		qs = append(qs, q)
	}
	return qs
}

// fileFacts is what the mapping step and the dry run say about the file:
// the tool it comes from, the sheets or files read, and the notes.
func fileFacts(c *Ctx, t *register.Table, data map[string]any) {
	if n, ok := layoutNames[t.Layout]; ok {
		data["Layout"] = c.T(n)
	}
	data["Sheets"] = t.Sheets
	var notes []string
	for _, n := range t.Notes {
		notes = append(notes, n.Text(c.Lang))
	}
	data["Notes"] = notes
}

func (s *Server) renderMapping(w http.ResponseWriter, r *http.Request, c *Ctx, key string, t *register.Table, filename string, m register.Mapping, err error) error {
	data := map[string]any{"Step": "mapping", "Key": key, "Filename": filename, "Rows": len(t.Rows), "Format": t.Format,
		"Encoding": t.Encoding, "Sheet": t.Sheet, "Columns": mappingColumns(c.Lang, t, m), "Statuses": statusQuestions(c.Lang, t, m)}
	fileFacts(c, t, data)
	if err != nil {
		return s.importFail(w, r, c, data, err)
	}
	s.render(w, r, c, "register_import", "Import the register", data)
	return nil
}

// postedMapping reads the mapping step's choices: col_<i> per header.
func postedMapping(r *http.Request, t *register.Table) register.Mapping {
	m := register.Mapping{}
	for i, h := range t.Headers {
		m[h] = register.Field(r.PostFormValue("col_" + strconv.Itoa(i)))
	}
	// The answers to unknown status values: status_of_<i> is the value,
	// status_value_<i> the status chosen for it.
	for i := 0; i < 20; i++ {
		v, st := r.PostFormValue("status_of_"+strconv.Itoa(i)), r.PostFormValue("status_value_"+strconv.Itoa(i))
		if v != "" && st != "" {
			m[register.StatusValueKey(v)] = register.Field(st)
		}
	}
	return m
}

// regPlanRow is a row of the dry run as the page shows it.
type regPlanRow struct {
	Row      int
	Action   string
	Code     string
	Name     string
	Contents string // what the activity gets: its status and lists
	Errors   []string
	Warnings []string
}

// regPlanShown is how many rows without errors the dry run lists.
const regPlanShown = 500

func planView(c *Ctx, p *register.Summary) (rows []regPlanRow, hidden, errRows int) {
	actions := map[register.Action]string{register.ActionCreate: "new", register.ActionUpdateByCode: "update (same number)", register.ActionUpdateByName: "update (same name)"}
	shown := 0
	for _, pr := range p.Rows {
		v := regPlanRow{Row: pr.Row, Action: c.T(actions[pr.Action]), Code: pr.Code, Name: pr.Name, Contents: contentsText(c, pr)}
		for _, is := range pr.Errors {
			v.Errors = append(v.Errors, is.Text(c.Lang))
		}
		for _, is := range pr.Warnings {
			v.Warnings = append(v.Warnings, is.Text(c.Lang))
		}
		if len(v.Errors) > 0 {
			errRows++
		} else if shown >= regPlanShown {
			hidden++
			continue
		} else {
			shown++
		}
		rows = append(rows, v)
	}
	return rows, hidden, errRows
}

func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, c *Ctx, key string, u *parsedUpload, m register.Mapping, p *register.Summary, err error) error {
	rows, hidden, errRows := planView(c, p)
	var mapping []map[string]string
	for i, h := range u.Table.Headers {
		mapping = append(mapping, map[string]string{"Name": "col_" + strconv.Itoa(i), "Value": string(m[h])})
	}
	for _, q := range statusQuestions(c.Lang, u.Table, m) {
		if st := m[register.StatusValueKey(q.Value)]; st != "" {
			i := strconv.Itoa(q.Index)
			mapping = append(mapping, map[string]string{"Name": "status_of_" + i, "Value": q.Value}, map[string]string{"Name": "status_value_" + i, "Value": string(st)})
		}
	}
	data := map[string]any{"Step": "preview", "Key": key, "Filename": u.Filename, "Plan": rows, "Hidden": hidden, "ErrorRows": errRows,
		"Creates": p.Count(register.ActionCreate), "ByCode": p.Count(register.ActionUpdateByCode), "ByName": p.Count(register.ActionUpdateByName),
		"Mapping": mapping, "OK": p.OK(), "Total": len(p.Rows)}
	fileFacts(c, u.Table, data)
	if err != nil {
		return s.importFail(w, r, c, data, err)
	}
	if !p.OK() {
		w.WriteHeader(http.StatusUnprocessableEntity)
	}
	s.render(w, r, c, "register_import", "Import the register", data)
	return nil
}

func (s *Server) registerImportPreview(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	key, u, err := s.uploadOf(r, c)
	if err != nil {
		return err
	}
	m := postedMapping(r, u.Table)
	p, err := s.Store.PlanImport(r.Context(), c.Org.ID, u.Table, m)
	if err != nil {
		return s.renderMapping(w, r, c, key, u.Table, u.Filename, m, err)
	}
	return s.renderPlan(w, r, c, key, u, m, p, nil)
}

// registerImportMapping goes back from the dry run to the column mapping.
func (s *Server) registerImportMapping(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	key, u, err := s.uploadOf(r, c)
	if err != nil {
		return err
	}
	return s.renderMapping(w, r, c, key, u.Table, u.Filename, postedMapping(r, u.Table), nil)
}

func (s *Server) registerImportApply(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	key, u, err := s.uploadOf(r, c)
	if err != nil {
		return err
	}
	m := postedMapping(r, u.Table)
	p, res, err := s.Store.ImportRegister(r.Context(), c.Org.ID, u.Table, m, func(tx *store.Tx) error {
		return tx.DropUpload(r.Context(), c.Org.ID, key)
	})
	if err != nil {
		if p == nil {
			return s.renderMapping(w, r, c, key, u.Table, u.Filename, m, err)
		}
		return s.renderPlan(w, r, c, key, u, m, p, err)
	}
	s.render(w, r, c, "register_import", "Import the register", map[string]any{"Step": "done", "Filename": u.Filename, "Created": res.Created, "Updated": res.Updated})
	return nil
}

// contentsText is what a row brings, for the dry run: "concept · 2
// purposes · 1 processor".
func contentsText(c *Ctx, pr register.SummaryRow) string {
	parts := []string{regLabel(c.Lang, string(pr.Status))}
	n := pr.Contents
	for _, x := range []struct {
		n     uint16
		label string
	}{{n.Purposes, "purposes: %d"}, {n.Subjects, "categories of data subjects: %d"}, {n.DataCategories, "categories of personal data: %d"},
		{n.Processors, "processors: %d"}, {n.Recipients, "recipients: %d"}, {n.Transfers, "transfers: %d"}, {n.Measures, "security measures: %d"}} {
		if x.n > 0 {
			parts = append(parts, c.T(x.label, x.n))
		}
	}
	return strings.Join(parts, " · ")
}

// sample shortens an example value for the mapping step: the long texts
// of some registers would squeeze the field choice off the page.
func sample(v string) string {
	const most = 90
	r := []rune(v)
	if len(r) <= most {
		return v
	}
	return strings.TrimSpace(string(r[:most])) + "…"
}
