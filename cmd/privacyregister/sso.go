package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	"privacyregister/internal/sso"
	"privacyregister/internal/store"
)

func init() {
	register(command{name: "sso set", usage: "--org SHORT [--issuer URL] [--client-id ID] [--client-secret-stdin] [--domains D,D] [--mandatory=BOOL] [--trust-mfa=BOOL] [--create-users=BOOL] [--default-role ROLE]",
		summary: "configure an organisation's OpenID Connect single sign-on (flags not given keep their value)", run: ssoSet})
	register(command{name: "sso show", usage: "--org SHORT", summary: "show an organisation's single sign-on (never the secret)", run: ssoShow})
}

// ssoSet changes only the flags given, so `sso set --org x --mandatory=false`
// is the way back in when a provider fails while SSO is mandatory.
func ssoSet(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("sso set", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	issuer := fs.String("issuer", "", "the provider's issuer URL")
	clientID := fs.String("client-id", "", "the client id registered at the provider")
	secretStdin := fs.Bool("client-secret-stdin", false, "read the client secret from standard input")
	domains := fs.String("domains", "", "allowed e-mail domains, comma-separated")
	mandatory := fs.Bool("mandatory", false, "refuse password sign-in to members")
	trustMFA := fs.Bool("trust-mfa", false, "the provider enforces MFA: no TOTP code after SSO")
	create := fs.Bool("create-users", false, "create a user at a person's first sign-in")
	role := fs.String("default-role", "", "role of a created user (default medewerker)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *orgShort == "" {
		return usagef("--org is required")
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.SSOProvider(ctx, o.ID)
	if apperr.Is(err, apperr.NotFound) {
		p, err = &sso.Provider{}, nil
	}
	if err != nil {
		return err
	}
	p.ClientSecret = "" // empty keeps the stored one
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["issuer"] {
		p.Issuer = *issuer
	}
	if given["client-id"] {
		p.ClientID = *clientID
	}
	if given["domains"] {
		p.Domains = []string{*domains}
	}
	if given["mandatory"] {
		p.Mandatory = *mandatory
	}
	if given["trust-mfa"] {
		p.TrustMFA = *trustMFA
	}
	if given["create-users"] {
		p.CreateUsers = *create
	}
	if given["default-role"] {
		p.DefaultRole = org.Role(*role)
	}
	if *secretStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return usagef("--client-secret-stdin: no secret on standard input")
		}
		p.ClientSecret = strings.TrimSpace(line)
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.SetSSOProvider(ctx, o.ID, p) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "single sign-on of %s saved\n", o.Short)
	return nil
}

func ssoShow(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("sso show", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *orgShort == "" {
		return usagef("--org is required")
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.SSOProvider(ctx, o.ID)
	if err != nil {
		return err
	}
	secret := "not set"
	if p.ClientSecret != "" {
		secret = "set (sealed)"
	}
	fmt.Fprintf(e.stdout, "issuer:        %s\nclient id:     %s\nclient secret: %s\ndomains:       %s\nmandatory:     %v\ntrust MFA:     %v\ncreate users:  %v (role %s)\nredirect URI:  <base URL>/o/%s/sso/callback\n",
		p.Issuer, p.ClientID, secret, strings.Join(p.Domains, ", "), p.Mandatory, p.TrustMFA, p.CreateUsers, p.DefaultRole, o.Short)
	return nil
}
