package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// A processor (the Wise supplier) with a 48-hour agreement (seed 001):
// discovered Saturday 24 October 2026 09:00 Amsterdam (07:00 UTC), the
// controller must be told by Monday 26 October 08:00 Amsterdam (07:00 UTC
// plus 48 real hours, across the end of summer time).
func TestIncidentProcessorControllersAndNotification(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("wise")
	o.Roles = org.ActsProcessor
	app.user(o, "fg@wise.example", org.PrivacyOfficer)
	po := app.signIn("fg@wise.example")
	id := report(t, po, "wise", url.Values{"title": {"Admin account misused"}, "discovered_at": {"2026-10-24T09:00"}})
	path := "/o/wise/incidents/" + strconv.FormatInt(id, 10)
	if res := po.postForm(path+"/controllers", url.Values{"controller_name": {"Bibliotheek Lek & IJssel"}, "contract_hours": {"48"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add controller: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if res := po.postForm(path+"/controllers", url.Values{"controller_name": {"X"}, "contract_hours": {"-1"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("negative hours: %d", res.StatusCode)
	}
	page := po.get(path)
	if page.StatusCode != 200 || !strings.Contains(page.Body, "26-10-2026 08:00") {
		t.Errorf("controller deadline 26-10-2026 08:00 not on the case page (%d)", page.StatusCode)
	}
	if res := po.get(path + "/text/controller"); res.StatusCode != 200 {
		t.Errorf("controller notice: %d", res.StatusCode)
	}

	// A processor told us: aware 20 October 10:00, told us 23 October
	// 10:00 with a 48-hour contract: it did not keep its deadline.
	res := po.postForm(path, url.Values{"title": {"Admin account misused"}, "discovered_at": {"2026-10-24T09:00"}, "aware_at": {"2026-10-24T10:00"},
		"role": {"processor"}, "timing": {"unknown"}, "processor_aware_at": {"2026-10-20T10:00"}, "processor_told_at": {"2026-10-23T10:00"}, "processor_hours": {"48"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	if page := po.get(path); !strings.Contains(page.Body, "later ingelicht dan de overeenkomst toestaat") {
		t.Errorf("late processor not shown")
	}
	res = po.postForm(path, url.Values{"title": {"x"}, "discovered_at": {"2026-10-24T09:00"}, "processor_aware_at": {"2026-10-23T10:00"}, "processor_told_at": {"2026-10-20T10:00"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "processor_told_at") && !strings.Contains(res.Body, "ingelicht door de verwerker") {
		t.Errorf("told before aware: %d", res.StatusCode)
	}

	// The AP notification with the AP's confirmation attached.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"kind": "new", "sent_at": "2026-10-24T21:00", "reference": "M-2026-77"} {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("confirmation", "bevestiging.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4 confirmation"))
	mw.Close()
	c := po
	req, _ := http.NewRequest("POST", c.base+path+"/notify?tab=notify", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res = c.do(req)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("notify: %d %s", res.StatusCode, errorsOf(res.Body))
	}
	// The form was posted from the notifications tab and returns to it.
	if loc := res.Header.Get("Location"); loc != path+"?tab=notify" {
		t.Errorf("after the notification the page returns to %q, want the notifications tab", loc)
	}
	page = po.get(res.Header.Get("Location"))
	if !strings.Contains(page.Body, "M-2026-77") || !strings.Contains(page.Body, "bevestiging.pdf") {
		t.Errorf("notification not on the case page")
	}
	i := strings.Index(page.Body, "/notify/")
	link := page.Body[i-len(path) : i+len("/notify/")+strings.Index(page.Body[i+len("/notify/"):], `"`)]
	if res := po.get(link); res.StatusCode != 200 || !strings.HasPrefix(res.Body, "%PDF") || res.Header.Get("Content-Disposition") == "" {
		t.Errorf("confirmation download %s: %d", link, res.StatusCode)
	}
}

// The technicus is proposed from the owner of the processing activity in
// the register.
func TestIncidentProposesTechnicianFromRegister(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	app.user(o, "tech@bieb.example", org.Technician)
	act := register.DemoActivities()[0]
	act.Owner = "tech@bieb.example"
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateActivity(context.Background(), o.ID, &act) }); err != nil {
		t.Fatal(err)
	}
	po := app.signIn("fg@bieb.example")
	id := report(t, po, "bieb", url.Values{"title": {"Share open to everyone"}, "discovered_at": {"2026-10-24T09:00"}, "activity_ids": {strconv.FormatInt(act.ID, 10)}})
	page := po.get("/o/bieb/incidents/" + strconv.FormatInt(id, 10))
	if !strings.Contains(page.Body, `id="inc-proposed-tech"`) {
		t.Errorf("no technicus proposed from the register")
	}
	// Another organisation's activity cannot be named.
	b := app.org("other")
	actB := register.DemoActivities()[1]
	_ = app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateActivity(context.Background(), b.ID, &actB) })
	res := po.postForm("/o/bieb/incidents", url.Values{"title": {"x"}, "discovered_at": {"2026-10-24T09:00"}, "activity_ids": {strconv.FormatInt(actB.ID, 10)}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("activity of another organisation: %d, want 422", res.StatusCode)
	}
}
