package register

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/i18n"
)

// Action is what applying a planned row does.
type Action string

const (
	ActionCreate       Action = "create"
	ActionUpdateByCode Action = "update_by_code" // an existing activity has the row's number
	ActionUpdateByName Action = "update_by_name" // no number matched, the name did
)

// Issue is an error or warning about one cell (or a whole row when Column
// is empty). Msg is an English message id.
type Issue struct {
	Sheet  string `json:"sheet,omitempty"` // of a workbook whose sheets are read together
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Msg    string `json:"msg"`
	Args   []any  `json:"args,omitempty"`
}

// Err is the issue as an application error whose field names the place:
// "row 7, column Bewaartermijn".
func (is Issue) Err() *apperr.Error {
	return apperr.Invalidf(is.place("en"), is.Msg, is.Args...)
}

// Text is the issue in lang: "rij 7, kolom Bewaartermijn: ...".
func (is Issue) Text(lang string) string {
	return is.place(lang) + ": " + i18n.T(lang, is.Msg, is.Args...)
}

func (is Issue) place(lang string) string {
	if is.Sheet != "" {
		return i18n.T(lang, "sheet %s, row %d", is.Sheet, is.Row)
	}
	if is.Column == "" {
		return i18n.T(lang, "row %d", is.Row)
	}
	return i18n.T(lang, "row %d, column %s", is.Row, is.Column)
}

// PlannedRow is what one row of the file becomes.
type PlannedRow struct {
	Row        int      `json:"row"`
	Action     Action   `json:"action"`
	ExistingID int64    `json:"existing_id,omitempty"` // the activity an update replaces
	Activity   Activity `json:"activity"`
	Errors     []Issue  `json:"errors,omitempty"`   // the row cannot be imported
	Warnings   []Issue  `json:"warnings,omitempty"` // imported, but the register is incomplete here
	// NewMeasures are measures the row names that the catalogue does not
	// have yet: the import adds them and links them to the activity.
	NewMeasures []Measure `json:"new_measures,omitempty"`
}

// ImportPlan is the dry run of an import: everything the store needs to
// apply it in one transaction, and everything the user must see first.
type ImportPlan struct {
	Headers []string     `json:"headers"`
	Mapping Mapping      `json:"mapping"`
	Rows    []PlannedRow `json:"rows"`
}

// OK reports whether no row has an error, so the plan may be applied.
func (p *ImportPlan) OK() bool { return p.Err() == nil }

// Err lists every row error, or returns nil.
func (p *ImportPlan) Err() error {
	return errorsOf(p.Rows, func(r PlannedRow) []Issue { return r.Errors })
}

// Activities returns the activity of every row, in file order.
func (p *ImportPlan) Activities() []Activity {
	out := make([]Activity, len(p.Rows))
	for i, r := range p.Rows {
		out[i] = r.Activity
	}
	return out
}

// Count returns how many rows take action a.
func (p *ImportPlan) Count(a Action) int {
	return countOf(p.Rows, a, func(r PlannedRow) Action { return r.Action })
}

// checkMapping refuses unknown fields, a mapping without a name column, and
// two columns on one field: merging them could be meant for list fields,
// but is more often a slip in the mapping step, and silently losing one
// column is worse than asking.
func checkMapping(t *Table, m Mapping) error {
	var l apperr.List
	by := map[Field]string{}
	for _, h := range t.Headers {
		f := m[h]
		if !known(f) {
			l = append(l, apperr.Invalidf(h, "Unknown field %q in the column mapping.", f))
			continue
		}
		if f == FieldExtra || f == FieldIgnore {
			continue
		}
		if prev, dup := by[f]; dup {
			l = append(l, apperr.Invalidf(h, "Columns %s and %s are both mapped to %s.", prev, h, f))
		}
		by[f] = h
	}
	if _, ok := by[FieldName]; !ok {
		l = append(l, apperr.Invalidf("mapping", "No column is mapped to the name of the processing activity."))
	}
	return l.Err()
}

// Plan turns a parsed table into activities, matching each row to an
// existing activity by number, else by name, and resolving the measures
// and agreements it names in refs (the organisation's own). It returns an
// error only when the mapping itself is unusable; problems in rows are in
// the plan. The dry run and the import both plan with a Planner, so the
// dry run finds every error the import would.
func Plan(t *Table, m Mapping, existing []Activity, refs Refs) (*ImportPlan, error) {
	keys := make([]Key, len(existing))
	full := make(map[int64]*Activity, len(existing))
	for i := range existing {
		keys[i] = KeyOf(&existing[i])
		full[existing[i].ID] = &existing[i]
	}
	pl, err := NewPlanner(t, m, keys, refs)
	if err != nil {
		return nil, err
	}
	return &ImportPlan{Headers: t.Headers, Mapping: m, Rows: pl.Rows(0, pl.Len(), full)}, nil
}

