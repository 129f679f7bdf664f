package govrequest

import (
	"errors"
	"testing"
	"time"

	"privacyregister/internal/apperr"
)

var (
	monday = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) // Mon 10:00 in Amsterdam
	hour   = time.Hour
)

func at(t time.Time) *time.Time { return &t }

func police() Request {
	return Request{AgreementID: 1, Authority: "Politie Eenheid Den Haag", AuthorityKind: Investigation, LegalBasis: "art. 126nd Sv",
		ReceivedAt: monday, DataAsked: "NAW-gegevens en leenhistorie van één lid"}
}

// TestTellWithoutDelay encodes seed 001 art. 9.1: the processor tells the
// controller "onverwijld"; against the 24-hour target a request received
// Mon 10:00 must be told by Tue 10:00.
func TestTellWithoutDelay(t *testing.T) {
	r := police()
	if got, want := r.TellBy(0), monday.Add(24*hour); !got.Equal(want) {
		t.Fatalf("tell by %v, want %v (24 h after receipt)", got, want)
	}
	if DefaultTellHours != 24 {
		t.Errorf("default target %d h, want the breach register's 24", DefaultTellHours)
	}
	cases := []struct {
		name string
		now  time.Time
		told *time.Time
		want Status
	}{
		{"seed 001 art. 9.1: Tue 09:59, not yet told, still in time", monday.Add(24*hour - time.Minute), nil, StatusToTell},
		{"seed 001 art. 9.1: Tue 10:01, not told: overdue", monday.Add(24*hour + time.Minute), nil, StatusOverdue},
		{"seed 001 art. 9.1: told Mon 15:00, a week later all is well", monday.Add(7 * 24 * hour), at(monday.Add(5 * hour)), StatusTold},
	}
	for _, c := range cases {
		r := police()
		r.ToldAt = c.told
		if got := r.StatusAt(c.now, DefaultTellHours); got != c.want {
			t.Errorf("%s: status %s, want %s", c.name, got, c.want)
		}
		if r.Overdue(c.now, 0) != (c.want == StatusOverdue) {
			t.Errorf("%s: overdue %v", c.name, r.Overdue(c.now, 0))
		}
	}
	// An organisation with a stricter target of 4 hours.
	if r := police(); !r.Overdue(monday.Add(5*hour), 4) {
		t.Errorf("with a 4-hour target a request untold after 5 hours is overdue")
	}
}

// TestGag encodes seed 001 art. 9.2: under a gag the request is not
// overdue, but needs the legal check (a); once the gag is lifted the
// controller must be told without delay from then on (e).
func TestGag(t *testing.T) {
	r := police()
	r.Gag, r.GagReason = true, "Verstrekkingsverbod officier van justitie"
	late := monday.Add(30 * 24 * hour)
	if r.Overdue(late, 0) || r.StatusAt(late, 0) != StatusGagCheck || !r.NeedsLegalCheck() {
		t.Errorf("seed 001 art. 9.2a: a gagged request a month on: overdue %v, status %s; want not overdue, legal check required",
			r.Overdue(late, 0), r.StatusAt(late, 0))
	}
	r.LegalCheckAt = at(monday.Add(48 * hour))
	if r.StatusAt(late, 0) != StatusGagChecked || r.NeedsLegalCheck() {
		t.Errorf("after the legal check: %s", r.StatusAt(late, 0))
	}
	lifted := monday.Add(10 * 24 * hour)
	r.GagLiftedAt = &lifted
	if got := r.TellBy(0); !got.Equal(lifted.Add(24 * hour)) {
		t.Errorf("seed 001 art. 9.2e: tell by %v, want 24 h after the gag was lifted", got)
	}
	if r.StatusAt(lifted.Add(23*hour), 0) != StatusToTell || r.StatusAt(lifted.Add(25*hour), 0) != StatusOverdue {
		t.Errorf("after lifting: %s then %s", r.StatusAt(lifted.Add(23*hour), 0), r.StatusAt(lifted.Add(25*hour), 0))
	}
}

// TestActsAsController encodes seed 001 art. 9.3: disclosing without the
// controller's involvement makes the processor controller.
func TestActsAsController(t *testing.T) {
	r := police()
	r.Decision, r.AnsweredAt, r.Provided = Complied, at(monday.Add(2*hour)), "NAW-gegevens"
	if !r.ActsAsController() {
		t.Errorf("provided without telling: want art. 9.3 to apply")
	}
	r.ToldAt = at(monday.Add(3 * hour))
	if !r.ActsAsController() {
		t.Errorf("told only after providing: want art. 9.3 to apply")
	}
	r.ToldAt = at(monday.Add(time.Hour))
	if r.ActsAsController() {
		t.Errorf("told before providing: art. 9.3 does not apply")
	}
	r.Decision = Refused
	r.ToldAt = nil
	if r.ActsAsController() {
		t.Errorf("nothing provided: art. 9.3 does not apply")
	}
}

func fields(err error) map[string]bool {
	out := map[string]bool{}
	var l apperr.List
	if errors.As(err, &l) {
		for _, e := range l {
			out[e.Field] = true
		}
	}
	return out
}

func TestValidate(t *testing.T) {
	now := monday.Add(72 * hour)
	r := police()
	if err := Validate(&r, now); err != nil || r.Decision != Pending {
		t.Fatalf("a complete request: %v, decision %q", err, r.Decision)
	}
	cases := []struct {
		name   string
		change func(r *Request)
		field  string
	}{
		{"no authority", func(r *Request) { r.Authority = " " }, "authority"},
		{"unknown kind", func(r *Request) { r.AuthorityKind = "army" }, "authority_kind"},
		{"no agreement", func(r *Request) { r.AgreementID = 0 }, "agreement_id"},
		{"nothing asked", func(r *Request) { r.DataAsked = "" }, "data_asked"},
		{"received tomorrow", func(r *Request) { r.ReceivedAt = now.Add(24 * hour) }, "received_at"},
		{"told before received", func(r *Request) { r.ToldAt = at(monday.Add(-hour)) }, "told_at"},
		{"unknown decision", func(r *Request) { r.Decision = "maybe" }, "decision"},
		{"gag without reason", func(r *Request) { r.Gag = true }, "gag_reason"},
		{"told while gagged", func(r *Request) { r.Gag, r.GagReason, r.ToldAt = true, "verbod", at(monday.Add(hour)) }, "told_at"},
		{"lifted without gag", func(r *Request) { r.GagLiftedAt = at(monday.Add(hour)) }, "gag_lifted_at"},
		{"complied without date", func(r *Request) { r.Decision, r.Provided = Complied, "NAW" }, "answered_at"},
		{"complied without what", func(r *Request) { r.Decision, r.AnsweredAt = Partly, at(monday.Add(hour)) }, "provided"},
		{"seed 001 art. 9.2b: complied under a gag without the legal check", func(r *Request) {
			r.Gag, r.GagReason, r.Decision, r.AnsweredAt, r.Provided, r.NecessityNote = true, "verbod", Complied, at(monday.Add(hour)), "NAW", "alleen NAW"
		}, "legal_check_at"},
		{"seed 001 art. 9.2c: complied under a gag without the necessity", func(r *Request) {
			r.Gag, r.GagReason, r.Decision, r.AnsweredAt, r.Provided, r.LegalCheckAt = true, "verbod", Complied, at(monday.Add(hour)), "NAW", at(monday.Add(hour))
		}, "necessity_note"},
	}
	for _, c := range cases {
		r := police()
		c.change(&r)
		err := Validate(&r, now)
		if !apperr.Is(err, apperr.Invalid) || !fields(err)[c.field] {
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
}
