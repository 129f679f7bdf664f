package web_test

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/webhook"
)

func webhookIsoFixture(a *testApp, b *org.Organisation, _ int64) map[string]int64 {
	var e *store.WebhookEndpoint
	if err := a.st.InTx(context.Background(), func(tx *store.Tx) (err error) {
		e, _, err = tx.CreateWebhookEndpoint(context.Background(), b.ID, "https://hooks.example/secret-person@b.example", []string{webhook.IncidentReported}, true)
		return err
	}); err != nil {
		a.t.Fatal(err)
	}
	return map[string]int64{"webhook": e.ID}
}

// TestWebhooksPage: the beheerder adds an endpoint and sees its secret
// once, sends a test event, and reads the attempt (HTTP 500 from the
// receiver) in the log; a wrong address is refused at the field; the
// privacy officer has no access.
func TestWebhooksPage(t *testing.T) {
	app := newTestApp(t)
	o := app.org("bieb")
	admin := app.user(o, "beheer@bieb.example", org.Admin)
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer down.Close()

	c := app.signIn(admin.Email)
	if res := c.postForm("/o/bieb/settings/webhooks", url.Values{"url": {"http://hooks.example/x"}, "events": {webhook.RequestReceived}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Adres (URL): Gebruik https://") || !strings.Contains(res.Body, `value="request.received" checked`) {
		t.Fatalf("plain http elsewhere: %d\n%s", res.StatusCode, res.Body)
	}
	res := c.postForm("/o/bieb/settings/webhooks", url.Values{"url": {down.URL + "/hook"}, "events": {webhook.IncidentReported, webhook.RequestClosed}})
	// The page escapes "+" as "&#43;": read the secret as the browser shows
	// it (one secret in 64 starts with "+", and the test failed then).
	secret := regexp.MustCompile(`whsec_[A-Za-z0-9+/=]+`).FindString(html.UnescapeString(res.Body))
	if res.StatusCode != http.StatusOK || secret == "" || !strings.Contains(res.Body, "alleen nu getoond") {
		t.Fatalf("add: %d\n%s", res.StatusCode, res.Body)
	}
	eps, _ := app.st.WebhookEndpoints(context.Background(), o.ID)
	if len(eps) != 1 {
		t.Fatalf("endpoints %+v", eps)
	}
	page := "/o/bieb/settings/webhooks/" + strconv.FormatInt(eps[0].ID, 10)
	if p := c.get(page); p.StatusCode != 200 || strings.Contains(p.Body, secret) || !strings.Contains(p.Body, "Nog niets verzonden.") {
		t.Fatalf("endpoint page: %d\n%s", p.StatusCode, p.Body)
	}
	if list := c.get("/o/bieb/settings/webhooks"); !strings.Contains(list.Body, down.URL+"/hook") || !strings.Contains(list.Body, "Een verzoek is beantwoord of gesloten") {
		t.Errorf("list:\n%s", list.Body)
	}
	if res := c.postForm(page+"/test", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("test event: %d\n%s", res.StatusCode, res.Body)
	}
	if _, err := app.st.DeliverWebhooks(context.Background(), http.DefaultClient, "web-test"); err != nil {
		t.Fatal(err)
	}
	p := c.get(page)
	if !strings.Contains(p.Body, "Testbericht") || !strings.Contains(p.Body, "HTTP 500") || !strings.Contains(p.Body, "500 Internal Server Error") ||
		!strings.Contains(p.Body, "volgende poging") {
		t.Errorf("the log does not show the failed attempt:\n%s", p.Body)
	}
	if res := c.postForm(page+"/enabled", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.StatusCode)
	}
	if p := c.get(page); !strings.Contains(p.Body, "uitgeschakeld") {
		t.Errorf("not shown disabled:\n%s", p.Body)
	}
	if res := c.postForm(page, url.Values{"include_details": {"on"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Kies ten minste één gebeurtenis.") || !strings.Contains(res.Body, `name="include_details" checked`) {
		t.Fatalf("saving without events: %d\n%s", res.StatusCode, res.Body)
	}
	if res := c.postForm(page, url.Values{"events": {webhook.ReviewOverdue}, "include_details": {"on"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save events: %d\n%s", res.StatusCode, res.Body)
	}
	if e, _ := app.st.WebhookEndpoint(context.Background(), o.ID, eps[0].ID); e.Enabled || !e.IncludeDetails || len(e.Events) != 1 || e.Events[0] != webhook.ReviewOverdue {
		t.Errorf("after saving: %+v", e)
	}

	pc := app.signIn(po.Email)
	for _, path := range []string{"/o/bieb/settings/webhooks", page} {
		if res := pc.get(path); res.StatusCode != http.StatusForbidden {
			t.Errorf("privacy officer GET %s: %d, want 403", path, res.StatusCode)
		}
	}
	if res := pc.postForm(page+"/delete", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("privacy officer delete: %d", res.StatusCode)
	}
	if res := c.postForm(page+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if eps, _ := app.st.WebhookEndpoints(context.Background(), o.ID); len(eps) != 0 {
		t.Errorf("left after delete: %+v", eps)
	}
}
