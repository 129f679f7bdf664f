package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/org"
	"privacyregister/internal/request"
	"privacyregister/internal/store"
)

// TestPublicRequestForm: once the privacy statement is published, a data
// subject can make a request online (art. 12(2): any route is valid). On
// Monday 6 July 2026 it is received by web form and due Thursday 6 August
// 2026; the privacy officers are mailed; a request without a right or a
// way to answer is refused naming the field and writes nothing; the sixth
// request from one address within the hour is refused.
func TestPublicRequestForm(t *testing.T) {
	app, mem := incidentApp(t)
	app.clock.T = time.Date(2026, 7, 6, 10, 0, 0, 0, time.UTC)
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	anon := app.client()
	if res := anon.get("/p/bieb/request"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("form before the statement is published: %d", res.StatusCode)
	}
	publishStatement(t, app.signIn(po.Email), "bieb")
	if res := anon.get("/p/bieb/privacy"); !strings.Contains(res.Body, `href="/p/bieb/request?lang=nl"`) {
		t.Errorf("the public statement does not link the form")
	}
	if res := anon.get("/p/bieb/request"); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `name="rights" value="access"`) {
		t.Fatalf("form: %d", res.StatusCode)
	}
	bad := anon.postForm("/p/bieb/request", url.Values{"name": {"Jan"}})
	if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "Kies ten minste één recht") || !strings.Contains(bad.Body, "Laat een e-mailadres") {
		t.Errorf("request without a right or contact: %d %s", bad.StatusCode, errorsOf(bad.Body))
	}
	res := anon.postForm("/p/bieb/request", url.Values{"rights": {"access"}, "name": {"Jan Jansen"}, "email": {"jan@example.nl"},
		"description": {"Welke gegevens hebben jullie over mijn uitleningen?"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `id="due">06-08-2026<`) || !strings.Contains(res.Body, "AVG-2026-001") {
		t.Fatalf("receipt: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	qs, err := app.st.Requests(context.Background(), o.ID, store.RequestFilter{})
	if err != nil || len(qs) != 1 {
		t.Fatalf("requests stored: %d %v", len(qs), err)
	}
	if q := qs[0]; q.Channel != request.ByWebForm || q.Requester.Email != "jan@example.nl" || len(q.Rights) != 1 || q.Rights[0] != request.Access {
		t.Errorf("stored request: %+v", q)
	}
	if trail, _ := app.st.AuditLog(context.Background(), o.ID, store.AuditFilter{Entity: "request"}); len(trail) != 1 || trail[0].Actor != "public request form" {
		t.Errorf("audit of the public request: %+v", trail)
	}
	if msgs := mem.Messages(); len(msgs) != 1 || msgs[0].To[0] != "fg@bieb.example" || !strings.Contains(msgs[0].Subject, "AVG-2026-001") || strings.Contains(msgs[0].Body, "uitleningen") {
		t.Errorf("mail to the privacy officer: %+v", msgs)
	}
	// Two attempts so far from this address; three more are let through.
	for range 3 {
		anon.postForm("/p/bieb/request", url.Values{"name": {"x"}})
	}
	if res := anon.postForm("/p/bieb/request", url.Values{"rights": {"access"}, "name": {"y"}, "email": {"y@example.nl"}}); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("sixth request within the hour: %d", res.StatusCode)
	}
}
