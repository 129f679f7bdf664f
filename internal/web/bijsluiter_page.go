package web

import (
	"fmt"
	"net/http"
	"strings"

	"privacyregister/internal/agreement"
	"privacyregister/internal/apperr"
	"privacyregister/internal/store"
)

// bijsluiterList lists the products: the agreements in which the
// organisation is the processor. Ended agreements no longer describe a
// product on offer and are left out.
func (s *Server) bijsluiterList(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	all, err := s.Store.Agreements(r.Context(), c.Org.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	var products []agreement.Agreement
	for _, a := range all {
		if a.OurRole == agreement.RoleProcessor && a.Status != agreement.StatusEnded {
			products = append(products, a)
		}
	}
	s.render(w, r, c, "bijsluiter_list", "Privacy bijsluiter", map[string]any{"Products": products})
	return nil
}

// loadBijsluiter builds the leaflet of the path's agreement; an agreement
// of another organisation, or one in which we are not the processor, is
// not found.
func (s *Server) loadBijsluiter(r *http.Request, c *Ctx) (*bijsluiter, error) {
	id, err := pathID(r, "agreement")
	if err != nil {
		return nil, err
	}
	a, err := s.Store.Agreement(r.Context(), c.Org.ID, id)
	if err != nil {
		return nil, err
	}
	if a.OurRole != agreement.RoleProcessor {
		return nil, apperr.NotFoundf("page not found")
	}
	return buildBijsluiter(r.Context(), s.Store, c.Org, a)
}

func (s *Server) bijsluiterPage(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	b, err := s.loadBijsluiter(r, c)
	if err != nil {
		return err
	}
	s.render(w, r, c, "bijsluiter", c.T("Privacy bijsluiter")+" "+b.Product, map[string]any{"B": b, "F": agFmt{}})
	return nil
}

// bijsluiterText downloads the leaflet as plain text, for pasting into
// the agreement's annex or sending to a customer.
func (s *Server) bijsluiterText(w http.ResponseWriter, r *http.Request, c *Ctx) error {
	b, err := s.loadBijsluiter(r, c)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"bijsluiter-%d.txt\"", b.AgreementID))
	_, err = w.Write([]byte(bijsluiterPlain(c, b)))
	return err
}

// bijsluiterPlain writes the leaflet in the parts A-H of seed 004's annex.
func bijsluiterPlain(c *Ctx, b *bijsluiter) string {
	var t strings.Builder
	line := func(label, v string) {
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(&t, "%s: %s\n", c.T(label), v)
	}
	list := func(vs []string) {
		if len(vs) == 0 {
			t.WriteString("- " + c.T("none recorded") + "\n")
		}
		for _, v := range vs {
			t.WriteString("- " + v + "\n")
		}
	}
	head := func(h string) { fmt.Fprintf(&t, "\n%s\n", c.T(h)) }
	services := func(label string, svs []bsService) {
		fmt.Fprintf(&t, "%s:\n", c.T(label))
		if len(svs) == 0 {
			t.WriteString("- " + c.T("none recorded") + "\n")
		}
		for _, sv := range svs {
			fmt.Fprintf(&t, "- %s", sv.Name)
			for _, x := range []string{sv.Description, sv.Nature} {
				if x != "" {
					t.WriteString("; " + x)
				}
			}
			if sv.Retention != "" {
				fmt.Fprintf(&t, " (%s: %s)", c.T("Retention"), sv.Retention)
			}
			t.WriteString("\n")
		}
	}
	fmt.Fprintf(&t, "%s %s\n", strings.ToUpper(c.T("Privacy bijsluiter")), b.Product)
	head("A. General information")
	line("Product or service", b.Product)
	line("Main agreement", b.MainAgreement)
	line("Processor", strings.TrimSpace(b.Processor.Name+", "+b.Processor.Address))
	line("Customer", b.Customer)
	head("B. The services")
	services("Core services", b.Core)
	services("Optional services", b.Optional)
	head("C. Purposes of the processing")
	list(b.Purposes)
	head("D. Categories of personal data")
	list(b.Categories)
	fmt.Fprintf(&t, "%s:\n", c.T("Categories of data subjects"))
	list(b.Subjects)
	fmt.Fprintf(&t, "%s:\n", c.T("Special or sensitive data"))
	list(b.Special)
	head("E. Security and storage location")
	line("Security measures", b.Security)
	line("Data location", c.T(agLabel(b.DataLocation)))
	line("Countries of storage and processing", strings.Join(b.Countries, ", "))
	head("F. Sub-processors")
	if len(b.Subs) == 0 {
		t.WriteString("- " + c.T("none recorded") + "\n")
	}
	for _, sp := range b.Subs {
		fmt.Fprintf(&t, "- %s", sp.Name)
		for _, x := range []string{sp.Role, sp.Location, sp.Country} {
			if x != "" {
				t.WriteString("; " + x)
			}
		}
		t.WriteString("\n")
	}
	head("G. Contact")
	line("Name", b.Processor.DPOName)
	line("E-mail", b.Processor.DPOEmail)
	line("Telephone", b.Processor.DPOPhone)
	head("H. Version")
	line("Version", b.Version)
	line("Last changed", b.UpdatedAt.In(Amsterdam).Format("02-01-2006"))
	return t.String()
}
