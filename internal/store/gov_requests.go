package store

import (
	"context"
	"sort"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/audit"
	"privacyregister/internal/govrequest"
)

// EntityGovRequest is the audit trail's name for a government data
// request.
const EntityGovRequest = "gov_request"

func init() {
	// The audit trail names a request by its authority.
	nameQueries[EntityGovRequest] = "SELECT id, authority FROM gov_requests WHERE org_id = ?"
}

// GovRequest is a government data request as the processor keeps it, with
// the customer it concerns and its standing against "without delay".
type GovRequest struct {
	govrequest.Request
	AgreementTitle   string            `json:"agreement_title"`    // read only
	Customer         string            `json:"customer"`           // read only: the agreement's party
	TellBy           *time.Time        `json:"tell_by"`            // read only; nil under a gag
	Status           govrequest.Status `json:"status"`             // read only
	ActsAsController bool              `json:"acts_as_controller"` // read only: art. 9.3 applies
	CreatedAt        time.Time         `json:"created_at"`         // read only
	UpdatedAt        time.Time         `json:"updated_at"`         // read only
}

const govCols = `g.id, g.agreement_id, g.authority, g.authority_kind, g.legal_basis, g.received_at, g.data_asked, g.decision, g.told_at,
	g.gag, g.gag_reason, g.gag_lifted_at, g.legal_check_at, g.legal_check_note, g.provided, g.answered_at, g.necessity_note,
	g.created_at, g.updated_at, a.title, COALESCE(p.name, '')`

const govFrom = ` FROM gov_requests g JOIN agreements a ON a.id = g.agreement_id AND a.org_id = g.org_id
	LEFT JOIN parties p ON p.id = a.party_id AND p.org_id = a.org_id`

