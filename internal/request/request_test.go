package request

import (
	"errors"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/deadline"
)

var cal = deadline.DefaultCalendar()

func ams(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, deadline.Amsterdam)
}

func dateOf(t time.Time) string { return deadline.DueDate(t).Format(time.DateOnly) }

// Art. 12(3) with Reg. 1182/71 and the Algemene termijnenwet: the worked
// examples of reference/avg-facts.md section 4.
func TestDue(t *testing.T) {
	for _, c := range []struct {
		name     string
		received time.Time
		want     string
	}{
		{"received 31 Jan 2028: no 31 Feb -> Tue 29 Feb 2028", ams(2028, 1, 31, 16), "2028-02-29"},
		{"received 31 Jan 2027: 28 Feb is a Sunday -> Mon 1 Mar 2027", ams(2027, 1, 31, 16), "2027-03-01"},
		{"received 6 Mar 2026: 6 Apr is Easter Monday -> Tue 7 Apr 2026", ams(2026, 3, 6, 16), "2026-04-07"},
		{"received 1 Jul 2026: 1 Aug is a Saturday -> Mon 3 Aug 2026", ams(2026, 7, 1, 16), "2026-08-03"},
		{"received 27 Mar 2026: 27 Apr is King's Day -> Tue 28 Apr 2026", ams(2026, 3, 27, 16), "2026-04-28"},
	} {
		if got := dateOf(Due(c.received, cal)); got != c.want {
			t.Errorf("%s: due %s", c.name, got)
		}
		if got := dateOf(New(c.received, []Right{Access}, cal).DueAt); got != c.want {
			t.Errorf("%s: New due %s", c.name, got)
		}
	}
}

// Art. 12(3): extension by two further months, announced with reasons
// within the first month. Received 6 Mar 2026: the first month ends Tue 7
// Apr; three months from receipt is Sat 6 Jun -> Mon 8 Jun 2026.
func TestExtend(t *testing.T) {
	req := New(ams(2026, 3, 6, 10), []Right{Access}, cal)
	if err := Extend(&req, ams(2026, 4, 7, 23), "", cal); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("an extension without reasons must fail: %v", err)
	}
	if err := Extend(&req, ams(2026, 4, 7, 23), "Verzoek betreft tien jaar uitleenhistorie in drie systemen", cal); err != nil {
		t.Fatalf("extension on the last day of the first month: %v", err)
	}
	if got := dateOf(req.DueAt); got != "2026-06-08" || req.State != Extended {
		t.Fatalf("extended due %s state %s, want 2026-06-08 extended", got, req.State)
	}
	if err := Extend(&req, ams(2026, 4, 1, 9), "nogmaals", cal); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("a second extension must fail: %v", err)
	}
}

// An extension recorded after the first month is refused: received 6 Mar
// 2026, the month ended on 7 Apr (Easter Monday shifted it), so 8 Apr is
// too late.
func TestExtendAfterFirstMonthRefused(t *testing.T) {
	req := New(ams(2026, 3, 6, 10), []Right{Erasure}, cal)
	err := Extend(&req, ams(2026, 4, 8, 0).Add(time.Minute), "complex", cal)
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.Invalid || e.Field != "extension.at" {
		t.Fatalf("want invalid extension.at, got %v", err)
	}
	if req.Extension != nil || req.State != Received || dateOf(req.DueAt) != "2026-04-07" {
		t.Fatalf("a refused extension must change nothing: %+v", req)
	}
}

