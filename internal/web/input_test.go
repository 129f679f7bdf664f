package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/web"
)

// TestAPIBadTextAndForeignReferences: a NUL byte answered 500 on
// PostgreSQL; a 10 MB name was stored; PUT /api/v1/activities/{id} stored
// another organisation's agreement id. All are refused with the field
// named, on both engines, and nothing is stored.
func TestAPIBadTextAndForeignReferences(t *testing.T) {
	app := newTestApp(t)
	o, other := app.org("apia"), app.org("apib")
	u := app.user(o, "fg@apia.example", org.PrivacyOfficer)
	tok := app.token(o, u)
	c := app.client()
	ctx := context.Background()
	theirs := &agreement.Agreement{OrgID: other.ID, Title: "Overeenkomst van B"}
	if err := app.st.InTx(ctx, func(tx *store.Tx) error { return tx.CreateAgreement(ctx, theirs) }); err != nil {
		t.Fatal(err)
	}
	huge, _ := json.Marshal(strings.Repeat("x", 10<<20))
	for name, body := range map[string]string{
		"NUL in the name":  `{"name":"Leden\u0000administratie"}`,
		"NUL in a purpose": `{"name":"ok","purposes":[{"description":"a\u0000b","lawful_basis":"b"}]}`,
		"10 MB name":       `{"name":` + string(huge) + `}`,
	} {
		res := c.api("POST", "/api/v1/activities", tok, body)
		if res.StatusCode != 422 || !strings.Contains(res.Body, `"field"`) {
			t.Errorf("%s: %d %.300s", name, res.StatusCode, res.Body)
		}
	}
	res := c.api("POST", "/api/v1/activities", tok, `{"name":"Uitlenen"}`)
	var a register.Activity
	if err := json.Unmarshal([]byte(res.Body), &a); res.StatusCode != 201 || err != nil {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	a.Processors = []register.ProcessorRef{{Name: "Leverancier", AgreementID: &theirs.ID}}
	body, _ := json.Marshal(a)
	res = c.api("PUT", "/api/v1/activities/"+strconv.FormatInt(a.ID, 10), tok, string(body))
	if res.StatusCode != 422 || !strings.Contains(res.Body, "processors[0].agreement_id") {
		t.Errorf("another organisation's agreement: %d %s", res.StatusCode, res.Body)
	}
	got, err := app.st.Activity(ctx, o.ID, a.ID)
	if err != nil || len(got.Processors) != 0 {
		t.Fatalf("stored anyway: %v %+v", err, got)
	}
	if _, n, _ := app.st.Activities(ctx, o.ID, store.ActivityFilter{}); n != 1 {
		t.Errorf("%d activities stored, want 1", n)
	}
}

// TestIncidentCSVEscapesFormulas: the breach register's CSV wrote a title
// such as =HYPERLINK(...) unchanged; it goes through the one CSV writer.
func TestIncidentCSVEscapesFormulas(t *testing.T) {
	var list []store.Incident
	for _, title := range []string{"=1+1", "+31 6 formule", "-2+3", "@SUM(A1)", "\tTab", "\rCR"} {
		var i store.Incident
		i.Title, i.Dossier, i.DiscoveredAt = title, "2026-001", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		list = append(list, i)
	}
	var buf bytes.Buffer
	if err := web.WriteIncidentsCSV(&buf, "nl", list); err != nil {
		t.Fatal(err)
	}
	for _, i := range list {
		if !strings.Contains(buf.String(), `"'`+i.Title+`"`) {
			t.Errorf("title %q is not escaped: %q", i.Title, buf.String())
		}
	}
}
