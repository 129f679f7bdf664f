package web

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/audit"
	"privacyregister/internal/i18n"
	"privacyregister/internal/incident"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// trailRow is one audit entry as the pages show it: the object by its
// name, each changed field by its label and its values as the object's
// own page writes them.
type trailRow struct {
	Seq     int64
	Entity  string // the kind of object, as recorded
	At      time.Time
	Actor   string
	Action  string // in the user's language
	Kind    string // the kind of object, in the user's language
	Name    string // dossier number, reference, code and name, title ...
	Link    string // the object's page, while it exists
	Changes []trailChange
	Fold    string // with many changes, what a folded list says ("24 fields")
}

// trailFold is the number of changes beyond which a page folds them.
const trailFold = 6

// trailChange is one field of an entry: its label, before and after.
type trailChange struct{ Field, Before, After string }

// trailLinks are the fields that hold the id of another object, with the
// kind of that object: the trail shows its name instead.
var trailLinks = map[string]string{
	"activity_id": store.EntityActivity, "activity_ids": store.EntityActivity, "party_id": "party",
	"agreement_id": "agreement", "measure_ids": store.EntityMeasure, "owner_id": "user", "assignee_id": "user", "reporter_id": "user",
	"user_id": "user", "incident_id": "incident", "request_id": "request", "dpia_id": "dpia", "task_id": "task",
}

// trailPages are the pages of the objects that have one, by kind.
var trailPages = map[string]string{
	store.EntityActivity: "register", "agreement": "agreements", "activity_agreement": "agreements",
	"party": "parties", "incident": "incidents", "request": "requests", "dpia": "dpias", "task": "tasks",
}

// trailSkip are fields no reader needs: ids and stamps the row itself shows.
// (An incident's year and sequence number are its dossier number.)
var trailSkip = map[string]bool{"id": true, "org_id": true, "created_at": true, "updated_at": true, "party_name": true,
	"year": true, "seq": true}

// presenter turns audit entries into trailRows in one language.
type presenter struct {
	lang  string
	short string // the organisation's short name, for links
	names map[string]map[int64]string
}

// presentTrail turns entries into rows for the organisation short in
// lang, naming the objects they are about and those they link to, in one
// query per kind of object.
func presentTrail(ctx context.Context, st *store.Store, orgID int64, short, lang string, entries []audit.Entry) ([]trailRow, error) {
	want := map[string]map[int64]bool{}
	add := func(kind string, id int64) {
		if id == 0 {
			return
		}
		if want[kind] == nil {
			want[kind] = map[int64]bool{}
		}
		want[kind][id] = true
	}
	for _, e := range entries {
		add(nameKind(e.Entity), e.EntityID)
		for k, ch := range e.Changes {
			if kind, ok := trailLinks[store.SnakeName(k)]; ok {
				for _, id := range trailIDs(ch.Before) {
					add(kind, id)
				}
				for _, id := range trailIDs(ch.After) {
					add(kind, id)
				}
			}
		}
	}
	ids := map[string][]int64{}
	for kind, set := range want {
		for id := range set {
			ids[kind] = append(ids[kind], id)
		}
	}
	names, err := st.ObjectNames(ctx, orgID, ids)
	if err != nil {
		return nil, err
	}
	p := &presenter{lang: lang, short: short, names: names}
	out := make([]trailRow, 0, len(entries))
	for _, e := range entries {
		out = append(out, p.row(e))
	}
	return out, nil
}

// nameKind is the kind whose name an entry's object goes by: a link
// between an activity and an agreement is recorded under the agreement.
func nameKind(entity string) string {
	if entity == "activity_agreement" {
		return "agreement"
	}
	return entity
}

func trailIDs(v any) []int64 {
	switch x := v.(type) {
	case float64:
		return []int64{int64(x)}
	case []any:
		var out []int64
		for _, e := range x {
			if f, ok := e.(float64); ok {
				out = append(out, int64(f))
			}
		}
		return out
	}
	return nil
}

func (p *presenter) row(e audit.Entry) trailRow {
	r := trailRow{Seq: e.Seq, Entity: e.Entity, At: e.At, Actor: e.Actor, Action: i18n.T(p.lang, "audit action "+e.Action),
		Kind: trailKindLabel(p.lang, e.Entity)}
	kind, id := nameKind(e.Entity), e.EntityID
	name, exists := p.names[kind][id]
	if !exists {
		name = nameFromChanges(e.Changes)
		// A part of an object (a task done, an agreement's review) goes by
		// the object it belongs to and links to its page.
		if pk, pid, ok := p.parent(e.Changes); ok {
			if name == "" {
				name = p.names[pk][pid]
			}
			kind, id, exists = pk, pid, true
		}
	}
	if name == "" {
		name = "#" + strconv.FormatInt(e.EntityID, 10)
	}
	r.Name = name
	if page, ok := trailPages[kind]; ok && exists {
		r.Link = "/o/" + p.short + "/" + page + "/" + strconv.FormatInt(id, 10)
	}
	keys := make([]string, 0, len(e.Changes))
	for k := range e.Changes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		field := store.SnakeName(k)
		if trailSkip[field] {
			continue
		}
		ch := e.Changes[k]
		c := trailChange{Field: trailFieldLabel(p.lang, e.Entity, field),
			Before: p.value(e.Entity, field, ch.Before), After: p.value(e.Entity, field, ch.After)}
		if c.Before == "" && c.After == "" {
			continue // an empty field set on creation
		}
		r.Changes = append(r.Changes, c)
	}
	if len(r.Changes) > trailFold {
		r.Fold = i18n.T(p.lang, "%d fields", len(r.Changes))
	}
	return r
}

