package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/report"
	"privacyregister/internal/store"
)

// ---- export ----

// ExportFilename is a safe download name: letters, digits and hyphens of
// the organisation's short name, and the date.
func ExportFilename(short, date, ext string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(short) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	name := "verwerkingsregister"
	if b.Len() > 0 {
		name += "-" + b.String()
	}
	return name + "-" + date + ext
}

// SendDownload sends body as an attachment named name.
func SendDownload(w http.ResponseWriter, mediaType, name string, body []byte) {
	w.Header().Set("Content-Type", mediaType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}

// registerExport downloads the register as the list shows it (its
// filters, all pages).
func (s *Server) registerExport(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	q := r.URL.Query()
	format := q.Get("format")
	typ, ok := report.RegisterFormats[format]
	if !ok {
		return apperr.Invalidf("format", "Unknown export format %q: use xlsx, csv, json or pdf.", format)
	}
	f := registerFilter(q)
	f.Sort = "code"
	acts, _, err := s.Store.Activities(r.Context(), c.Org.ID, f)
	if err != nil {
		return err
	}
	refs, err := s.Store.RegisterRefs(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteRegister(&buf, format, report.OrgInfo(c.Org), acts, refs, c.Lang); err != nil {
		return err
	}
	SendDownload(w, typ[1], ExportFilename(c.Org.Short, s.Store.Now().In(Amsterdam).Format("2006-01-02"), typ[0]), buf.Bytes())
	return nil
}

// ---- the catalogue of security measures ----

func (s *Server) measuresPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderMeasures(w, r, c, map[string]any{})
}

func (s *Server) renderMeasures(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any) error {
	ms, err := s.Store.Measures(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	data["Measures"], data["F"], data["CanEdit"] = ms, regFmt{c.Lang}, c.Can(org.EditAdministration)
	data["Kinds"] = []register.MeasureKind{register.Technical, register.Organisational}
	s.render(w, r, c, "register_measures", "Security measures", data)
	return nil
}

func measureFromForm(r *http.Request) register.Measure {
	return register.Measure{Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), Kind: register.MeasureKind(r.PostFormValue("kind"))}
}

func (s *Server) measureSaved(w http.ResponseWriter, r *http.Request, c *Ctx, err error) error {
	if err != nil {
		if st := status(err); st == http.StatusInternalServerError || st == http.StatusNotFound {
			return err
		}
		w.WriteHeader(status(err))
		return s.renderMeasures(w, r, c, map[string]any{"Errors": regMessages(c, err)})
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/measures", "saved")
	return nil
}

func (s *Server) measureCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	m := measureFromForm(r)
	return s.measureSaved(w, r, c, s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateMeasure(r.Context(), c.Org.ID, &m) }))
}

func (s *Server) measureUpdate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "measure")
	if err != nil {
		return err
	}
	m := measureFromForm(r)
	m.ID = id
	return s.measureSaved(w, r, c, s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.UpdateMeasure(r.Context(), c.Org.ID, &m) }))
}

func (s *Server) measureDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	id, err := pathID(r, "measure")
	if err != nil {
		return err
	}
	return s.measureSaved(w, r, c, s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteMeasure(r.Context(), c.Org.ID, id) }))
}

// ---- the processor's register (art. 30(2)) ----

func (s *Server) processorRegister(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if id := r.URL.Query().Get("agreement"); id != "" && c.Can(org.EditAdministration) {
		return s.processorFromAgreementPage(w, r, c, id)
	}
	return s.renderProcessor(w, r, c, &register.ProcessorRecord{}, map[string]any{})
}

