package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/csvout"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// trailPageSize is how many entries a page of the audit trail shows.
const trailPageSize = 50

// historyLimit is how many changes an object's page shows; the trail,
// filtered to the object, has the rest.
const historyLimit = 20

// historyKinds are the kinds of entry that make up an object's history:
// an agreement's includes the activities linked to it (recorded under the
// agreement's id).
func historyKinds(kind string) []string {
	if kind == "agreement" {
		return []string{"agreement", "activity_agreement"}
	}
	return []string{kind}
}

// trailFilter reads the trail's filter from the query: kind of object
// (and its id), who made the change, and a period of dates in Amsterdam
// time, the "to" date included. A bad value is an error naming the field.
func trailFilter(c *Ctx, q url.Values) (store.AuditFilter, error) {
	var f store.AuditFilter
	if k := q.Get("kind"); k != "" {
		f.Entities = historyKinds(k)
	}
	if v := q.Get("id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, apperr.Invalidf("id", "Unknown value %q.", v)
		}
		f.EntityID = id
	}
	f.Actor = q.Get("actor")
	for _, d := range []struct {
		name string
		to   *time.Time
		days int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		v := q.Get(d.name)
		if v == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", v, Amsterdam)
		if err != nil {
			return f, apperr.Invalidf(d.name, "Give a valid date.")
		}
		*d.to = t.AddDate(0, 0, d.days)
	}
	return f, nil
}

// auditPage shows the trail a page at a time, newest first, filtered.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ctx := r.Context()
	q := r.URL.Query()
	data := map[string]any{"Q": q, "Kinds": trailKinds}
	actors, err := s.Store.AuditActors(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	data["Actors"] = actors
	f, err := trailFilter(c, q)
	if err != nil {
		return s.formError(w, r, c, "audit", "Audit trail", data, err)
	}
	total, err := s.Store.AuditCount(ctx, c.Org.ID, f)
	if err != nil {
		return err
	}
	f.Page = store.Page{Limit: trailPageSize}
	f.Page.After, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	entries, err := s.Store.AuditLog(ctx, c.Org.ID, f)
	if err != nil {
		return err
	}
	// Which way more rows lie: a page read after a cursor has newer rows
	// before it, one read before a cursor has older rows after it.
	newer, older := f.Page.After > 0, f.Before > 0
	if f.Before > 0 {
		if len(entries) > trailPageSize {
			entries, newer = entries[1:], true
		}
	} else {
		entries, older = store.Trim(f.Page, entries)
	}
	rows, err := presentTrail(ctx, s.Store, c.Org.ID, c.Org.Short, c.Lang, entries)
	if err != nil {
		return err
	}
	data["Rows"], data["Total"] = rows, total
	link := func(key string, seq int64) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "after" && k != "before" {
				v[k] = vs
			}
		}
		v.Set(key, strconv.FormatInt(seq, 10))
		return "?" + v.Encode()
	}
	if n := len(entries); n > 0 {
		if newer {
			data["NewerLink"] = link("before", entries[0].Seq)
		}
		if older {
			data["OlderLink"] = link("after", entries[n-1].Seq)
		}
	}
	export := url.Values{}
	for k, vs := range q {
		if k != "after" && k != "before" {
			export[k] = vs
		}
	}
	data["ExportLink"] = "/o/" + c.Org.Short + "/audit/export?" + export.Encode()
	s.render(w, r, c, "audit", "Audit trail", data)
	return nil
}

// auditExport downloads the filtered trail as CSV, as the page shows it:
// one line per changed field, with local times and names.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	ctx := r.Context()
	f, err := trailFilter(c, r.URL.Query())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\"audit-"+c.Org.Short+".csv\"")
	cw := csvout.NewWriter(w, csvout.Options{Comma: ';', BOM: true})
	_ = cw.Write([]string{"#", c.T("When"), c.T("Who"), c.T("Action"), c.T("Kind of object"), c.T("Object"), c.T("Field"), c.T("Before"), c.T("After")})
	var batch []audit.Entry
	flush := func() error {
		rows, err := presentTrail(ctx, s.Store, c.Org.ID, c.Org.Short, c.Lang, batch)
		if err != nil {
			return err
		}
		for _, row := range rows {
			head := []string{strconv.FormatInt(row.Seq, 10), row.At.In(Amsterdam).Format("02-01-2006 15:04:05"), row.Actor, row.Action, row.Kind, row.Name}
			if len(row.Changes) == 0 {
				_ = cw.Write(append(head, "", "", ""))
			}
			for _, ch := range row.Changes {
				_ = cw.Write(append(head[:len(head):len(head)], ch.Field, ch.Before, ch.After))
			}
		}
		batch = batch[:0]
		return cw.Error()
	}
	err = s.Store.AuditEach(ctx, c.Org.ID, f, func(e audit.Entry) error {
		batch = append(batch, e)
		if len(batch) == 200 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// historyView is an object's history as its page shows it.
type historyView struct {
	Rows  []trailRow
	Total int
	Link  string // the trail filtered to the object, for those who may read the trail
}

// history reads the newest changes of one object for its page. Whoever
// may see the object sees its history: it holds nothing the page did not
// show at some time. The link to the whole trail is only there for those
// who may read the trail.
func (s *Server) history(ctx context.Context, c *Ctx, kind string, id int64) (historyView, error) {
	f := store.AuditFilter{Entities: historyKinds(kind), EntityID: id}
	total, err := s.Store.AuditCount(ctx, c.Org.ID, f)
	if err != nil {
		return historyView{}, err
	}
	f.Limit = historyLimit
	entries, err := s.Store.AuditLog(ctx, c.Org.ID, f)
	if err != nil {
		return historyView{}, err
	}
	rows, err := presentTrail(ctx, s.Store, c.Org.ID, c.Org.Short, c.Lang, entries)
	if err != nil {
		return historyView{}, err
	}
	for i := range rows {
		if rows[i].Entity != kind { // a part of the object, such as a linked activity
			rows[i].Action = rows[i].Kind + ": " + rows[i].Action
		}
	}
	h := historyView{Rows: rows, Total: total}
	if c.Can(org.ViewAudit) {
		h.Link = "/o/" + c.Org.Short + "/audit?" + url.Values{"kind": {kind}, "id": {strconv.FormatInt(id, 10)}}.Encode()
	}
	return h, nil
}
