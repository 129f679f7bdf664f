package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// requestIsoFixture creates a request of a data subject to B.
func requestIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	q := &store.SubjectRequest{}
	q.ReceivedAt, q.Rights = time.Now().Add(-24*time.Hour), []request.Right{request.Access}
	q.Requester.Email = "secret-person@b.example"
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateRequest(context.Background(), b.ID, q) }); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"request": q.ID}
}

// TestRequestPagesLegalExample enters the worked example through the web
// form: received Sunday 31 January 2027, one month ends on 28 February, a
// Sunday, so the answer is due on Monday 1 March 2027. It then extends the
// request within the first month (due 30 April 2027), forwards it to a
// processor, refuses part of it and checks the dashboard and the API.
func TestRequestPagesLegalExample(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2027, 2, 10, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	reader := app.user(o, "lezer@bieb.example", org.Reader)
	c := app.signIn(po.Email)

	res := c.postForm("/o/bieb/requests", url.Values{"rights": {"zzz"}, "received_at": {"2027-01-31"}})
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad request accepted: %d", res.StatusCode)
	}
	if rs, _ := app.st.Requests(context.Background(), o.ID, store.RequestFilter{}); len(rs) != 0 {
		t.Fatalf("bad form wrote %d requests", len(rs))
	}
	res = c.postForm("/o/bieb/requests", url.Values{"rights": {"access"}, "channel": {"email"}, "received_at": {"2027-01-31"},
		"name": {"Mevr. Jansen"}, "email": {"jansen@example.nl"}, "description": {"Inzage in mijn uitleengeschiedenis"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d: %s", res.StatusCode, res.Body)
	}
	loc := res.Header.Get("Location")
	page := c.get(loc)
	if !strings.Contains(page.Body, "01-03-2027") {
		t.Fatalf("detail page does not show due date 01-03-2027:\n%s", page.Body)
	}

	// An extension announced on 2 March comes after the first month.
	app.st.Now = func() time.Time { return time.Date(2027, 3, 5, 9, 0, 0, 0, time.UTC) }
	c = app.signIn(po.Email) // the session ran out with the clock
	res = c.postForm(loc+"/extend", url.Values{"at": {"2027-03-02"}, "reason": {"Veel systemen"}})
	if res.StatusCode == http.StatusSeeOther {
		t.Fatal("extension after the first month accepted")
	}
	res = c.postForm(loc+"/extend", url.Values{"at": {"2027-02-25"}, "reason": {"Veel systemen"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("extension within the month: %d %s", res.StatusCode, res.Body)
	}
	if page = c.get(loc); !strings.Contains(page.Body, "30-04-2027") {
		t.Fatal("extended due date 30-04-2027 not shown")
	}
	res = c.postForm(loc+"/steps", url.Values{"kind": {"forwarded"}, "at": {"2027-03-01"}, "processor": {"ProBiblio"}, "contact": {"privacy@probiblio.nl"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("forward: %d %s", res.StatusCode, res.Body)
	}
	res = c.postForm(loc+"/refuse", url.Values{"partial": {"on"}, "ground": {"excessive"}, "at": {"2027-03-04"}, "explanation": {"Herhaald verzoek"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("refuse: %d %s", res.StatusCode, res.Body)
	}
	page = c.get(loc)
	if !strings.Contains(page.Body, "ProBiblio") || !strings.Contains(page.Body, "Autoriteit Persoonsgegevens") {
		t.Error("detail page lacks the processor step or the art. 12(4) complaint text")
	}
	// Refused on 4 March, within the extension but after the first month
	// (1 March): late under art. 12(4); the page says how it was counted.
	if !strings.Contains(page.Body, `class="req-late"`) {
		t.Error("a refusal after the first month is not marked late")
	}
	if !strings.Contains(page.Body, "De maand na ontvangst eindigde op 01-03-2027") || !strings.Contains(page.Body, "drie maanden na ontvangst, tot en met 30-04-2027") {
		t.Error("the page does not say how the extended period was counted")
	}

	// A reader sees the list but cannot change anything.
	rc := app.signIn(reader.Email)
	if res := rc.get("/o/bieb/requests"); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "AVG-2027-001") {
		t.Errorf("reader list: %d", res.StatusCode)
	}
	if res := rc.postForm(loc+"/state", url.Values{"state": {"closed"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("reader closes a request: %d", res.StatusCode)
	}

	// The API computes the same dates: 6 March 2026 -> Easter Monday 6 April -> due 7 April 2026.
	app.st.Now = func() time.Time { return time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC) }
	c = app.signIn(po.Email)
	tok := app.token(o, po)
	res = c.api("POST", "/api/v1/requests", tok, `{"rights":["erasure"],"received_at":"2026-03-06T10:00:00+01:00","requester":{"name":"P","email":"p@example.nl"}}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("api create: %d %s", res.StatusCode, res.Body)
	}
	var got struct {
		ID      int64  `json:"id"`
		DueDate string `json:"due_date"`
	}
	_ = json.Unmarshal([]byte(res.Body), &got)
	if got.DueDate != "2026-04-07" {
		t.Errorf("api due date %q, want 2026-04-07", got.DueDate)
	}
	if page := c.get(fmt.Sprintf("/o/bieb/requests/%d", got.ID)); strings.Contains(page.Body, `id="strict-due"`) {
		t.Error("a strict date shown where both readings agree (Easter Monday is a holiday in both)")
	}
	// Received 3 March 2026: the month ends on Good Friday 3 April; the Act
	// gives Tuesday 7 April, the stricter reading 3 April, which the page shows.
	res = c.api("POST", "/api/v1/requests", tok, `{"rights":["access"],"received_at":"2026-03-03T10:00:00+01:00","requester":{"name":"Q","email":"q@example.nl"}}`)
	_ = json.Unmarshal([]byte(res.Body), &got)
	if page := c.get(fmt.Sprintf("/o/bieb/requests/%d", got.ID)); got.DueDate != "2026-04-07" || !strings.Contains(page.Body, "eindigt de maand op 03-04-2026") {
		t.Errorf("Good Friday: due %s, strict date on the page: %v", got.DueDate, strings.Contains(page.Body, `id="strict-due"`))
	}
	res = c.api("POST", "/api/v1/requests", tok, `{"rights":["erasure"],"received_at":"2026-03-06T10:00:00Z","requester":{"name":"P"},"activity_ids":[999]}`)
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("api create with unknown activity: %d", res.StatusCode)
	}
	// Dashboard: the open API request is listed with its due date.
	dash := c.get("/o/bieb/")
	if !strings.Contains(dash.Body, "/o/bieb/requests/"+strconv.FormatInt(got.ID, 10)) {
		t.Error("dashboard lacks the open request")
	}
}
