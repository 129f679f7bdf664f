package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestUploadWaitsForItsUser: a parked import file is found by its key only
// for the user and organisation that uploaded it, only for half an hour,
// and no longer once dropped; a user keeps at most three.
func TestUploadWaitsForItsUser(t *testing.T) {
	s := testutil.NewStore(t)
	clock := &testutil.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	ctx := context.Background()
	o, other := newOrg(t, s, "upl"), newOrg(t, s, "upl2")
	u := addUser(t, s, o.ID, "fg@upl.example", org.PrivacyOfficer)
	v := addUser(t, s, o.ID, "tech@upl.example", org.PrivacyOfficer)
	keep := func(name string) string {
		t.Helper()
		clock.T = clock.T.Add(time.Second)
		var key string
		if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
			key, err = tx.KeepUpload(ctx, o.ID, u.ID, &store.PendingUpload{Filename: name + ".csv", Data: []byte("Naam\n" + name + "\n")})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return key
	}
	key := keep("register")
	got, err := s.Upload(ctx, o.ID, u.ID, key)
	if err != nil || got.Filename != "register.csv" || string(got.Data) != "Naam\nregister\n" {
		t.Fatalf("own upload: %v %+v", err, got)
	}
	if tb, err := got.Table(0); err != nil || tb.Rows[0].Cells[0] != "register" || tb.Rows[0].Num != 2 {
		t.Fatalf("own upload parsed: %v %+v", err, tb)
	}
	for name, try := range map[string]func() error{
		"another user":         func() error { _, err := s.Upload(ctx, o.ID, v.ID, key); return err },
		"another organisation": func() error { _, err := s.Upload(ctx, other.ID, u.ID, key); return err },
		"another key":          func() error { _, err := s.Upload(ctx, o.ID, u.ID, key+"x"); return err },
	} {
		if err := try(); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s: %v, want not found", name, err)
		}
	}
	clock.T = clock.T.Add(31 * time.Minute)
	if _, err := s.Upload(ctx, o.ID, u.ID, key); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("after 31 minutes: %v, want not found", err)
	}
	keys := []string{keep("a"), keep("b"), keep("c"), keep("d")}
	if _, err := s.Upload(ctx, o.ID, u.ID, keys[0]); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("a fourth upload keeps the first: %v", err)
	}
	if _, err := s.Upload(ctx, o.ID, u.ID, keys[3]); err != nil {
		t.Errorf("newest upload: %v", err)
	}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.DropUpload(ctx, o.ID, keys[3]) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Upload(ctx, o.ID, u.ID, keys[3]); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("dropped upload: %v", err)
	}
}

// TestUploadKeptAsSent: a 4.9 MB .xlsx was kept as its parsed table, a
// 377 MB row. The upload is now kept byte for byte as it was sent.
func TestUploadKeptAsSent(t *testing.T) {
	s := testutil.NewStore(t)
	ctx := context.Background()
	o := newOrg(t, s, "raw")
	u := addUser(t, s, o.ID, "fg@raw.example", org.PrivacyOfficer)
	var buf bytes.Buffer
	if err := register.WriteXLSX(&buf, register.OrgInfo{Name: "Raw"}, register.Generate(300, 1), register.Refs{Measures: register.GenerateMeasures()}, "nl"); err != nil {
		t.Fatal(err)
	}
	var key string
	if err := s.InTx(ctx, func(tx *store.Tx) (err error) {
		key, err = tx.KeepUpload(ctx, o.ID, u.ID, &store.PendingUpload{Filename: "r.xlsx", Data: buf.Bytes()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Upload(ctx, o.ID, u.ID, key)
	if err != nil || !bytes.Equal(got.Data, buf.Bytes()) {
		t.Fatalf("stored %d bytes, sent %d: %v", len(got.Data), buf.Len(), err)
	}
	tb, err := got.Table(0)
	if err != nil || len(tb.Rows) != 300 {
		t.Fatalf("parsed again: %v", err)
	}
}
