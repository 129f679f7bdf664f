package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/deadline"
	"privacyregister/internal/request"
	"privacyregister/internal/webhook"
)

// RequestCalendar is the installation's calendar of legal periods:
// statutory Dutch holidays, the embedded decree days and those of the
// --decree-days file. Set it before serving and only read it after (serve
// replaces it, never changes it); requests count on Store.Calendar, which
// adds the organisation's own days to a copy.
var RequestCalendar = deadline.DefaultCalendar()

// SubjectRequest is a request of a data subject as the administration keeps
// it: the domain request plus the steps taken on it.
type SubjectRequest struct {
	request.Request
	OrgID     int64         `json:"-"`
	Steps     []RequestStep `json:"steps"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// Step kinds.
const (
	StepForwarded = "forwarded"        // asked a processor to assist
	StepAnswer    = "processor_answer" // a processor's answer
	StepReply     = "reply"            // our reply to the requester (a copy)
	StepRefusal   = "refusal"          // our (partial) refusal, with the art. 12(4) text
	StepNote      = "note"
)

// RequestStep is one thing done on a request. Processors are named as
// text: the agreement they are bound by is recorded elsewhere.
type RequestStep struct {
	Kind      string    `json:"kind"`
	At        time.Time `json:"at"`
	Processor string    `json:"processor,omitempty"`
	Contact   string    `json:"contact,omitempty"`
	Text      string    `json:"text,omitempty"`
	By        string    `json:"by,omitempty"`
}

var stepKinds = map[string]bool{StepForwarded: true, StepAnswer: true, StepReply: true, StepRefusal: true, StepNote: true}

// RequestFilter narrows a list of requests.
type RequestFilter struct {
	Year     int  // of receipt, in Amsterdam; 0 for all
	OpenOnly bool // not yet answered, refused or closed
	Page     Page // the zero Page: all, the soonest deadline first
}

// openStatesSQL is the condition "state is open" (request.OpenStates) with
// its arguments, to append to a query.
func openStatesSQL() (string, []any) {
	args := make([]any, len(request.OpenStates))
	for i, st := range request.OpenStates {
		args[i] = string(st)
	}
	return "state IN (?" + strings.Repeat(", ?", len(args)-1) + ")", args
}

// IsOpen reports whether the deadline still runs.
func (r *SubjectRequest) IsOpen() bool { return r.State.Open() }

// CreateRequest records a new request: its due date is computed from the
// date of receipt (art. 12(3), Reg. 1182/71), its activities must belong to
// the organisation, and a reference is given when none is.
func (tx *Tx) CreateRequest(ctx context.Context, orgID int64, r *SubjectRequest) error {
	now := tx.s.now()
	cal, err := tx.calendar(ctx, orgID)
	if err != nil {
		return err
	}
	nr := request.New(r.ReceivedAt, r.Rights, cal)
	r.ReceivedAt, r.DueAt, r.State = nr.ReceivedAt, nr.DueAt, nr.State
	r.Extension, r.Refusal, r.AnsweredAt, r.ClosedAt = nil, nil, nil, nil
	r.Reference = strings.TrimSpace(r.Reference)
	if err := request.Validate(&r.Request, now); err != nil {
		return err
	}
	if err := tx.checkActivities(ctx, orgID, "activity_ids", r.ActivityIDs); err != nil {
		return err
	}
	if r.Reference == "" {
		// The upsert locks the counter row until commit, so two concurrent
		// requests never get the same number. A new counter starts past
		// every request already there (numbered by count before it existed).
		year := r.ReceivedAt.In(deadline.Amsterdam).Year()
		var n int
		if err := tx.queryRow(ctx, `INSERT INTO request_counters (org_id, year, seq)
			VALUES (?, ?, (SELECT COUNT(*) + 1 FROM subject_requests WHERE org_id = ?))
			ON CONFLICT (org_id, year) DO UPDATE SET seq = request_counters.seq + 1 RETURNING seq`, orgID, year, orgID).Scan(&n); err != nil {
			return mapErr(err)
		}
		r.Reference = fmt.Sprintf("AVG-%d-%03d", year, n)
	}
	r.OrgID, r.CreatedAt, r.UpdatedAt = orgID, now, now
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO subject_requests (org_id, reference, state, received_at, due_at, data, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, orgID, r.Reference, string(r.State), r.ReceivedAt, r.DueAt, string(data), now, now)
	if err != nil {
		if apperr.Is(err, apperr.Conflict) {
			return apperr.Invalidf("reference", "Another request already has the reference %s.", r.Reference)
		}
		return err
	}
	r.ID = id
	if err := tx.webhookRequest(ctx, webhook.RequestReceived, r); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Create, "request", id, nil, r)
}

// checkActivities makes sure every id is a processing activity of the
// organisation, so a request or DPIA never points into another tenant.
func (tx *Tx) checkActivities(ctx context.Context, orgID int64, field string, ids []int64) error {
	for i, id := range ids {
		var n int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM activities WHERE org_id = ? AND id = ?", orgID, id).Scan(&n); err != nil {
			return mapErr(err)
		}
		if n == 0 {
			return apperr.Invalidf(fmt.Sprintf("%s[%d]", field, i), "There is no processing activity %d in this register.", id)
		}
	}
	return nil
}

const requestCols = recordCols

func scanRequest(sc interface{ Scan(...any) error }, orgID int64) (*SubjectRequest, error) {
	var r SubjectRequest
	id, created, updated, err := scanRecord(sc, "request", &r)
	if err != nil {
		return nil, err
	}
	r.ID, r.OrgID, r.CreatedAt, r.UpdatedAt = id, orgID, created, updated
	return &r, nil
}

// Request returns one request of the organisation.
func (s *Store) Request(ctx context.Context, orgID, id int64) (*SubjectRequest, error) {
	r, err := scanRequest(s.queryRow(ctx, "SELECT "+requestCols+" FROM subject_requests WHERE org_id = ? AND id = ?", orgID, id), orgID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("request not found")
	}
	return r, err
}

// Requests lists the organisation's requests, the soonest deadline first.
func (s *Store) Requests(ctx context.Context, orgID int64, f RequestFilter) ([]SubjectRequest, error) {
	q := "SELECT " + requestCols + " FROM subject_requests WHERE org_id = ?"
	args := []any{orgID}
	if f.Year != 0 {
		from := time.Date(f.Year, 1, 1, 0, 0, 0, 0, deadline.Amsterdam)
		q += " AND received_at >= ? AND received_at < ?"
		args = append(args, from.UTC(), from.AddDate(1, 0, 0).UTC())
	}
	if f.OpenOnly {
		cond, open := openStatesSQL()
		q += " AND " + cond
		args = append(args, open...)
	}
	q, args = f.Page.keyset(q, args, "id", false, "due_at, id")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SubjectRequest
	for rows.Next() {
		r, err := scanRequest(rows, orgID)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, mapErr(rows.Err())
}

// UpdateRequest loads the request, lets change alter it, validates the
// result and saves it with its audit row. Changes that break a rule of the
// request package write nothing.
func (tx *Tx) UpdateRequest(ctx context.Context, orgID, id int64, change func(r *SubjectRequest, now time.Time) error) (*SubjectRequest, error) {
	r, err := scanRequest(tx.queryRow(ctx, "SELECT "+requestCols+" FROM subject_requests WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id), orgID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("request not found")
	}
	if err != nil {
		return nil, err
	}
	before := *r
	before.Steps = append([]RequestStep(nil), r.Steps...)
	now := tx.s.now()
	if err := change(r, now); err != nil {
		return nil, err
	}
	if err := request.Validate(&r.Request, now); err != nil {
		return nil, err
	}
	if err := tx.checkActivities(ctx, orgID, "activity_ids", r.ActivityIDs); err != nil {
		return nil, err
	}
	r.UpdatedAt = now
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE subject_requests SET reference = ?, state = ?, received_at = ?, due_at = ?, answered_at = ?, closed_at = ?, data = ?, updated_at = ?
		WHERE org_id = ? AND id = ?`, r.Reference, string(r.State), r.ReceivedAt, r.DueAt, optTime(r.AnsweredAt), optTime(r.ClosedAt), string(data), now, orgID, id); err != nil {
		return nil, err
	}
	// The request is done once its deadline stops running (answered,
	// refused or closed).
	if before.State.Open() && !r.State.Open() {
		if err := tx.webhookRequest(ctx, webhook.RequestClosed, r); err != nil {
			return nil, err
		}
	}
	return r, tx.Audit(ctx, orgID, audit.Update, "request", id, before, r)
}

func optTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// ExtendRequest records the art. 12(3) extension, told to the requester at
// at; request.Extend refuses it after the first month.
func (tx *Tx) ExtendRequest(ctx context.Context, orgID, id int64, at time.Time, reason string) (*SubjectRequest, error) {
	return tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, now time.Time) error {
		if at.After(now) {
			return apperr.Invalidf("extension.at", "The extension cannot lie in the future.")
		}
		cal, err := tx.calendar(ctx, orgID)
		if err != nil {
			return err
		}
		return request.Extend(&r.Request, at, reason, cal)
	})
}

// AddRequestStep records a forward to a processor, a processor's answer or
// a note.
func (tx *Tx) AddRequestStep(ctx context.Context, orgID, id int64, st RequestStep) (*SubjectRequest, error) {
	return tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, now time.Time) error {
		if err := validStep(&st, r, now); err != nil {
			return err
		}
		if st.Kind == StepReply || st.Kind == StepRefusal {
			return apperr.Invalidf("kind", "Record a reply or refusal with its own form.")
		}
		if st.Kind == StepForwarded && r.State == request.Received {
			if err := request.Transition(&r.Request, request.InProgress, st.At); err != nil {
				return err
			}
		}
		r.Steps = append(r.Steps, st)
		return nil
	})
}

