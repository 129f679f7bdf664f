package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/deadline"
	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// holidayIsoFixture creates a decree day of B.
func holidayIsoFixture(a *testApp, b *org.Organisation, bUser int64) map[string]int64 {
	d := &store.DecreeDay{Day: "2027-06-09", Title: "secret-person@b.example", AddedBy: "secret-person@b.example"}
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.AddDecreeDay(context.Background(), b.ID, d)
		return err
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"decreeday": d.ID}
}

// TestHolidaysPage: a request received 5 May 2027 is due Monday 7 June
// 2027 (5 June is a Saturday). The beheerder equates 7 June 2027 with a
// public holiday on the holidays page; the page lists it with who added
// it, and the open request is then due Tuesday 8 June. A privacy officer
// sees the page without the form and gets 403 when posting. Removing the
// day moves the request back to 7 June.
func TestHolidaysPage(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2027, 5, 20, 9, 0, 0, 0, time.UTC) }
	o := app.org("bieb")
	admin := app.user(o, "beheer@bieb.example", org.Admin)
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	q := &store.SubjectRequest{}
	q.ReceivedAt, q.Rights = time.Date(2027, 5, 5, 10, 0, 0, 0, deadline.Amsterdam), []request.Right{request.Access}
	q.Requester.Email = "aanvrager@example.nl"
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateRequest(context.Background(), o.ID, q) }); err != nil {
		t.Fatal(err)
	}
	due := func() string {
		r, err := app.st.Request(context.Background(), o.ID, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		return r.DueAt.In(deadline.Amsterdam).Format(time.DateOnly)
	}
	if got := due(); got != "2027-06-07" {
		t.Fatalf("before: due %s, want 2027-06-07", got)
	}

	c := app.signIn(admin.Email)
	page := c.get("/o/bieb/holidays?year=2027")
	if page.StatusCode != 200 || !strings.Contains(page.Body, "Hemelvaartsdag (Ascension Day)") ||
		!strings.Contains(page.Body, `id="day-2027-05-07"`) || !strings.Contains(page.Body, "Gelijkgesteld bij koninklijk besluit") ||
		!strings.Contains(page.Body, `name="title"`) {
		t.Fatalf("holidays page 2027: %d\n%s", page.StatusCode, page.Body)
	}
	if settings := c.get("/o/bieb/settings"); !strings.Contains(settings.Body, `href="/o/bieb/holidays"`) {
		t.Error("the settings page does not link the holidays page")
	}

	// Refused with the field named: Ascension Day is already a holiday.
	res := c.postForm("/o/bieb/holidays", url.Values{"day": {"2027-05-06"}, "title": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "dag: Die dag is al een algemeen erkende feestdag: Hemelvaartsdag.") ||
		!strings.Contains(res.Body, `value="2027-05-06"`) {
		t.Fatalf("adding Ascension Day: %d\n%s", res.StatusCode, res.Body)
	}

	res = c.postForm("/o/bieb/holidays", url.Values{"day": {"2027-06-07"}, "title": {"Besluit gelijkstelling van 7 juni 2027"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/o/bieb/holidays?year=2027" {
		t.Fatalf("add 7 June 2027: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	page = c.get("/o/bieb/holidays?year=2027")
	if !strings.Contains(page.Body, `id="day-2027-06-07"`) || !strings.Contains(page.Body, "Besluit gelijkstelling van 7 juni 2027") ||
		!strings.Contains(page.Body, "toegevoegd door beheer@bieb.example op 20-05-2027") || !strings.Contains(page.Body, "op de eerstvolgende werkdag af") {
		t.Fatalf("the page does not show the added day:\n%s", page.Body)
	}
	if got := due(); got != "2027-06-08" {
		t.Fatalf("after adding 7 June: due %s, want 2027-06-08", got)
	}

	// The privacy officer may look but not change.
	pc := app.signIn(po.Email)
	view := pc.get("/o/bieb/holidays?year=2027")
	if view.StatusCode != 200 || !strings.Contains(view.Body, "Besluit gelijkstelling van 7 juni 2027") || strings.Contains(view.Body, `name="title"`) ||
		strings.Contains(view.Body, "/delete") {
		t.Fatalf("privacy officer's view: %d\n%s", view.StatusCode, view.Body)
	}
	if res := pc.postForm("/o/bieb/holidays", url.Values{"day": {"2027-06-10"}, "title": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("privacy officer adding a day: %d, want 403", res.StatusCode)
	}
	days, _ := app.st.DecreeDays(context.Background(), o.ID)
	if len(days) != 1 {
		t.Fatalf("decree days: %+v", days)
	}
	del := "/o/bieb/holidays/" + strconv.FormatInt(days[0].ID, 10) + "/delete"
	if res := pc.postForm(del, url.Values{"year": {"2027"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("privacy officer deleting a day: %d, want 403", res.StatusCode)
	}

	if res := c.postForm(del, url.Values{"year": {"2027"}}); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/o/bieb/holidays?year=2027" {
		t.Fatalf("delete: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if got := due(); got != "2027-06-07" {
		t.Fatalf("after removing 7 June: due %s, want 2027-06-07", got)
	}
	if res := c.postForm(del, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleting twice: %d, want 404", res.StatusCode)
	}
}

// TestHolidaysAPI lists a year with kinds and sources, adds and removes a
// day as beheerder (moving the request of 5 May 2027 to 8 June and back),
// and refuses a privacy officer and a bad year.
func TestHolidaysAPI(t *testing.T) {
	app := newTestApp(t)
	app.st.Now = func() time.Time { return time.Date(2027, 5, 20, 9, 0, 0, 0, time.UTC) }
	o := app.org("api")
	admin := app.user(o, "beheer@api.example", org.Admin)
	po := app.user(o, "fg@api.example", org.PrivacyOfficer)
	c := app.client()
	tok, poTok := app.token(o, admin), app.token(o, po)
	q := &store.SubjectRequest{}
	q.ReceivedAt, q.Rights = time.Date(2027, 5, 5, 10, 0, 0, 0, deadline.Amsterdam), []request.Right{request.Access}
	q.Requester.Email = "aanvrager@example.nl"
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateRequest(context.Background(), o.ID, q) }); err != nil {
		t.Fatal(err)
	}

	res := c.api("POST", "/api/v1/decree-days", tok, `{"day":"2027-06-07","title":"Besluit gelijkstelling van 7 juni 2027"}`)
	var added struct {
		ID            int64  `json:"id"`
		Day           string `json:"day"`
		AddedBy       string `json:"added_by"`
		MovedRequests int    `json:"moved_requests"`
	}
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(res.Body), &added) != nil || added.ID == 0 || added.Day != "2027-06-07" || added.AddedBy != "beheer@api.example" || added.MovedRequests != 1 {
		t.Fatalf("POST decree-days: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/decree-days", tok, `{"day":"2027-06-05","title":"x"}`); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `"day"`) {
		t.Errorf("a Saturday: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("POST", "/api/v1/decree-days", poTok, `{"day":"2027-06-10","title":"x"}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("privacy officer POST: %d", res.StatusCode)
	}

	res = c.api("GET", "/api/v1/holidays?year=2027", poTok, "")
	var days []struct {
		Date, Name, Kind, Source string
		ID                       int64
	}
	if res.StatusCode != 200 || json.Unmarshal([]byte(res.Body), &days) != nil {
		t.Fatalf("GET holidays: %d %s", res.StatusCode, res.Body)
	}
	kinds := map[string]string{}
	for _, d := range days {
		kinds[d.Date] = d.Kind
	}
	if kinds["2027-05-06"] != "statutory" || kinds["2027-05-07"] != "decree" || kinds["2027-06-07"] != "organisation" || len(days) != 11 {
		t.Errorf("holidays 2027: %s", res.Body)
	}
	if res := c.api("GET", "/api/v1/holidays?year=27", poTok, ""); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("year 27: %d", res.StatusCode)
	}

	path := "/api/v1/decree-days/" + strconv.FormatInt(added.ID, 10)
	if res := c.api("DELETE", path, poTok, ""); res.StatusCode != http.StatusForbidden {
		t.Errorf("privacy officer DELETE: %d", res.StatusCode)
	}
	var deleted map[string]int
	if res := c.api("DELETE", path, tok, ""); res.StatusCode != 200 || json.Unmarshal([]byte(res.Body), &deleted) != nil || deleted["moved_requests"] != 1 {
		t.Errorf("DELETE: %d %s", res.StatusCode, res.Body)
	}
	if res := c.api("DELETE", path, tok, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE twice: %d", res.StatusCode)
	}
}