func utcp(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// scanGov reads a row of govCols and derives its standing at now.
func scanGov(sc interface{ Scan(...any) error }, now time.Time) (*GovRequest, error) {
	var g GovRequest
	r := &g.Request
	if err := sc.Scan(&r.ID, &r.AgreementID, &r.Authority, &r.AuthorityKind, &r.LegalBasis, &r.ReceivedAt, &r.DataAsked, &r.Decision, &r.ToldAt,
		&r.Gag, &r.GagReason, &r.GagLiftedAt, &r.LegalCheckAt, &r.LegalCheckNote, &r.Provided, &r.AnsweredAt, &r.NecessityNote,
		&g.CreatedAt, &g.UpdatedAt, &g.AgreementTitle, &g.Customer); err != nil {
		return nil, mapErr(err)
	}
	r.ReceivedAt, g.CreatedAt, g.UpdatedAt = r.ReceivedAt.UTC(), g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	r.ToldAt, r.GagLiftedAt, r.LegalCheckAt, r.AnsweredAt = utcp(r.ToldAt), utcp(r.GagLiftedAt), utcp(r.LegalCheckAt), utcp(r.AnsweredAt)
	g.derive(now)
	return &g, nil
}

// derive fills the read-only standing from the request's facts.
func (g *GovRequest) derive(now time.Time) {
	h := govrequest.DefaultTellHours
	g.TellBy = nil
	if by := g.Request.TellBy(h); !by.IsZero() {
		g.TellBy = &by
	}
	g.Status, g.ActsAsController = g.StatusAt(now, h), g.Request.ActsAsController()
}

// checkGovAgreement accepts an agreement of the organisation in which it
// is the processor: the request is about that customer's data.
func (tx *Tx) checkGovAgreement(ctx context.Context, orgID, id int64) error {
	var role string
	err := tx.queryRow(ctx, "SELECT our_role FROM agreements WHERE org_id = ? AND id = ?", orgID, id).Scan(&role)
	switch {
	case apperr.Is(mapErr(err), apperr.NotFound):
		return apperr.Invalidf("agreement_id", "Unknown agreement.")
	case err != nil:
		return mapErr(err)
	case agreement.OurRole(role) != agreement.RoleProcessor:
		return apperr.Invalidf("agreement_id", "Choose an agreement in which we are the processor.")
	}
	return nil
}

func (tx *Tx) checkGov(ctx context.Context, orgID int64, r *govrequest.Request) error {
	if err := govrequest.Validate(r, tx.s.now()); err != nil {
		return err
	}
	return tx.checkGovAgreement(ctx, orgID, r.AgreementID)
}

// CreateGovRequest records a request for the organisation (the processor).
func (tx *Tx) CreateGovRequest(ctx context.Context, orgID int64, g *GovRequest) error {
	r := &g.Request
	if err := tx.checkGov(ctx, orgID, r); err != nil {
		return err
	}
	now := tx.s.now()
	id, err := tx.insert(ctx, `INSERT INTO gov_requests (org_id, agreement_id, authority, authority_kind, legal_basis, received_at, data_asked, decision,
		told_at, gag, gag_reason, gag_lifted_at, legal_check_at, legal_check_note, provided, answered_at, necessity_note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, r.AgreementID, r.Authority, string(r.AuthorityKind), r.LegalBasis, r.ReceivedAt.UTC(), r.DataAsked, string(r.Decision),
		utcp(r.ToldAt), r.Gag, r.GagReason, utcp(r.GagLiftedAt), utcp(r.LegalCheckAt), r.LegalCheckNote, r.Provided, utcp(r.AnsweredAt), r.NecessityNote, now, now)
	if err != nil {
		return err
	}
	got, err := tx.govRequest(ctx, orgID, id)
	if err != nil {
		return err
	}
	*g = *got
	return tx.Audit(ctx, orgID, audit.Create, EntityGovRequest, id, nil, g)
}

// UpdateGovRequest changes a request through change (what the form or the
// API body says) and checks it again; the read-only fields are derived
// anew whatever change put in them.
func (tx *Tx) UpdateGovRequest(ctx context.Context, orgID, id int64, change func(g *GovRequest) error) (*GovRequest, error) {
	// Lock the row alone: PostgreSQL locks no outer join's nullable side.
	var locked int64
	if err := tx.queryRow(ctx, "SELECT id FROM gov_requests WHERE org_id = ? AND id = ?"+tx.d.ForUpdate(), orgID, id).Scan(&locked); err != nil {
		return nil, govNotFound(mapErr(err))
	}
	before, err := tx.govRequest(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	after := *before
	if err := change(&after); err != nil {
		return nil, err
	}
	r := &after.Request
	r.ID = id
	if err := tx.checkGov(ctx, orgID, r); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE gov_requests SET agreement_id = ?, authority = ?, authority_kind = ?, legal_basis = ?, received_at = ?, data_asked = ?,
		decision = ?, told_at = ?, gag = ?, gag_reason = ?, gag_lifted_at = ?, legal_check_at = ?, legal_check_note = ?, provided = ?, answered_at = ?,
		necessity_note = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		r.AgreementID, r.Authority, string(r.AuthorityKind), r.LegalBasis, r.ReceivedAt.UTC(), r.DataAsked, string(r.Decision), utcp(r.ToldAt), r.Gag,
		r.GagReason, utcp(r.GagLiftedAt), utcp(r.LegalCheckAt), r.LegalCheckNote, r.Provided, utcp(r.AnsweredAt), r.NecessityNote, tx.s.now(), orgID, id); err != nil {
		return nil, err
	}
	got, err := tx.govRequest(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	return got, tx.Audit(ctx, orgID, audit.Update, EntityGovRequest, id, before, got)
}

func govNotFound(err error) error {
	if apperr.Is(err, apperr.NotFound) {
		return apperr.NotFoundf("request not found")
	}
	return err
}

func (tx *Tx) govRequest(ctx context.Context, orgID, id int64) (*GovRequest, error) {
	g, err := scanGov(tx.queryRow(ctx, "SELECT "+govCols+govFrom+" WHERE g.org_id = ? AND g.id = ?", orgID, id), tx.s.now())
	return g, govNotFound(err)
}

// GovRequest returns one request of the organisation.
func (s *Store) GovRequest(ctx context.Context, orgID, id int64) (*GovRequest, error) {
	g, err := scanGov(s.queryRow(ctx, "SELECT "+govCols+govFrom+" WHERE g.org_id = ? AND g.id = ?", orgID, id), s.now())
	return g, govNotFound(err)
}

// GovRequests lists the organisation's requests, newest received first
// (the API's pages: newest recorded first, by id); with an agreementID
// above 0 only those about that customer.
func (s *Store) GovRequests(ctx context.Context, orgID, agreementID int64, p Page) ([]GovRequest, error) {
	q, args := "SELECT "+govCols+govFrom+" WHERE g.org_id = ?", []any{orgID}
	if agreementID > 0 {
		q, args = q+" AND g.agreement_id = ?", append(args, agreementID)
	}
	q, args = p.keyset(q, args, "g.id", true, "g.received_at DESC, g.id DESC")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := s.now()
	out := []GovRequest{}
	for rows.Next() {
		g, err := scanGov(rows, now)
		if err != nil {
			return nil, err
		}
		out = append(out, *g)
	}
	return out, mapErr(rows.Err())
}

// GovCustomer is one customer's line of the processor's overview.
type GovCustomer struct {
	AgreementID    int64  `json:"agreement_id"`
	AgreementTitle string `json:"agreement_title"`
	Customer       string `json:"customer"`
	Requests       int    `json:"requests"`
	Overdue        int    `json:"overdue"`
	Gagged         int    `json:"gagged"`
	Open           int    `json:"open"` // not yet decided
}

// GovRequestsByCustomer groups the organisation's requests by agreement,
// in the order of the customers' names.
func (s *Store) GovRequestsByCustomer(ctx context.Context, orgID int64) ([]GovCustomer, error) {
	all, err := s.GovRequests(ctx, orgID, 0, Page{})
	if err != nil {
		return nil, err
	}
	var out []GovCustomer
	at := map[int64]int{}
	for _, g := range all {
		i, ok := at[g.AgreementID]
		if !ok {
			i = len(out)
			at[g.AgreementID] = i
			out = append(out, GovCustomer{AgreementID: g.AgreementID, AgreementTitle: g.AgreementTitle, Customer: g.Customer})
		}
		c := &out[i]
		c.Requests++
		switch g.Status {
		case govrequest.StatusOverdue:
			c.Overdue++
		case govrequest.StatusGagCheck, govrequest.StatusGagChecked:
			c.Gagged++
		}
		if g.Decision == govrequest.Pending {
			c.Open++
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Customer != out[j].Customer {
			return out[i].Customer < out[j].Customer
		}
		return out[i].AgreementTitle < out[j].AgreementTitle
	})
	return out, nil
}

// ControllerGovRequest is what a controller sees of a request its
// processor on this installation recorded about its data: no gag
// reason, no legal advice, nothing of other customers.
type ControllerGovRequest struct {
	ID             int64                    `json:"id"`
	Processor      string                   `json:"processor"`
	AgreementID    int64                    `json:"agreement_id"` // the controller's own agreement with the processor
	AgreementTitle string                   `json:"agreement_title"`
	Authority      string                   `json:"authority"`
	AuthorityKind  govrequest.AuthorityKind `json:"authority_kind"`
	LegalBasis     string                   `json:"legal_basis"`
	ReceivedAt     time.Time                `json:"received_at"`
	DataAsked      string                   `json:"data_asked"`
	Decision       govrequest.Decision      `json:"decision"`
	ToldAt         *time.Time               `json:"told_at"`
	GagLiftedAt    *time.Time               `json:"gag_lifted_at"` // set when a gag held it back until then
	Provided       string                   `json:"provided"`
	AnsweredAt     *time.Time               `json:"answered_at"`
	NecessityNote  string                   `json:"necessity_note"`
}

// GovRequestsForController lists the requests processors on this
// installation recorded about the controller's data: those on the
// processor's agreement with this controller, through a confirmed link,
// and not under a gag (art. 9.2: the processor may not tell yet). The
// controller's id is in the WHERE clause; the processor's rows are
// reached only through the controller's own links.
func (s *Store) GovRequestsForController(ctx context.Context, controllerOrgID int64, p Page) ([]ControllerGovRequest, error) {
	q, args := p.keyset(`SELECT g.id, o.name, l.agreement_id, a.title, g.authority, g.authority_kind, g.legal_basis, g.received_at, g.data_asked,
		g.decision, g.told_at, g.gag_lifted_at, g.provided, g.answered_at, g.necessity_note
		FROM profile_links l
		JOIN gov_requests g ON g.org_id = l.processor_org_id AND g.agreement_id = l.processor_agreement_id
		JOIN orgs o ON o.id = l.processor_org_id
		JOIN agreements a ON a.id = l.agreement_id AND a.org_id = l.org_id
		WHERE l.org_id = ? AND l.status = ? AND (g.gag = ? OR g.gag_lifted_at IS NOT NULL)`,
		[]any{controllerOrgID, LinkActive, false}, "g.id", true, "g.received_at DESC, g.id DESC")
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []ControllerGovRequest{}
	for rows.Next() {
		var c ControllerGovRequest
		if err := rows.Scan(&c.ID, &c.Processor, &c.AgreementID, &c.AgreementTitle, &c.Authority, &c.AuthorityKind, &c.LegalBasis, &c.ReceivedAt,
			&c.DataAsked, &c.Decision, &c.ToldAt, &c.GagLiftedAt, &c.Provided, &c.AnsweredAt, &c.NecessityNote); err != nil {
			return nil, mapErr(err)
		}
		c.ReceivedAt = c.ReceivedAt.UTC()
		c.ToldAt, c.GagLiftedAt, c.AnsweredAt = utcp(c.ToldAt), utcp(c.GagLiftedAt), utcp(c.AnsweredAt)
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}