func validStep(st *RequestStep, r *SubjectRequest, now time.Time) error {
	var errs apperr.List
	st.Processor, st.Contact, st.Text = strings.TrimSpace(st.Processor), strings.TrimSpace(st.Contact), strings.TrimSpace(st.Text)
	if !stepKinds[st.Kind] {
		errs = append(errs, apperr.Invalidf("kind", "Unknown kind of step %q.", st.Kind))
	}
	switch {
	case st.At.IsZero():
		errs = append(errs, apperr.Invalidf("at", "Say when this happened."))
	case st.At.After(now):
		errs = append(errs, apperr.Invalidf("at", "The date cannot lie in the future."))
	case deadline.DueDate(st.At).Before(deadline.DueDate(r.ReceivedAt)):
		errs = append(errs, apperr.Invalidf("at", "The date cannot precede the request."))
	}
	if (st.Kind == StepForwarded || st.Kind == StepAnswer) && st.Processor == "" {
		errs = append(errs, apperr.Invalidf("processor", "Name the processor."))
	}
	if st.Kind != StepForwarded && st.Text == "" {
		errs = append(errs, apperr.Invalidf("text", "Record what was said."))
	}
	return errs.Err()
}

// ReplyRequest records the reply, with its date and a copy, and marks the
// request answered.
func (tx *Tx) ReplyRequest(ctx context.Context, orgID, id int64, at time.Time, copyText, by string) (*SubjectRequest, error) {
	return tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, now time.Time) error {
		st := RequestStep{Kind: StepReply, At: at, Text: copyText, By: by}
		if err := validStep(&st, r, now); err != nil {
			return err
		}
		if err := request.Transition(&r.Request, request.Answered, at); err != nil {
			return err
		}
		r.Steps = append(r.Steps, st)
		return nil
	})
}

// RefuseRequest records a (partial) refusal with its ground; the step keeps
// the text sent, which ends with the art. 12(4) information on complaint
// and court.
func (tx *Tx) RefuseRequest(ctx context.Context, orgID, id int64, partial bool, f request.Refusal, at time.Time, complaint, by string) (*SubjectRequest, error) {
	return tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, now time.Time) error {
		st := RequestStep{Kind: StepRefusal, At: at, Text: strings.TrimSpace(f.Explanation) + "\n\n" + complaint, By: by}
		if err := validStep(&st, r, now); err != nil {
			return err
		}
		f.Explanation = strings.TrimSpace(f.Explanation)
		r.Refusal = &f
		to := request.Refused
		if partial {
			to = request.PartiallyRefused
		}
		if err := request.Validate(&r.Request, now); err != nil {
			return err
		}
		if err := request.Transition(&r.Request, to, at); err != nil {
			return err
		}
		r.Steps = append(r.Steps, st)
		return nil
	})
}