func TestTransition(t *testing.T) {
	req := New(ams(2026, 3, 6, 10), []Right{Access}, cal)
	if err := Transition(&req, Refused, ams(2026, 3, 10, 10)); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("refusing without a ground: %v", err)
	}
	if err := Transition(&req, Closed, ams(2026, 3, 10, 10)); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("closing an unanswered request: %v", err)
	}
	if err := Transition(&req, Extended, ams(2026, 3, 10, 10)); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("extended only through Extend: %v", err)
	}
	for _, s := range []State{IdentityCheck, InProgress, Answered, Closed} {
		if err := Transition(&req, s, ams(2026, 4, 8, 10)); err != nil {
			t.Fatalf("to %s: %v", s, err)
		}
	}
	// Answered on 8 Apr after a due date of 7 Apr: late.
	if !Late(req, ams(2026, 4, 9, 10)) {
		t.Fatal("answered after the due date should be late")
	}
}

func TestValidate(t *testing.T) {
	now := ams(2026, 3, 10, 12)
	ok := New(ams(2026, 3, 6, 10), []Right{Access, Portability}, cal)
	ok.Channel, ok.Requester = ByEmail, Requester{Name: "J. Jansen", Email: "j@example.nl"}
	ok.Identity = Identity{Method: IDShown, By: "balie"}
	if err := Validate(&ok, now); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*Request)
		field string
	}{
		{"no right", func(r *Request) { r.Rights = nil }, "rights"},
		{"unknown right (art. 19 is a duty, not a request)", func(r *Request) { r.Rights = []Right{"notification"} }, "rights[0]"},
		{"received in the future", func(r *Request) { r.ReceivedAt = now.Add(time.Hour) }, "received_at"},
		{"nobody to answer", func(r *Request) { r.Requester = Requester{} }, "requester"},
		{"identity checked by nobody", func(r *Request) { r.Identity.By = "" }, "identity.by"},
		{"unknown channel", func(r *Request) { r.Channel = "pigeon" }, "channel"},
		{"refused without ground", func(r *Request) { r.State = Refused }, "refusal.ground"},
		{"UAVG 41 without interest", func(r *Request) {
			r.State, r.Refusal = Refused, &Refusal{Ground: UAVG41, Explanation: "x"}
		}, "refusal.interest"},
		{"refusal without explanation (art. 12(4))", func(r *Request) {
			r.Refusal = &Refusal{Ground: Excessive}
		}, "refusal.explanation"},
		{"extended without extension", func(r *Request) { r.State = Extended }, "extension"},
	} {
		r := ok
		c.edit(&r)
		var l apperr.List
		if !errors.As(Validate(&r, now), &l) || !hasField(l, c.field) {
			t.Errorf("%s: want an error on %q, got %v", c.name, c.field, l)
		}
	}
}

func hasField(l apperr.List, f string) bool {
	for _, e := range l {
		if e.Field == f {
			return true
		}
	}
	return false
}

// Art. 12(4): tell the person about the complaint to the AP and the court.
func TestComplaintInfo(t *testing.T) {
	nl := ComplaintInfo("nl", false)
	for _, want := range []string{"Autoriteit Persoonsgegevens", "rechtbank", "zes weken"} {
		if !strings.Contains(nl, want) {
			t.Errorf("nl text lacks %q: %s", want, nl)
		}
	}
	if en := ComplaintInfo("en", true); !strings.Contains(en, "Autoriteit Persoonsgegevens") || !strings.Contains(en, "object") {
		t.Errorf("en public-authority text: %s", en)
	}
	if nl := ComplaintInfo("nl", true); !strings.Contains(nl, "bezwaar") {
		t.Errorf("nl public-authority text lacks bezwaar: %s", nl)
	}
}

func TestRightArticles(t *testing.T) {
	want := []int{15, 16, 17, 18, 20, 21, 22}
	for i, r := range Rights {
		if r.Article() != want[i] {
			t.Errorf("%s: art. %d, want %d", r, r.Article(), want[i])
		}
	}
}