// parent finds the existing object an entry's changes belong to.
func (p *presenter) parent(ch map[string]audit.Change) (string, int64, bool) {
	for _, k := range []string{"agreement_id", "incident_id", "task_id", "request_id", "dpia_id"} {
		c, ok := ch[k]
		if !ok {
			continue
		}
		for _, v := range []any{c.After, c.Before} {
			if f, ok := v.(float64); ok {
				kind := trailLinks[k]
				if _, ok := p.names[kind][int64(f)]; ok {
					return kind, int64(f), true
				}
			}
		}
	}
	return "", 0, false
}

// nameFromChanges names an object that no longer exists from what its
// entry recorded.
func nameFromChanges(ch map[string]audit.Change) string {
	for _, k := range []string{"dossier", "reference", "Reference", "title", "name", "controller_name", "subprocessor", "email", "label"} {
		c, ok := ch[k]
		if !ok {
			continue
		}
		for _, v := range []any{c.After, c.Before} {
			if s, ok := v.(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// value writes a field's value as the pages do.
func (p *presenter) value(entity, field string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return i18n.T(p.lang, "Yes")
		}
		return i18n.T(p.lang, "No")
	case float64:
		if kind, ok := trailLinks[field]; ok {
			if x == 0 {
				return "" // no one, nothing linked
			}
			return p.ref(kind, int64(x))
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return trailTime(field, t)
		}
		if l, ok := trailEnumLabel(p.lang, entity, field, x); ok {
			return l
		}
		return x
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s := p.value(entity, field, e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		return p.object(entity, field, x)
	}
	return fmt.Sprint(v)
}

// ref names a linked object, or numbers it when it is gone.
func (p *presenter) ref(kind string, id int64) string {
	if n, ok := p.names[kind][id]; ok {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

// trailTime writes a date field as a date and a moment in Amsterdam time.
func trailTime(field string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.In(Amsterdam)
	if strings.HasSuffix(field, "_on") || field == "last_done" || local.Format("15:04:05") == "00:00:00" ||
		t.UTC().Format("15:04:05.000000000") == "00:00:00.000000000" {
		return local.Format("02-01-2006")
	}
	return local.Format("02-01-2006 15:04")
}

// object writes a value made of fields: a retention period as "2 jaar", a
// range as "10 tot 100", the incident's phases by name, others as
// "label: value" pairs.
func (p *presenter) object(entity, field string, m map[string]any) string {
	snake := make(map[string]any, len(m))
	for k, v := range m {
		snake[store.SnakeName(k)] = v
	}
	m = snake
	if _, ok := m["unit"]; ok {
		if _, ok := m["amount"]; ok {
			var r register.Retention
			if data, err := json.Marshal(m); err == nil && json.Unmarshal(data, &r) == nil {
				return r.Format(p.lang)
			}
		}
	}
	if len(m) == 2 && m["min"] != nil && m["max"] != nil {
		lo, _ := m["min"].(float64)
		hi, _ := m["max"].(float64)
		return trailRange(p.lang, int(lo), int(hi))
	}
	if entity == "incident" && field == "phases" { // in the order of the procedure
		var parts []string
		for _, ph := range incident.Phases {
			if st, ok := m[string(ph)].(string); ok {
				parts = append(parts, incident.Label(p.lang, ph)+": "+incident.Label(p.lang, incident.PhaseState(st)))
			}
		}
		return strings.Join(parts, ", ")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if trailSkip[k] {
			continue
		}
		if s := p.value(entity, k, m[k]); s != "" && s != "0" {
			parts = append(parts, trailFieldLabel(p.lang, entity, k)+": "+s)
		}
	}
	return strings.Join(parts, ", ")
}

// trailRange writes a number that is known between lo and hi (0: not known).
func trailRange(lang string, lo, hi int) string {
	switch {
	case lo == 0 && hi == 0:
		return i18n.T(lang, "Unknown")
	case lo == hi:
		return strconv.Itoa(lo)
	case hi == 0:
		return i18n.T(lang, "at least %d", lo)
	case lo == 0:
		return i18n.T(lang, "at most %d", hi)
	}
	return i18n.T(lang, "%d to %d", lo, hi)
}
