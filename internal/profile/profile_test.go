package profile

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"privacyregister/internal/country"
)

func base() Profile {
	return Profile{Name: "ProBiblio", Contact: Contact{Email: "privacy@probiblio.example"},
		Subprocessors: []Subprocessor{{Name: "OCLC | HKA", Country: "NL", Purpose: "hosting"}, {Name: "Hellodialog", Country: "NL", Purpose: "nieuwsbrieven"}},
		Certificates:  []Certificate{{Name: "ISO 27001", Issuer: "BSI"}}}
}

// TestChanges: what a customer must be told under art. 28(2) AVG (a new
// or replaced sub-processor, and a move to another country, which is a
// new transfer), what is only news (a sub-processor that left), and a
// certificate gone or expired (the guarantees of art. 28(1)).
func TestChanges(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	prev := base()
	next := base()
	next.Subprocessors[0].Country = "US"                                                                                  // OCLC moves to the US
	next.Subprocessors = append(next.Subprocessors[:1], Subprocessor{Name: "Mailchimp", Country: "US", Safeguard: "DPF"}) // Hellodialog replaced
	expired := now.AddDate(0, 0, -1)
	next.Certificates[0].Expires = &expired
	got := Changes(&prev, next, now)
	want := []Change{
		{Kind: Moved, Subprocessor: "OCLC | HKA", Country: "US", FromCountry: "NL", Purpose: "hosting"},
		{Kind: Added, Subprocessor: "Mailchimp", Country: "US", Safeguard: "DPF"},
		{Kind: Removed, Subprocessor: "Hellodialog", Country: "NL"},
		{Kind: CertificateLost, Certificate: "ISO 27001"},
	}
	if len(got) != len(want) {
		t.Fatalf("changes %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if got[2].NeedsDecision() || !got[0].NeedsDecision() {
		t.Error("a removal needs no decision; a move does")
	}
	// The US has adequacy for DPF-certified recipients only: OCLC names
	// no safeguard, Mailchimp names its DPF certification.
	if cls, without := got[0].Class(); cls != country.Adequate || !without {
		t.Errorf("OCLC in the US: %s, without safeguard %v", cls, without)
	}
	if _, without := got[1].Class(); without {
		t.Error("Mailchimp names DPF, yet counts as without safeguard")
	}
	if cs := Changes(nil, next, now); cs != nil {
		t.Errorf("a first version is no change: %+v", cs)
	}
	if cs := Changes(&prev, prev, now); len(cs) != 0 {
		t.Errorf("the same version again: %+v", cs)
	}
}

func TestPrepareNamesFieldAndRow(t *testing.T) {
	p := base()
	p.KvK = "1234"
	p.Subprocessors = append(p.Subprocessors, Subprocessor{Name: "hellodialog ", Country: "Nederland"}, Subprocessor{Name: "", Country: "NL"})
	err := Prepare(&p, "")
	for _, want := range []string{"8 digits", "Say what changed", "Sub-processor 3 (hellodialog) is named twice", "Sub-processor 4 has no name"} {
		if err == nil || !strings.Contains(err.Error()+listed(err), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
	ok := base()
	ok.Subprocessors[0].Country = "Verenigde Staten"
	if err := Prepare(&ok, "v2"); err != nil || ok.Subprocessors[0].Country != "US" {
		t.Errorf("prepare: %v, country %q", err, ok.Subprocessors[0].Country)
	}
}

// listed spells out every error of a list.
func listed(err error) string {
	var b strings.Builder
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range u.Unwrap() {
			b.WriteString(e.Error() + "\n")
		}
	}
	return b.String()
}

// TestSignAndVerify: the signature is over the canonical bytes (RFC
// 8785), so a document re-indented on the way still verifies; a changed
// byte of content, another key's signature or another format does not.
func TestSignAndVerify(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	vs := []Version{{Number: 1, PublishedAt: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), ChangeNote: "eerste", Profile: base()},
		{Number: 2, PublishedAt: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC), ChangeNote: "Mailchimp erbij", Profile: base()}}
	body, err := Sign(NewDocument(vs), key)
	if err != nil {
		t.Fatal(err)
	}
	v, err := Verify(body)
	if err != nil || v.Document.Version != 2 || len(v.Document.History) != 2 || v.Document.ChangeNote != "Mailchimp erbij" {
		t.Fatalf("verify: %+v %v", v, err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, body); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(compact.Bytes()); err != nil {
		t.Errorf("re-formatted document: %v", err)
	}
	if _, err := Verify(bytes.Replace(body, []byte("Mailchimp erbij"), []byte("Mailchimp erbij!"), 1)); err == nil {
		t.Error("a changed note verified")
	}
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	forged, _ := Sign(NewDocument(vs), other)
	var env Envelope
	_ = json.Unmarshal(forged, &env)
	var orig Envelope
	_ = json.Unmarshal(body, &orig)
	env.Signature.PublicKey = orig.Signature.PublicKey // claims the real key
	swapped, _ := json.Marshal(env)
	if _, err := Verify(swapped); err == nil {
		t.Error("another key's signature verified")
	}
	if Fingerprint(v.PublicKey) == Fingerprint(env.Signature.PublicKey) && v.PublicKey != env.Signature.PublicKey {
		t.Error("two keys share a fingerprint")
	}
	d := NewDocument(vs)
	d.Format = "privacyregister.processor-profile/2"
	future, _ := Sign(d, key)
	if _, err := Verify(future); err == nil || !strings.Contains(err.Error(), "unknown document format") {
		t.Errorf("another major format: %v", err)
	}
}