// Key is what matching a row to an existing activity looks at.
type Key struct {
	ID   int64
	Code string
	Name string
}

// KeyOf is a's key.
func KeyOf(a *Activity) Key { return Key{ID: a.ID, Code: a.Code, Name: a.Name} }

// Planner plans the rows of an import a range at a time, so the store can
// write a chunk of rows and let their activities go: an import of 100,000
// rows then holds one chunk's activities, not the whole file's twice. What
// spans the file (a number given twice, two rows updating one activity) is
// worked out once, up front, from each row's number and match.
type Planner struct {
	t        *Table
	m        Mapping
	existing []Key
	header   map[Field]string
	idx      map[string]int
	refs     *refIndex
	match    []int32          // per row: the existing activity it updates, or -1
	action   []Action         // per row
	dups     map[int][]Issue  // per row index: the errors of the file-wide checks
	byName   map[string][]int // folded name: indexes in existing
}

// NewPlanner checks the mapping and matches every row of t to the
// existing activities, of which it needs only the keys.
func NewPlanner(t *Table, m Mapping, existing []Key, refs Refs) (*Planner, error) {
	if err := checkMapping(t, m); err != nil {
		return nil, err
	}
	pl := &Planner{t: t, m: m, existing: existing, header: map[Field]string{}, idx: make(map[string]int, len(t.Headers)),
		refs: refs.index(), match: make([]int32, len(t.Rows)), action: make([]Action, len(t.Rows)), byName: map[string][]int{}}
	for _, h := range t.Headers {
		pl.header[m[h]] = h
	}
	for i, h := range t.Headers {
		pl.idx[h] = i
	}
	byCode := map[string]int{}
	for i, a := range existing {
		if a.Code != "" {
			byCode[a.Code] = i
		}
		pl.byName[fold(a.Name)] = append(pl.byName[fold(a.Name)], i)
	}
	codes := make(map[string][]int)  // the number a row ends with: row indexes
	targets := make(map[int64][]int) // the activity a row updates: row indexes
	for i := range t.Rows {
		rc := pl.rowCtx(i, nil)
		code, name := rc.code(), rc.get(FieldName)
		pl.match[i], pl.action[i] = -1, ActionCreate
		if j, ok := byCode[code]; ok && code != "" {
			pl.match[i], pl.action[i] = int32(j), ActionUpdateByCode
		} else if js := pl.byName[fold(name)]; name != "" && len(js) == 1 {
			pl.match[i], pl.action[i] = int32(js[0]), ActionUpdateByName
		}
		// The number the row's activity ends with: the row's own when the
		// file has a number column, else the one it updates.
		if !rc.has(FieldCode) {
			code = ""
			if j := pl.match[i]; j >= 0 {
				code = existing[j].Code
			}
		}
		if code != "" {
			codes[code] = append(codes[code], i)
		}
		if j := pl.match[i]; j >= 0 {
			targets[existing[j].ID] = append(targets[existing[j].ID], i)
		}
	}
	pl.markDuplicates(codes, targets)
	return pl, nil
}

// Len is the number of rows to plan.
func (pl *Planner) Len() int { return len(pl.t.Rows) }

// Empty is the summary without rows: the headers and the mapping.
func (pl *Planner) Empty() *Summary {
	return &Summary{Headers: pl.t.Headers, Mapping: pl.m, Rows: make([]SummaryRow, 0, pl.Len())}
}

// Updates lists the existing activities that rows from up to to update.
func (pl *Planner) Updates(from, to int) []int64 {
	var ids []int64
	for i := from; i < to; i++ {
		if j := pl.match[i]; j >= 0 {
			ids = append(ids, pl.existing[j].ID)
		}
	}
	return ids
}

