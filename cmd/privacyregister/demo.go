package main

import (
	"context"
	"fmt"
	"io"

	"privacyregister/internal/apperr"
	"privacyregister/internal/auth"
	"privacyregister/internal/org"
	"privacyregister/internal/store"
)

// The demo organisation: the library of seed 003.
const (
	demoShort = "demo"
	demoName  = "Bibliotheek Lek & IJssel"
	demoAdmin = "beheerder@demo.privacyregister.nl"
	demoPO    = "fg@demo.privacyregister.nl"
)

// demoFillers add the demo data of later areas (register, agreements, ...)
// to a new demo organisation, in one transaction with it.
var demoFillers []func(ctx context.Context, tx *store.Tx, o *org.Organisation) error

// ensureDemo creates the demo organisation once. Its users get one-time
// passwords, printed here; while a demo user has not yet chosen their own
// password, every start prints a fresh one, so a newcomer is never locked out.
func ensureDemo(ctx context.Context, st *store.Store, out io.Writer) error {
	o, err := st.OrgByShort(ctx, demoShort)
	if apperr.Is(err, apperr.NotFound) {
		o = &org.Organisation{Short: demoShort, Name: demoName, Roles: org.ActsController,
			Address: "Markt 1, 3401 AA IJsselstein", DPOName: "Functionaris Gegevensbescherming",
			DPOEmail: "fg@demo.privacyregister.nl", Employees: 60}
		err = st.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateOrg(ctx, o); err != nil {
				return err
			}
			for _, u := range []struct {
				email, name string
				role        org.Role
			}{{demoAdmin, "Demo beheerder", org.Admin}, {demoPO, "Demo privacy officer", org.PrivacyOfficer}} {
				hash, err := auth.HashPassword(auth.NewPassword()) // replaced below
				if err != nil {
					return err
				}
				if _, err := tx.AddMember(ctx, o.ID, &auth.User{Email: u.email, Name: u.name, PasswordHash: hash, MustChangePassword: true}, u.role); err != nil {
					return err
				}
			}
			for _, fill := range demoFillers {
				if err := fill(ctx, tx, o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Created the demo organisation %q (short name %s).\n", demoName, demoShort)
	} else if err != nil {
		return err
	}
	if err := ensureSupplierDemo(ctx, st, out); err != nil {
		return fmt.Errorf("demo supplier: %w", err)
	}
	for _, email := range []string{demoAdmin, demoPO} {
		u, err := st.UserByEmail(ctx, email)
		if err != nil {
			return err
		}
		if !u.MustChangePassword {
			fmt.Fprintf(out, "Demo sign-in %s: you chose your own password (reset: privacyregister user reset-password --email %s)\n", email, email)
			continue
		}
		pw := auth.NewPassword()
		if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
			return err
		}
		if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, u) }); err != nil {
			return err
		}
		fmt.Fprintf(out, "Demo sign-in: %s  one-time password: %s\n", email, pw)
	}
	return nil
}
