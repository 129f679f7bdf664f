package sso

import (
	"strings"
	"testing"
)

func TestProviderValidate(t *testing.T) {
	p := Provider{Issuer: " https://login.microsoftonline.com/t/v2.0 ", ClientID: " abc ", Domains: []string{"School.nl, @Leerling.school.nl;school.nl"}}
	p.Normalize()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Domains, " ") != "school.nl leerling.school.nl" || p.DefaultRole != "medewerker" || p.ClientID != "abc" {
		t.Errorf("normalised: %+v", p)
	}
	if !p.AllowsEmail("Juf@SCHOOL.nl") || p.AllowsEmail("juf@school.nl.evil.example") || p.AllowsEmail("juf@sub.school.nl") {
		t.Error("AllowsEmail: only the listed domains, exactly")
	}
	for _, c := range []struct {
		p     Provider
		field string
	}{
		{Provider{Issuer: "http://login.example.nl", ClientID: "a", Domains: []string{"a.nl"}}, "issuer"}, // no TLS
		{Provider{Issuer: "https://x.nl", Domains: []string{"a.nl"}}, "client_id"},
		{Provider{Issuer: "https://x.nl", ClientID: "a"}, "domains"},
		{Provider{Issuer: "https://x.nl", ClientID: "a", Domains: []string{"localhost"}}, "domains"},
		{Provider{Issuer: "https://x.nl", ClientID: "a", Domains: []string{"a.nl"}, DefaultRole: "koning"}, "default_role"},
	} {
		c.p.Normalize()
		if err := c.p.Validate(); err == nil || !strings.Contains(err.Error(), c.field+":") {
			t.Errorf("%+v: %v, want an error at %s", c.p, err, c.field)
		}
	}
	local := Provider{Issuer: "http://127.0.0.1:9000", ClientID: "a", Domains: []string{"a.nl"}}
	local.Normalize()
	if err := local.Validate(); err != nil {
		t.Errorf("http on this machine: %v", err)
	}
}
