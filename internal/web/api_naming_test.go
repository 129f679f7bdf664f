package web_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
	"unicode"

	"privacyregister/internal/org"
)

// TestAPIFieldsAreSnakeCase (issue 12): one naming style for JSON fields.
// On main the screening answers were "Art35", "APList", "Criteria" and
// the incident create response had "ID", "Dossier", unlike the rest of the
// API and its OpenAPI document. Every property of every schema in the
// document must be snake_case, and the answers must say so too.
func TestAPIFieldsAreSnakeCase(t *testing.T) {
	app, _ := incidentApp(t)
	o := app.org("bieb")
	tok := app.token(o, app.user(o, "fg@bieb.example", org.PrivacyOfficer))
	c := app.client()
	res := c.api("GET", "/api/v1/openapi.json", tok, "")
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil || len(doc.Components.Schemas) == 0 {
		t.Fatalf("openapi: %v %d", err, res.StatusCode)
	}
	var bad []string
	for name, s := range doc.Components.Schemas {
		for p := range s.Properties {
			if strings.ContainsFunc(p, unicode.IsUpper) {
				bad = append(bad, name+"."+p)
			}
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("properties not in snake_case: %v", bad)
	}
	res = c.api("POST", "/api/v1/incidents", tok, `{"title":"Phishing","discovered_at":"2026-10-24T08:00:00Z"}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.Body, `"id": `) || !strings.Contains(res.Body, `"dossier": "2026-001"`) ||
		!strings.Contains(res.Body, `"discovered_at": `) || strings.Contains(res.Body, `"ID"`) {
		t.Errorf("incident create answer: %d %s", res.StatusCode, res.Body)
	}
}
