package register

import (
	"regexp"
	"strconv"
	"strings"
)

// Refs are what activities refer to by database id within an organisation:
// the measures of its catalogue and its processor agreements. Exports
// write names instead of ids ("Encryption | technical", an agreement's
// title) and an import resolves the names against the importing
// organisation's own, so a register moves into another organisation or a
// fresh installation; ids would point at nothing there, or at someone
// else's records.
type Refs struct {
	Measures   []Measure
	Agreements map[int64]string // agreement id -> title
}

// refIndex looks names and ids up for an import.
type refIndex struct {
	measureByName map[string][]int64
	measureByID   map[int64]bool
	agreementBy   map[string][]int64
	agreementByID map[int64]bool
}

func (r Refs) index() *refIndex {
	x := &refIndex{measureByName: map[string][]int64{}, measureByID: map[int64]bool{},
		agreementBy: map[string][]int64{}, agreementByID: map[int64]bool{}}
	for _, m := range r.Measures {
		x.measureByName[fold(m.Name)] = append(x.measureByName[fold(m.Name)], m.ID)
		x.measureByID[m.ID] = true
	}
	for id, title := range r.Agreements {
		x.agreementBy[fold(title)] = append(x.agreementBy[fold(title)], id)
		x.agreementByID[id] = true
	}
	return x
}

func (r Refs) measure(id int64) (Measure, bool) {
	for _, m := range r.Measures {
		if m.ID == id {
			return m, true
		}
	}
	return Measure{}, false
}

// measuresCell writes one measure per line: "Name | kind".
func (r Refs) measuresCell(ids []int64, lang string) string {
	l := make([]string, len(ids))
	for i, id := range ids {
		if m, ok := r.measure(id); ok {
			l[i] = joinParts(m.Name, labelOf(measureKindLabels, m.Kind, lang))
		} else {
			l[i] = "#" + strconv.FormatInt(id, 10) // not in the catalogue given: no name to write
		}
	}
	return strings.Join(l, "\n")
}

// agreementCell names an agreement by its title.
func (r Refs) agreementCell(id *int64) string {
	if id == nil {
		return ""
	}
	if t, ok := r.Agreements[*id]; ok {
		return t
	}
	return "#" + strconv.FormatInt(*id, 10)
}

// legacyIDs matches a cell of bare measure numbers as earlier exports
// wrote them ("1, 7").
var legacyIDs = regexp.MustCompile(`^#?\d+(?:[\s,;]+#?\d+)*$`)

// measures reads the measures cell: names ("Name | kind", one per line)
// resolved in the organisation's catalogue, or the numbers of earlier
// exports, which must be the organisation's own. A name not in the
// catalogue with a kind is added to it by the import (a warning says so);
// without a kind it is an error, as is a number the organisation does not
// have.
func (rc *rowCtx) measures(a *Activity, s string) {
	a.MeasureIDs = nil
	if strings.TrimSpace(s) == "" || isNone(s) {
		return
	}
	if legacyIDs.MatchString(strings.TrimSpace(s)) {
		for _, v := range splitList(s, ",; \n") {
			id, err := strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64)
			if err != nil || id <= 0 {
				rc.fail(FieldMeasures, "Not a measure number: %q.", v)
				continue
			}
			if !rc.refs.measureByID[id] {
				rc.fail(FieldMeasures, "Unknown security measure %d.", id)
				continue
			}
			a.MeasureIDs = append(a.MeasureIDs, id)
		}
		return
	}
	for _, p := range rc.lines(s) {
		name := p[0]
		ids := rc.refs.measureByName[fold(name)]
		switch {
		case len(ids) == 1:
			a.MeasureIDs = append(a.MeasureIDs, ids[0])
		case len(ids) > 1:
			rc.fail(FieldMeasures, "Several security measures in the catalogue are named %q.", name)
		default:
			kind, ok := fromLabel(measureKindLabels, part(p, 1))
			if !ok {
				rc.fail(FieldMeasures, "Unknown security measure %q: add it to the catalogue first, or write its kind after it (%s | technical).", name, name)
				continue
			}
			rc.pr.NewMeasures = append(rc.pr.NewMeasures, Measure{Name: name, Kind: kind})
			rc.warn(FieldMeasures, "Security measure %q is not in the catalogue yet: the import adds it.", name)
		}
	}
}

// agreementRef resolves the agreement part of a processor: the title of
// one of the organisation's agreements, or the number earlier exports
// wrote, which must be the organisation's own. A title the organisation
// does not have leaves the processor without a link, with a warning.
func (rc *rowCtx) agreementRef(v string) *int64 {
	if v == "" {
		return nil
	}
	if n, err := strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64); err == nil {
		if n <= 0 || !rc.refs.agreementByID[n] {
			rc.fail(FieldProcessors, "Unknown processor agreement %s.", v)
			return nil
		}
		return &n
	}
	ids := rc.refs.agreementBy[fold(v)]
	if len(ids) != 1 {
		rc.warn(FieldProcessors, "No single processor agreement titled %q in this organisation: the processor is imported without the link.", v)
		return nil
	}
	id := ids[0]
	return &id
}

// FoldName is the form in which names are compared: lower case, without
// accents, spaces or punctuation.
func FoldName(s string) string { return fold(s) }
