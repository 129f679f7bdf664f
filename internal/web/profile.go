package web

import (
	"net/http"
	"strings"

	"privacyregister/internal/profile"
	"privacyregister/internal/store"
)

// The processor's profile page (issue 16): what it publishes to all its
// customers at once, each change a new version with a note; the customers
// on this installation that follow it and their answers; the versions and
// the public, signed address another installation subscribes to.

func init() {
	formFields["profile"] = map[string]formField{
		"name": {Label: "Name"}, "kvk": {Label: "Chamber of commerce number"}, "contact_email": {Label: "Contact e-mail"},
		"breach_notice_hours": {Label: "Breach notice within (hours)"}, "change_note": {Label: "What changed"},
		"subprocessors": {Label: "Sub-processors"}, "certificates": {Label: "Certificates"}, "products": {Label: "Products"},
	}
	flashes["profile-published"] = "The new version is published; the customers that follow it have their notices."
}

// profileRows is how many empty rows the form offers for new entries.
const profileRows = 2

func profileURL(c *Ctx) string { return "/o/" + c.Org.Short + "/profile" }

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	return s.renderProfile(w, r, c, map[string]any{}, nil)
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, c *Ctx, data map[string]any, formErr error) error {
	ctx := r.Context()
	versions, err := s.Store.ProfileVersions(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	customers, err := s.Store.ProfileCustomers(ctx, c.Org.ID)
	if err != nil {
		return err
	}
	if _, ok := data["Form"]; !ok {
		p := profile.Profile{Name: c.Org.Name, KvK: c.Org.KvK, Contact: profile.Contact{Name: c.Org.DPOName, Email: c.Org.DPOEmail, Phone: c.Org.DPOPhone}}
		if n := len(versions); n > 0 {
			p = versions[n-1].Profile
		}
		data["Form"] = p
	}
	if n := len(versions); n > 0 {
		key, err := s.Store.ProfilePublicKey(ctx, c.Org.ID)
		if err != nil {
			return err
		}
		data["Latest"], data["Fingerprint"] = versions[n-1], profile.Fingerprint(key)
		data["PublicURL"] = s.baseURL(r) + "/p/" + c.Org.Short + "/processor.json"
	}
	// Newest first on the page.
	for i, j := 0, len(versions)-1; i < j; i, j = i+1, j-1 {
		versions[i], versions[j] = versions[j], versions[i]
	}
	open := 0
	for _, cu := range customers {
		for _, a := range cu.Answers {
			if a.Open() {
				open++
			}
		}
	}
	data["Versions"], data["Customers"], data["OpenAnswers"], data["Empty"] = versions, customers, open, make([]struct{}, profileRows)
	data["Lang"], data["F"] = c.Lang, agFmt{}
	data["Tabs"] = pageTabs(r, profileURL(c), "profile", "Profile", "customers", "Customers and answers", "versions", "Versions")
	if formErr != nil {
		return s.formError(w, r, c, "profile", "Processor profile", data, formErr)
	}
	s.render(w, r, c, "profile", "Processor profile", data)
	return nil
}

// profilePublish publishes the posted profile as a new version.
func (s *Server) profilePublish(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := newForm(r)
	p := readProfileForm(f)
	note := f.str("change_note")
	if err := f.err(); err != nil {
		return s.renderProfile(w, r, c, map[string]any{"Form": p}, err)
	}
	if err := s.Store.InTx(r.Context(), func(tx *store.Tx) error {
		_, err := tx.PublishProfile(r.Context(), c.Org.ID, p, note, c.User.Email)
		return err
	}); err != nil {
		return s.renderProfile(w, r, c, map[string]any{"Form": p}, err)
	}
	redirectFlash(w, r, profileURL(c)+"?tab=customers", "profile-published")
	return nil
}

// readProfileForm reads the form; a row left empty is no row.
func readProfileForm(f *form) profile.Profile {
	p := profile.Profile{Name: f.str("name"), KvK: f.str("kvk"), BreachHours: f.optInt("breach_notice_hours"),
		Contact: profile.Contact{Name: f.str("contact_name"), Email: f.str("contact_email"), Phone: f.str("contact_phone")}}
	for _, row := range f.rows("sub_name", "sub_country", "sub_purpose", "sub_safeguard") {
		if strings.Join(row, "") != "" {
			p.Subprocessors = append(p.Subprocessors, profile.Subprocessor{Name: row[0], Country: row[1], Purpose: row[2], Safeguard: row[3]})
		}
	}
	for _, row := range f.rows("cert_name", "cert_issuer", "cert_expires") {
		if strings.Join(row, "") != "" {
			c := profile.Certificate{Name: row[0], Issuer: row[1]}
			if row[2] != "" {
				c.Expires = f.dateOf("certificates", row[2])
			}
			p.Certificates = append(p.Certificates, c)
		}
	}
	for _, row := range f.rows("prod_name", "prod_description", "prod_data") {
		if strings.Join(row, "") != "" {
			pr := profile.Product{Name: row[0], Description: row[1]}
			for _, d := range strings.Split(row[2], ",") {
				if d = strings.TrimSpace(d); d != "" {
					pr.DataCategories = append(pr.DataCategories, d)
				}
			}
			p.Products = append(p.Products, pr)
		}
	}
	return p
}