// Rows plans rows from up to (not including) to; full holds the whole
// records of the activities they update (Updates(from, to)).
func (pl *Planner) Rows(from, to int, full map[int64]*Activity) []PlannedRow {
	out := make([]PlannedRow, 0, to-from)
	for i := from; i < to; i++ {
		pr := PlannedRow{Row: pl.t.Rows[i].Num, Action: pl.action[i]}
		rc := pl.rowCtx(i, &pr)
		base := Activity{Status: StatusConcept}
		if j := pl.match[i]; j >= 0 {
			k := pl.existing[j]
			base = Activity{ID: k.ID, Code: k.Code, Name: k.Name} // only if full lacks it
			if a, ok := full[k.ID]; ok {
				base = clone(*a)
			}
		} else if name := rc.get(FieldName); name != "" && len(pl.byName[fold(name)]) > 1 {
			rc.fail(FieldName, "Several existing activities are named %q: give the row a number.", name)
		}
		pr.ExistingID = base.ID
		rc.apply(&base, rc.code())
		pr.Activity = base
		pr.Errors = append(pr.Errors, pl.dups[i]...)
		out = append(out, pr)
	}
	return out
}

// Loader returns the whole records of the existing activities with the
// given ids (see Planner.Rows).
type Loader func(ids []int64) (map[int64]*Activity, error)

// Summary plans every row, a chunk at a time, and keeps of each only what
// a report shows: the dry run of a large file then does not hold all its
// activities. load (nil when the planner has whole records) reads the
// activities each chunk updates.
func (pl *Planner) Summary(load Loader) (*Summary, error) {
	s := pl.Empty()
	for from := 0; from < pl.Len(); from += SummaryChunk {
		to := min(from+SummaryChunk, pl.Len())
		full, err := pl.Load(load, from, to)
		if err != nil {
			return nil, err
		}
		for _, r := range pl.Rows(from, to, full) {
			s.Rows = append(s.Rows, r.Summary())
		}
	}
	return s, nil
}

// Load reads with load the whole records of the activities rows from up
// to to update; nil when load is nil.
func (pl *Planner) Load(load Loader, from, to int) (map[int64]*Activity, error) {
	if load == nil {
		return nil, nil
	}
	ids := pl.Updates(from, to)
	if len(ids) == 0 {
		return nil, nil
	}
	return load(ids)
}

// SummaryChunk is how many rows a dry run or an import plans at a time.
const SummaryChunk = 1000

func (pl *Planner) rowCtx(i int, pr *PlannedRow) rowCtx {
	return rowCtx{t: pl.t, m: pl.m, row: pl.t.Rows[i], pr: pr, header: pl.header, idx: pl.idx, refs: pl.refs}
}

// markDuplicates flags rows that share a number, or update the same
// existing activity: each such row gets the error, so the user sees both.
func (pl *Planner) markDuplicates(codes map[string][]int, targets map[int64][]int) {
	pl.dups = map[int][]Issue{}
	// rowsOf lists the rows of a group once (at most ten), so a file with
	// thousands of equal numbers does not build thousands of long messages.
	rowsOf := func(idx []int) string {
		var s []string
		for _, i := range idx[:min(len(idx), 10)] {
			s = append(s, strconv.Itoa(pl.t.Rows[i].Num))
		}
		if len(idx) > 10 {
			s = append(s, "...")
		}
		return strings.Join(s, ", ")
	}
	hasCode := map[int]bool{}
	for code, idx := range codes {
		for _, i := range idx {
			hasCode[i] = true
		}
		if len(idx) > 1 {
			rows := rowsOf(idx)
			for _, i := range idx {
				pl.dups[i] = append(pl.dups[i], Issue{Row: pl.t.Rows[i].Num, Column: pl.header[FieldCode],
					Msg: "Number %s appears more than once in the file (rows %s).", Args: []any{code, rows}})
			}
		}
	}
	for _, idx := range targets {
		if len(idx) > 1 && !hasCode[idx[0]] {
			rows := rowsOf(idx)
			for _, i := range idx {
				pl.dups[i] = append(pl.dups[i], Issue{Row: pl.t.Rows[i].Num, Column: pl.header[FieldName],
					Msg: "Rows %s would all update the same activity.", Args: []any{rows}})
			}
		}
	}
}
func clone(a Activity) Activity {
	a.Purposes = slices.Clone(a.Purposes)
	a.SubjectCategories = slices.Clone(a.SubjectCategories)
	a.DataCategories = slices.Clone(a.DataCategories)
	a.Systems = slices.Clone(a.Systems)
	a.Processors = slices.Clone(a.Processors)
	a.Recipients = slices.Clone(a.Recipients)
	a.Transfers = slices.Clone(a.Transfers)
	a.MeasureIDs = slices.Clone(a.MeasureIDs)
	a.JointControllers = slices.Clone(a.JointControllers)
	a.Extra = maps.Clone(a.Extra)
	return a
}

