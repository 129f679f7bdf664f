// Package org holds the organisation (the tenant), its members and their
// roles, and what each role may do.
package org

import (
	"net/mail"
	"regexp"
	"strings"
	"time"

	"privacyregister/internal/apperr"
)

// Organisation is a tenant: a library, a school board, a supplier.
type Organisation struct {
	ID         int64     `json:"id"`
	Short      string    `json:"short"`
	Name       string    `json:"name"`
	Roles      string    `json:"roles"` // controller, processor or both
	KvK        string    `json:"kvk"`
	Address    string    `json:"address"`
	DPOName    string    `json:"dpo_name"`
	DPOEmail   string    `json:"dpo_email"`
	DPOPhone   string    `json:"dpo_phone"`
	Employees  int       `json:"employees"`
	Require2FA bool      `json:"require_2fa"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// What an organisation acts as under the GDPR.
const (
	ActsController = "controller"
	ActsProcessor  = "processor"
	ActsBoth       = "both"
)

var shortRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,30}$`)
var kvkRe = regexp.MustCompile(`^[0-9]{8}$`)

// Validate checks the fields a user can edit and normalises them.
func (o *Organisation) Validate() error {
	var errs apperr.List
	o.Name = strings.TrimSpace(o.Name)
	o.Short = strings.ToLower(strings.TrimSpace(o.Short))
	if o.Name == "" {
		errs = append(errs, apperr.Invalidf("name", "is required"))
	}
	if !shortRe.MatchString(o.Short) {
		errs = append(errs, apperr.Invalidf("short", "must be 2-31 lower-case letters, digits or hyphens"))
	}
	switch o.Roles {
	case ActsController, ActsProcessor, ActsBoth:
	case "":
		o.Roles = ActsController
	default:
		errs = append(errs, apperr.Invalidf("roles", "must be controller, processor or both"))
	}
	o.KvK = strings.ReplaceAll(strings.TrimSpace(o.KvK), " ", "")
	if o.KvK != "" && !kvkRe.MatchString(o.KvK) {
		errs = append(errs, apperr.Invalidf("kvk", "a chamber-of-commerce number has 8 digits"))
	}
	o.DPOEmail = strings.TrimSpace(o.DPOEmail)
	if o.DPOEmail != "" {
		if _, err := mail.ParseAddress(o.DPOEmail); err != nil {
			errs = append(errs, apperr.Invalidf("dpo_email", "is not an e-mail address"))
		}
	}
	if o.Employees < 0 {
		errs = append(errs, apperr.Invalidf("employees", "cannot be negative"))
	}
	return errs.Err()
}

// IsProcessor reports whether the organisation acts as a processor.
func (o *Organisation) IsProcessor() bool { return o.Roles == ActsProcessor || o.Roles == ActsBoth }

// ActsAs reports whether the organisation acts as role (ActsController or
// ActsProcessor); one acting as both acts as either.
func (o *Organisation) ActsAs(role string) bool {
	return o.Roles == role || o.Roles == ActsBoth || (role == ActsController && o.Roles == "")
}
