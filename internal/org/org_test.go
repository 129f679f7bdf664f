package org

import (
	"testing"

	"privacyregister/internal/apperr"
)

func TestRolePermissions(t *testing.T) {
	cases := []struct {
		role Role
		can  []Permission
		not  []Permission
	}{
		{Admin, []Permission{ManageUsers, ManageSettings, ViewAudit}, []Permission{EditAdministration}},
		{PrivacyOfficer, []Permission{EditAdministration, ViewAudit, WorkIncidents}, []Permission{ManageUsers}},
		{Technician, []Permission{WorkIncidents, ReportIncident}, []Permission{ViewAdministration, EditAdministration}},
		{Employee, []Permission{ReportIncident}, []Permission{ViewAdministration, WorkIncidents}},
		{Reader, []Permission{ViewAdministration}, []Permission{EditAdministration, ReportIncident, ManageUsers}},
	}
	for _, c := range cases {
		for _, p := range c.can {
			if !c.role.Can(p) {
				t.Errorf("%s cannot %d", c.role, p)
			}
		}
		for _, p := range c.not {
			if c.role.Can(p) {
				t.Errorf("%s can %d", c.role, p)
			}
		}
	}
	if _, err := ParseRole("koning"); err == nil {
		t.Error("unknown role parsed")
	}
}

func TestOrganisationValidation(t *testing.T) {
	o := Organisation{Name: " Bieb ", Short: "Bieb", KvK: "1234 5678", DPOEmail: "fg@bieb.nl"}
	if err := o.Validate(); err != nil || o.Short != "bieb" || o.KvK != "12345678" || o.Roles != ActsController {
		t.Fatalf("valid organisation: %v %+v", err, o)
	}
	bad := Organisation{Name: "", Short: "x", KvK: "12", DPOEmail: "geen", Roles: "koning", Employees: -1}
	list, ok := bad.Validate().(apperr.List)
	if !ok {
		t.Fatal("want a list of field errors")
	}
	named := map[string]bool{}
	for _, e := range list {
		named[e.Field] = true
	}
	for _, field := range []string{"name", "short", "kvk", "dpo_email", "roles", "employees"} {
		if !named[field] {
			t.Errorf("no error names %s: %v", field, list)
		}
	}
}