// rowCtx reads one row's cells by field and records its issues.
type rowCtx struct {
	t      *Table
	m      Mapping
	row    Row
	pr     *PlannedRow
	header map[Field]string
	idx    map[string]int // header -> cell index
	refs   *refIndex
}

func (rc *rowCtx) get(f Field) string {
	h, ok := rc.header[f]
	if !ok {
		return ""
	}
	return rc.cell(h)
}

func (rc *rowCtx) cell(h string) string {
	if i, ok := rc.idx[h]; ok && i < len(rc.row.Cells) {
		return rc.row.Cells[i]
	}
	return ""
}

func (rc *rowCtx) has(f Field) bool { _, ok := rc.header[f]; return ok }

func (rc *rowCtx) fail(f Field, msg string, args ...any) {
	rc.pr.Errors = append(rc.pr.Errors, Issue{Row: rc.row.Num, Column: rc.header[f], Msg: msg, Args: args})
}

func (rc *rowCtx) warn(f Field, msg string, args ...any) {
	rc.pr.Warnings = append(rc.pr.Warnings, Issue{Row: rc.row.Num, Column: rc.header[f], Msg: msg, Args: args})
}

func (rc *rowCtx) failErr(f Field, err error) {
	if ce, ok := err.(*cellError); ok {
		rc.fail(f, ce.msg, ce.args...)
		return
	}
	rc.fail(f, "%s", err.Error())
}

// composed reports whether the row's number is built from its category
// and department number.
func (rc *rowCtx) composed() bool { return intRE.MatchString(rc.get(FieldCode)) }

var leadingNum = regexp.MustCompile(`^(\d{1,3})\s+(.+)$`)

// code builds the activity number. Registers on the BiSC model number rows
// within a department ("1 HR", Nr 1..7) under a category (1 intern, 2
// extern), so the number alone repeats; the full number is
// category.department.number ("1.1.2"), which is unique. Only a plain
// number is composed; "1.1.2" as exported is taken as it is.
func (rc *rowCtx) code() string {
	code := rc.get(FieldCode)
	if !rc.composed() {
		return code
	}
	var parts []string
	if c := rc.get(FieldCategory); intRE.MatchString(c) {
		parts = append(parts, c)
	}
	if m := leadingNum.FindStringSubmatch(rc.get(FieldDepartment)); m != nil {
		parts = append(parts, m[1])
	}
	return strings.Join(append(parts, code), ".")
}

