package store_test

import (
	"context"
	"slices"
	"testing"

	"privacyregister/internal/agreement"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// Sorting by name ignores case on both engines: the demo register listed
// COOSTO before Cameraregistratie (issue 13).
func TestSortByNameIgnoresCase(t *testing.T) {
	s := testutil.NewStore(t)
	o := newOrg(t, s, "sortcase")
	names := []string{"COOSTO", "Cameraregistratie", "beheer", "Zaaksysteem", "agenda"}
	want := []string{"agenda", "beheer", "Cameraregistratie", "COOSTO", "Zaaksysteem"}
	for _, n := range names {
		if err := regCreate(t, s, o.ID, &register.Activity{Name: n}); err != nil {
			t.Fatal(err)
		}
		if err := s.InTx(context.Background(), func(tx *store.Tx) error {
			return tx.CreateParty(context.Background(), &agreement.Party{OrgID: o.ID, Name: n, Kind: agreement.KindProcessor, Country: "NL"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	acts, _, err := s.Activities(context.Background(), o.ID, store.ActivityFilter{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range acts {
		got = append(got, a.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("activities by name: %v, want %v", got, want)
	}
	slices.Reverse(want)
	acts, _, _ = s.Activities(context.Background(), o.ID, store.ActivityFilter{Sort: "-name"})
	got = got[:0]
	for _, a := range acts {
		got = append(got, a.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("activities by name, descending: %v, want %v", got, want)
	}
	slices.Reverse(want)
	parties, err := s.Parties(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, p := range parties {
		got = append(got, p.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("parties: %v, want %v", got, want)
	}
}
