package web_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"privacyregister/internal/profile"
	"privacyregister/internal/store"
	"privacyregister/internal/testutil"
)

// TestServedProfileMatchesItsSchema: the document /p/SHORT/processor.json
// serves, with every kind of member filled, validates against the schema
// published in docs/, so another tool can rely on the schema; and the
// schema is strict enough to refuse what a reader must refuse.
func TestServedProfileMatchesItsSchema(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "docs", "processor-profile.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("processor-profile.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("processor-profile.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	validate := func(body string) error {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
		if err != nil {
			return err
		}
		return schema.Validate(v)
	}

	app := newTestApp(t)
	pb := app.org("probiblio")
	hours := 24
	expires := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	full := profile.Profile{Name: "ProBiblio", KvK: "41169750", BreachHours: &hours,
		Contact:       profile.Contact{Name: "Privacy officer", Email: "privacy@probiblio.example", Phone: "+31 23 000 0000"},
		Products:      []profile.Product{{Name: "Wise", Description: "Bibliotheeksysteem", DataCategories: []string{"NAW", "leengeschiedenis"}}},
		Subprocessors: []profile.Subprocessor{{Name: "OCLC", Country: "NL", Purpose: "hosting"}, {Name: "Mailchimp", Country: "US", Purpose: "nieuwsbrieven", Safeguard: "DPF"}},
		Certificates:  []profile.Certificate{{Name: "ISO 27001", Issuer: "BSI", Expires: &expires}, {Name: "NEN 7510", Issuer: "BSI"}}}
	bare := profile.Profile{Name: "ProBiblio", Contact: profile.Contact{Email: "privacy@probiblio.example"}}
	ctx := context.Background()
	for i, p := range []profile.Profile{bare, full} {
		if err := app.st.InTx(ctx, func(tx *store.Tx) error { _, err := tx.PublishProfile(ctx, pb.ID, p, "versie", "po"); return err }); err != nil {
			t.Fatal(err)
		}
		res := app.client().get("/p/probiblio/processor.json")
		if res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
		if err := validate(res.Body); err != nil {
			t.Errorf("version %d does not match the schema: %v", i+1, err)
		}
		if i == 1 {
			for name, bad := range map[string]string{
				"another format":      strings.Replace(res.Body, profile.Format, "privacyregister.processor-profile/2", 1),
				"no signature":        res.Body[:strings.Index(res.Body, `"signature"`)] + `"x": 1}`,
				"a country name":      strings.Replace(res.Body, `"country": "NL"`, `"country": "Nederland"`, 1),
				"hours as text":       strings.Replace(res.Body, `"breach_notice_hours": 24`, `"breach_notice_hours": "24"`, 1),
				"a date that is none": strings.Replace(res.Body, `"expires": "2027-06-30T00:00:00Z"`, `"expires": "30 juni 2027"`, 1),
			} {
				if bad == res.Body {
					t.Errorf("%s: the test did not change the document", name)
				} else if validate(bad) == nil {
					t.Errorf("%s: the schema accepts it", name)
				}
			}
		}
	}
}
