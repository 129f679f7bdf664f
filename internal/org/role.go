package org

import "privacyregister/internal/apperr"

// Role is a member's role in one organisation (DESIGN.md "Users and roles").
type Role string

const (
	Admin          Role = "beheerder"
	PrivacyOfficer Role = "privacyofficer"
	Technician     Role = "technicus"
	Employee       Role = "medewerker"
	Reader         Role = "lezer"
)

// Roles in the order the UI lists them.
var Roles = []Role{Admin, PrivacyOfficer, Technician, Employee, Reader}

// ParseRole accepts the command-line and form names of a role.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", apperr.Invalidf("role", "unknown role %q (beheerder, privacyofficer, technicus, medewerker, lezer)", s)
}

// Label is the role's English name, a message id for the UI.
func (r Role) Label() string {
	switch r {
	case Admin:
		return "Administrator"
	case PrivacyOfficer:
		return "Privacy officer"
	case Technician:
		return "Technician"
	case Employee:
		return "Employee"
	case Reader:
		return "Reader"
	}
	return string(r)
}

// Permission is one thing a role may do. Routes ask for a permission, not
// for a role, so adding a role means editing only the table below.
type Permission int

const (
	ViewAdministration Permission = iota // read register, agreements, incidents ...
	EditAdministration                   // change them
	ManageUsers                          // users and roles of the organisation
	ManageSettings                       // organisation settings
	ViewAudit                            // read the audit trail
	ReportIncident                       // report a security incident
	WorkIncidents                        // work on assigned incidents
)

var grants = map[Role][]Permission{
	Admin:          {ViewAdministration, ManageUsers, ManageSettings, ViewAudit, ReportIncident},
	PrivacyOfficer: {ViewAdministration, EditAdministration, ViewAudit, ReportIncident, WorkIncidents},
	Technician:     {ReportIncident, WorkIncidents},
	Employee:       {ReportIncident},
	Reader:         {ViewAdministration},
}

// Can reports whether the role has the permission.
func (r Role) Can(p Permission) bool {
	for _, g := range grants[r] {
		if g == p {
			return true
		}
	}
	return false
}

// Membership ties a user to an organisation with a role.
type Membership struct {
	OrgID    int64  `json:"org_id"`
	OrgShort string `json:"org_short"`
	OrgName  string `json:"org_name"`
	UserID   int64  `json:"user_id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Lang     string `json:"lang"`     // the user's language, for mail sent to them
	Disabled bool   `json:"disabled"` // a disabled user gets no mail and cannot sign in
	// Deactivated: the organisation (its identity provider, by SCIM) ended
	// this membership's access but kept the member; Disabled is then set too.
	Deactivated bool `json:"deactivated,omitempty"`
}