// TestRefusalAfterExtensionIsLate: art. 12(4) wants the reasons for not
// acting within one month of receipt, whatever the extension. Received
// 5 January 2026, extended on 20 January (now due 7 April), refused on
// 20 February: late, since the first month ended on 5 February. Granted on
// 20 February it is on time; refused on 4 February, on time.
func TestRefusalAfterExtensionIsLate(t *testing.T) {
	start := func() Request {
		req := New(ams(2026, 1, 5, 10), []Right{Erasure}, cal)
		if err := Extend(&req, ams(2026, 1, 20, 10), "numerous requests", cal); err != nil {
			t.Fatal(err)
		}
		return req
	}
	refused := start()
	refused.Refusal = &Refusal{Ground: Excessive, Explanation: "repetitive"}
	if err := Transition(&refused, Refused, ams(2026, 2, 20, 10)); err != nil {
		t.Fatal(err)
	}
	if dateOf(RefusalDue(refused)) != "2026-02-05" {
		t.Errorf("refusal due %s, want 2026-02-05", dateOf(RefusalDue(refused)))
	}
	if !Late(refused, ams(2026, 2, 21, 10)) {
		t.Error("a refusal sent after the first month, within the extension, must be late (art. 12(4))")
	}
	granted := start()
	if err := Transition(&granted, Answered, ams(2026, 2, 20, 10)); err != nil {
		t.Fatal(err)
	}
	if Late(granted, ams(2026, 2, 21, 10)) {
		t.Error("an answer within the extension is on time")
	}
	early := start()
	early.Refusal = &Refusal{Ground: Excessive, Explanation: "repetitive"}
	if err := Transition(&early, Refused, ams(2026, 2, 4, 10)); err != nil {
		t.Fatal(err)
	}
	if Late(early, ams(2026, 2, 5, 10)) {
		t.Error("a refusal within the first month is on time")
	}
}

// TestStrictDue: Reg. 1182/71 counts the member state's public holidays;
// the Algemene termijnenwet equates Good Friday and the decree days with
// them for its own periods. Received 3 March 2026, the month ends on Good
// Friday 3 April: under the Act on Tuesday 7 April (after Easter Monday),
// strictly on 3 April. Received 15 April 2026, the month ends on the decree
// day 15 May (the Friday after Ascension): under the Act Monday 18 May,
// strictly 15 May. Received 31 January 2027 both say Monday 1 March.
func TestStrictDue(t *testing.T) {
	decree := deadline.NewCalendar(deadline.Holiday{Date: time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC), Name: "brugdag", Decree: true})
	for _, c := range []struct {
		received    time.Time
		act, strict string
	}{
		{ams(2026, 3, 3, 10), "2026-04-07", "2026-04-03"},
		{ams(2026, 4, 15, 10), "2026-05-18", "2026-05-15"},
		{ams(2027, 1, 31, 10), "2027-03-01", "2027-03-01"},
	} {
		if got := dateOf(Due(c.received, decree)); got != c.act {
			t.Errorf("received %s: due %s under the Act, want %s", dateOf(c.received), got, c.act)
		}
		if got := dateOf(StrictDue(c.received)); got != c.strict {
			t.Errorf("received %s: strictly due %s, want %s", dateOf(c.received), got, c.strict)
		}
	}
}

// TestStatesOpenOrClosed checks that every state is either open or closed,
// never both, and that a closed state stops the clock for Late and Extend.
func TestStatesOpenOrClosed(t *testing.T) {
	if len(States) != len(OpenStates)+len(ClosedStates) {
		t.Fatalf("States has %d, open and closed together %d", len(States), len(OpenStates)+len(ClosedStates))
	}
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	for _, st := range States {
		req := Request{State: st, ReceivedAt: now.AddDate(0, -3, 0), DueAt: now.AddDate(0, -2, 0)}
		if Late(req, now) != st.Open() {
			t.Errorf("%s: Late %v but Open %v", st, Late(req, now), st.Open())
		}
	}
	for _, st := range ClosedStates {
		if st.Open() {
			t.Errorf("closed state %s reports open", st)
		}
	}
	if State("bogus").Open() {
		t.Error("an unknown state reports open")
	}
}
