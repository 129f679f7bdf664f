package web

import (
	"io/fs"
	"regexp"
	"testing"

	"privacyregister/internal/i18n"
	"privacyregister/internal/org"
)

// literalMsg finds message ids written in templates: {{.L "..."}} and
// {{$.L "..."}}.
var literalMsg = regexp.MustCompile(`\.L "((?:[^"\\]|\\.)+)"`)

// TestEveryTextHasDutch fails when a page shows English to a Dutch user:
// every literal text in a template, every menu item, role and flash must be
// in the Dutch catalogue.
func TestEveryTextHasDutch(t *testing.T) {
	var msgs []string
	files, _ := fs.Glob(assets, "templates/*.html")
	for _, f := range files {
		data, _ := fs.ReadFile(assets, f)
		for _, m := range literalMsg.FindAllStringSubmatch(string(data), -1) {
			msgs = append(msgs, m[1])
		}
	}
	for _, n := range navItems {
		msgs = append(msgs, n.Label)
	}
	msgs = append(msgs, navGroups...)
	for _, l := range objectLabels {
		msgs = append(msgs, l)
	}
	for _, r := range org.Roles {
		msgs = append(msgs, r.Label())
	}
	for _, f := range flashes {
		msgs = append(msgs, f)
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		if !seen[m] && !i18n.Has("nl", m) {
			t.Errorf("no Dutch translation for %q", m)
		}
		seen[m] = true
	}
	if len(seen) < 50 {
		t.Fatalf("found only %d texts; is the pattern still right?", len(seen))
	}
}