func (rc *rowCtx) apply(a *Activity, code string) {
	if rc.has(FieldCode) {
		a.Code = code
	}
	str := map[Field]*string{
		FieldName: &a.Name, FieldDomain: &a.Domain, FieldOwner: &a.Owner, FieldContact: &a.Contact,
		FieldDescription: &a.Description, FieldCleanup: &a.CleanupMoment, FieldDPIARef: &a.DPIARef,
		FieldConsent: &a.ConsentRecords, FieldLastReviewedBy: &a.LastReviewedBy,
	}
	for f, p := range str {
		if rc.has(f) {
			*p = rc.get(f)
		}
	}
	if rc.has(FieldDepartment) {
		a.Department = rc.get(FieldDepartment)
		if m := leadingNum.FindStringSubmatch(a.Department); m != nil && rc.composed() {
			a.Department = m[2] // the number went into the code
		}
	}
	if c := rc.get(FieldCategory); c != "" && !(rc.composed() && intRE.MatchString(c)) {
		rc.extra(a, rc.header[FieldCategory], c) // not part of the number: keep it
	}
	lists := map[Field]*[]string{FieldSubjects: &a.SubjectCategories, FieldSystems: &a.Systems, FieldRecipients: &a.Recipients}
	for f, p := range lists {
		if rc.has(f) {
			*p = splitList(rc.get(f), ",;\n")
		}
	}
	if rc.has(FieldStatus) {
		rc.status(a)
	}
	if rc.has(FieldPurposes) {
		a.Purposes = rc.purposes(rc.get(FieldPurposes))
	}
	if rc.has(FieldLawfulBasis) {
		if b, err := parseBasis(rc.get(FieldLawfulBasis)); err != nil {
			rc.failErr(FieldLawfulBasis, err)
		} else if b != "" {
			if len(a.Purposes) == 0 {
				a.Purposes = []Purpose{{Description: a.Name}}
			}
			for i := range a.Purposes {
				a.Purposes[i].LawfulBasis = b
			}
		}
	}
	if rc.has(FieldDataCategories) {
		a.DataCategories = rc.dataCategories(rc.get(FieldDataCategories))
	}
	if rc.has(FieldSpecialData) {
		v := rc.get(FieldSpecialData)
		if y, ok := yesNo(v); ok && y && !a.HasKind(KindSpecial) {
			a.DataCategories = append(a.DataCategories, DataCategory{Name: SpecialDataName, Kind: KindSpecial})
		} else if !ok && !isNone(v) && answer(v) != AnswerUnknown && answer(v) != AnswerNA {
			rc.fail(FieldSpecialData, "Expected yes or no, got %q.", v)
		}
	}
	if rc.has(FieldRetention) {
		a.Retention = ParseRetention(rc.get(FieldRetention))
	}
	if rc.has(FieldProcessors) {
		a.Processors = rc.processors(rc.get(FieldProcessors))
	}
	rc.agreement(a)
	if rc.has(FieldTransfers) {
		a.Transfers = rc.transfers(rc.get(FieldTransfers))
	}
	if rc.has(FieldMeasures) {
		rc.measures(a, rc.get(FieldMeasures))
	}
	if rc.has(FieldRiskAnalysis) {
		b, err := parseBoolPtr(rc.get(FieldRiskAnalysis))
		if err != nil {
			rc.failErr(FieldRiskAnalysis, err)
		}
		a.RiskAnalysisDone = b
	}
	if rc.has(FieldDPIA) {
		d, err := parseDPIA(rc.get(FieldDPIA))
		if err != nil {
			rc.failErr(FieldDPIA, err)
		}
		a.DPIANeeded = d
	}
	if rc.has(FieldJointControllers) {
		a.JointControllers = nil
		for _, p := range rc.lines(rc.get(FieldJointControllers)) {
			a.JointControllers = append(a.JointControllers, JointController{Name: p[0], Arrangement: part(p, 1)})
		}
	}
	if rc.has(FieldOptInMail) {
		a.OptInMail = answer(rc.get(FieldOptInMail))
	}
	if rc.has(FieldInEU) {
		a.InEU = answer(rc.get(FieldInEU))
	}
	if rc.has(FieldOccasional) {
		v := rc.get(FieldOccasional)
		y, ok := yesNo(v)
		if !ok && v != "" {
			rc.fail(FieldOccasional, "Expected yes or no, got %q.", v)
		}
		a.Occasional = y
	}
	dates := map[Field]**time.Time{FieldLastReviewedAt: &a.LastReviewedAt, FieldNextReviewAt: &a.NextReviewAt}
	for f, p := range dates {
		if rc.has(f) {
			d, err := parseDate(rc.get(f))
			if err != nil {
				rc.failErr(f, err)
			}
			*p = d
		}
	}
	for _, h := range rc.t.Headers {
		if rc.m[h] == FieldExtra {
			rc.extra(a, h, rc.cell(h))
		}
	}
	rc.validate(a)
}

func (rc *rowCtx) extra(a *Activity, h, v string) {
	if v == "" {
		return
	}
	if a.Extra == nil {
		a.Extra = map[string]string{}
	}
	a.Extra[h] = v
}

// validate turns Validate's findings into issues on the row's columns:
// shape errors block the row, legal gaps are warnings (a register being
// imported is usually still a concept).
func (rc *rowCtx) validate(a *Activity) {
	shape, legal := check(a)
	column := func(e *apperr.Error) string {
		f := e.Field
		if i := strings.IndexAny(f, "[."); i >= 0 {
			f = f[:i]
		}
		return rc.header[Field(f)]
	}
	for _, e := range shape {
		rc.pr.Errors = append(rc.pr.Errors, Issue{Row: rc.row.Num, Column: column(e), Msg: e.Msg, Args: e.Args})
	}
	for _, e := range legal {
		rc.pr.Warnings = append(rc.pr.Warnings, Issue{Row: rc.row.Num, Column: column(e), Msg: e.Msg, Args: e.Args})
	}
}

// status reads the status cell. A value the importer does not know takes
// the status the mapping step chose for it; without an answer the row is
// imported as it stands (a concept when new) with a warning: an unknown
// word must not stop an import.
func (rc *rowCtx) status(a *Activity) {
	v := rc.get(FieldStatus)
	s, err := parseStatus(v)
	if err != nil {
		ans := Status(rc.m[StatusValueKey(v)])
		if _, ok := statusLabels[ans]; !ok {
			rc.warn(FieldStatus, "Unknown status %q: the activity keeps its status (a new one is a concept); choose a status for this value in the mapping step.", v)
			return
		}
		s = ans
	}
	if s != "" {
		a.Status = s
	}
}
