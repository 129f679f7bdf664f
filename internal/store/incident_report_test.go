package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/incident"
	"privacyregister/internal/mail"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

type failingSender struct{}

func (failingSender) Send(context.Context, mail.Message) error { return errors.New("smtp down") }

// TestReportQueuesOneMail: a report and the privacy officers' notice are
// stored together; a notice that cannot be sent stays queued and goes out
// on the next try after a minute's back-off, once; sent notices are
// removed after a week.
func TestReportQueuesOneMail(t *testing.T) {
	ctx := context.Background()
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 10, 24, 20, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	o := newOrg(t, s, "bieb")
	addUser(t, s, o.ID, "fg@bieb.example", org.PrivacyOfficer)
	var i *store.Incident
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		i, err = tx.ReportIncident(ctx, o, incident.Report{Title: "Laptop kwijt", DiscoveredAt: clock.T.Add(-time.Hour)}, incident.Door{Source: store.SourceAPI, UserEmail: "mw@bieb.example"}, 0)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.SendQueuedMail(ctx, failingSender{}, "https://p.example"); n != 0 || err == nil {
		t.Fatalf("failing send: %d %v", n, err)
	}
	mem := &mail.Memory{}
	if _, err := s.SendQueuedMail(ctx, mem, "https://p.example/"); err != nil || len(mem.Sent) != 0 {
		t.Fatalf("retried before its back-off: %d sent, %v", len(mem.Sent), err)
	}
	clock.T = clock.T.Add(time.Minute)
	for range 2 {
		if _, err := s.SendQueuedMail(ctx, mem, "https://p.example/"); err != nil {
			t.Fatal(err)
		}
	}
	if len(mem.Sent) != 1 || !strings.HasSuffix(mem.Sent[0].Body, "Open de zaak:\nhttps://p.example/o/bieb/incidents/"+strconv.FormatInt(i.ID, 10)+"\n") {
		t.Fatalf("sent %d: %+v", len(mem.Sent), mem.Sent)
	}
	clock.T = clock.T.Add(8 * 24 * time.Hour)
	if _, err := s.SendQueuedMail(ctx, mem, ""); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RawString(ctx, "SELECT CAST(COUNT(*) AS TEXT) FROM mail_outbox"); err != nil || n != "0" {
		t.Errorf("%s messages kept after a week (%v)", n, err)
	}
}