// SetRequestState moves a request to the identity check, in progress or
// closed; the other states have their own methods.
func (tx *Tx) SetRequestState(ctx context.Context, orgID, id int64, to request.State) (*SubjectRequest, error) {
	switch to {
	case request.IdentityCheck, request.InProgress, request.Closed:
	default:
		return nil, apperr.Invalidf("state", "Use the reply, refusal or extension form for this state.")
	}
	return tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, now time.Time) error {
		return request.Transition(&r.Request, to, now)
	})
}

// SetRequestIdentity records how the requester's identity was checked.
func (tx *Tx) SetRequestIdentity(ctx context.Context, orgID, id int64, idc request.Identity) (*SubjectRequest, error) {
	return tx.UpdateRequest(ctx, orgID, id, func(r *SubjectRequest, now time.Time) error {
		if idc.Method == "" {
			return apperr.Invalidf("identity.method", "Say how the identity was checked.")
		}
		if idc.At == nil {
			idc.At = &now
		}
		if idc.At.After(now) {
			return apperr.Invalidf("identity.at", "The date cannot lie in the future.")
		}
		r.Identity = idc
		return nil
	})
}

// DeleteRequest removes a request (entered by mistake).
func (tx *Tx) DeleteRequest(ctx context.Context, orgID, id int64) error {
	r, err := scanRequest(tx.queryRow(ctx, "SELECT "+requestCols+" FROM subject_requests WHERE org_id = ? AND id = ?", orgID, id), orgID)
	if err != nil {
		return apperr.NotFoundf("request not found")
	}
	if _, err := tx.exec(ctx, "DELETE FROM subject_requests WHERE org_id = ? AND id = ?", orgID, id); err != nil {
		return err
	}
	return tx.Audit(ctx, orgID, audit.Delete, "request", id, r, nil)
}

// DueRequest is an open request for reminders, across organisations.
type DueRequest struct {
	OrgID     int64
	ID        int64
	Reference string
	DueAt     time.Time
}

// OpenRequestsDueBefore lists open requests of every organisation due
// before t (for the reminder job, which works for all tenants).
func (s *Store) OpenRequestsDueBefore(ctx context.Context, t time.Time) ([]DueRequest, error) {
	cond, open := openStatesSQL()
	rows, err := s.query(ctx, "SELECT org_id, id, reference, due_at FROM subject_requests WHERE due_at < ? AND "+cond+" ORDER BY due_at",
		append([]any{t.UTC()}, open...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DueRequest
	for rows.Next() {
		var d DueRequest
		if err := rows.Scan(&d.OrgID, &d.ID, &d.Reference, &d.DueAt); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// ClaimRequestReminder records that the reminder kind for request id and its
// current due date is being sent; false when it was already sent. Call it
// in the transaction that sends, so a failed send is tried again.
func (tx *Tx) ClaimRequestReminder(ctx context.Context, orgID, requestID int64, kind string, due time.Time) (bool, error) {
	res, err := tx.exec(ctx, "INSERT INTO request_reminders (org_id, request_id, kind, due_at, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		orgID, requestID, kind, due.UTC(), tx.s.now())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ActivityName is a processing activity's id and name, for choosing the
// activities a request or DPIA touches.
type ActivityName struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ActivityNames lists the organisation's processing activities by name.
func (s *Store) ActivityNames(ctx context.Context, orgID int64) ([]ActivityName, error) {
	rows, err := s.query(ctx, "SELECT id, name FROM activities WHERE org_id = ? ORDER BY LOWER(name), id", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ActivityName
	for rows.Next() {
		var a ActivityName
		if err := rows.Scan(&a.ID, &a.Name); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}