func (s *Server) renderProcessor(w http.ResponseWriter, r *http.Request, c *Ctx, edit *register.ProcessorRecord, data map[string]any) error {
	recs, err := s.Store.ProcessorRecords(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	ms, err := s.Store.Measures(r.Context(), c.Org.ID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	chosen := map[int64]bool{}
	for _, id := range edit.MeasureIDs {
		chosen[id] = true
	}
	var opts []option
	for _, m := range ms {
		names[m.ID] = m.Name
		opts = append(opts, option{strconv.FormatInt(m.ID, 10), m.Name, chosen[m.ID]})
	}
	type recView struct {
		register.ProcessorRecord
		MeasureNames []string
	}
	views := make([]recView, len(recs))
	for i, p := range recs {
		views[i] = recView{ProcessorRecord: p}
		for _, id := range p.MeasureIDs {
			views[i].MeasureNames = append(views[i].MeasureNames, names[id])
		}
	}
	data["Records"], data["Edit"], data["Measures"], data["F"] = views, edit, opts, regFmt{c.Lang}
	data["Transfers"], data["Countries"] = regPad(edit.Transfers), regCountryOptions(c.Lang)
	data["CanEdit"], data["IsProcessor"] = c.Can(org.EditAdministration), c.Org.IsProcessor()
	if data["Pending"], err = s.processorAgreements(r, c, recs); err != nil {
		return err
	}
	s.render(w, r, c, "register_processor", "Processor's register", data)
	return nil
}

func processorFromForm(r *http.Request, p *register.ProcessorRecord) apperr.List {
	f := r.PostForm
	v := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	p.ControllerName, p.ControllerContact, p.ControllerDPO, p.Representative = v("controller_name"), v("controller_contact"), v("controller_dpo"), v("representative")
	p.ProcessingCategories = regLines(f.Get("categories"))
	p.MeasuresDescription = v("measures_description")
	p.AgreementID = nil
	if id, err := strconv.ParseInt(v("agreement_id"), 10, 64); err == nil {
		p.AgreementID = &id
	}
	p.Transfers = nil
	for i, cn := range f["t_country"] {
		t := register.Transfer{Country: strings.TrimSpace(cn), Safeguard: regAt(f["t_safeguard"], i)}
		if t.Country != "" || t.Safeguard != "" {
			p.Transfers = append(p.Transfers, t)
		}
	}
	var errs apperr.List
	p.MeasureIDs = nil
	for _, s := range f["measure_ids"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, apperr.Invalidf("measure_ids", "Unknown security measure %s.", s))
			continue
		}
		p.MeasureIDs = append(p.MeasureIDs, id)
	}
	return errs
}

func (s *Server) processorSave(w http.ResponseWriter, r *http.Request, c *Ctx, p *register.ProcessorRecord) error {
	if err := r.ParseForm(); err != nil {
		return apperr.Invalidf("body", "The form could not be read.")
	}
	err := processorFromForm(r, p).Err()
	if err == nil {
		err = s.Store.InTx(r.Context(), func(tx *store.Tx) error {
			if p.ID == 0 {
				return tx.CreateProcessorRecord(r.Context(), c.Org.ID, p)
			}
			return tx.UpdateProcessorRecord(r.Context(), c.Org.ID, p)
		})
	}
	if err != nil {
		if st := status(err); st == http.StatusInternalServerError || st == http.StatusNotFound {
			return err
		}
		w.WriteHeader(status(err))
		return s.renderProcessor(w, r, c, p, map[string]any{"Errors": regMessages(c, err)})
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/processor-register", "saved")
	return nil
}

func (s *Server) processorRecordCreate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.processorSave(w, r, c, &register.ProcessorRecord{})
}

func (s *Server) processorRecordOf(r *http.Request, c *Ctx) (*register.ProcessorRecord, error) {
	id, err := pathID(r, "record")
	if err != nil {
		return nil, err
	}
	return s.Store.ProcessorRecord(r.Context(), c.Org.ID, id)
}

func (s *Server) processorRecordEdit(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.processorRecordOf(r, c)
	if err != nil {
		return err
	}
	return s.renderProcessor(w, r, c, p, map[string]any{})
}

func (s *Server) processorRecordUpdate(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.processorRecordOf(r, c)
	if err != nil {
		return err
	}
	return s.processorSave(w, r, c, p)
}

func (s *Server) processorRecordDelete(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	p, err := s.processorRecordOf(r, c)
	if err != nil {
		return err
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteProcessorRecord(r.Context(), c.Org.ID, p.ID) }); err != nil {
		return err
	}
	redirectFlash(w, r, "/o/"+c.Org.Short+"/processor-register", "deleted")
	return nil
}

// regCountryOptions lists the countries of internal/country for a choice,
// by name in lang.
func regCountryOptions(lang string) []option {
	all := country.All()
	out := make([]option, 0, len(all))
	for _, cn := range all {
		out = append(out, option{Value: cn.Code, Label: fmt.Sprintf("%s (%s)", cn.Name(lang), regLabel(lang, string(cn.Class)))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}
