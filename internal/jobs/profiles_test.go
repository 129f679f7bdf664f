package jobs_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"privacyregister/internal/agreement"
	"privacyregister/internal/jobs"
	"privacyregister/internal/org"
	"privacyregister/internal/profile"
	"privacyregister/internal/store"
	"privacyregister/internal/subscription"
	"privacyregister/internal/testutil"
)

// TestProcessorProfilesJob: the job fetches a followed profile once its
// interval has passed, not before, and a new version becomes a notice.
func TestProcessorProfilesJob(t *testing.T) {
	ctx := context.Background()
	st := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	st.Now = clock.Now
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	var mu sync.Mutex
	var versions []profile.Version
	gets := 0
	publish := func(subs ...string) {
		p := profile.Profile{Name: "ProBiblio"}
		for _, s := range subs {
			p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: s, Country: "NL"})
		}
		mu.Lock()
		versions = append(versions, profile.Version{Number: len(versions) + 1, PublishedAt: clock.T, ChangeNote: "note", Profile: p})
		mu.Unlock()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		gets++
		body, _ := profile.Sign(profile.NewDocument(versions), key)
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	publish("OCLC")

	o := &org.Organisation{Name: "Bibliotheek", Short: "bieb"}
	a := &agreement.Agreement{Title: "VO Wise", OurRole: agreement.RoleController, Status: agreement.StatusSigned, Terms: agreement.NewTerms()}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOrg(ctx, o); err != nil {
			return err
		}
		a.OrgID = o.ID
		return tx.CreateAgreement(ctx, a)
	}); err != nil {
		t.Fatal(err)
	}
	sub := subscription.New(st, true)
	if _, err := sub.Subscribe(ctx, o.ID, a.ID, srv.URL+"/p/probiblio/processor.json"); err != nil {
		t.Fatal(err)
	}
	d := jobs.Deps{Store: st, Now: clock.Now, Subscriptions: sub, ProfileEvery: 6 * time.Hour}
	publish("OCLC", "Mailchimp")
	clock.Add(5 * time.Hour)
	if err := jobs.ProcessorProfiles(ctx, d); err != nil || gets != 1 {
		t.Fatalf("polled before its interval: %d requests, %v", gets, err)
	}
	clock.Add(2 * time.Hour)
	if err := jobs.ProcessorProfiles(ctx, d); err != nil || gets != 2 {
		t.Fatalf("not polled after its interval: %d requests, %v", gets, err)
	}
	if ns, _ := st.Notices(ctx, o.ID, a.ID); len(ns) != 1 || ns[0].Subprocessor != "Mailchimp" {
		t.Errorf("notices %+v", ns)
	}
}
