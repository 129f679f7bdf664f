package web

import (
	"net/http"
	"net/url"
	"strings"
)

// A case page (an incident, an agreement, an activity) is split into tabs:
// links to ?tab=KEY, rendered on the server, so a case fits in a few
// screens without script. A form posted from a tab carries ?tab=KEY in its
// action; redirectFlash and the re-rendered refused form return to it.

// tab is one link of a page's tab bar.
type tab struct {
	Key, Label, Href string // Label is a message id
	Current          bool
}

// tabSet is a page's tab bar and the tab shown.
type tabSet struct {
	Tabs    []tab
	Current string
}

// Is reports whether the tab key is the one shown: {{if .Data.Tabs.Is "history"}}.
func (t tabSet) Is(key string) bool { return t.Current == key }

// Action is a form action that returns to the current tab.
func (t tabSet) Action(path string) string { return withTab(path, t.Current) }

// pageTabs builds the tab bar of the page at base from key, label pairs.
// The tab shown is ?tab= when it is one of them, else the first.
func pageTabs(r *http.Request, base string, pairs ...string) tabSet {
	want := r.URL.Query().Get("tab")
	t := tabSet{Current: pairs[0]}
	for k := 0; k+1 < len(pairs); k += 2 {
		if pairs[k] == want {
			t.Current = want
		}
	}
	for k := 0; k+1 < len(pairs); k += 2 {
		href := base
		if k > 0 {
			href = withTab(base, pairs[k])
		}
		t.Tabs = append(t.Tabs, tab{Key: pairs[k], Label: pairs[k+1], Href: href, Current: pairs[k] == t.Current})
	}
	return t
}

// withTab adds ?tab=key to a path without a query.
func withTab(path, key string) string {
	if key == "" || strings.Contains(path, "?") {
		return path
	}
	return path + "?tab=" + url.QueryEscape(key)
}

// returnTab is where a form posted from a tab returns after success: the
// page to with the tab of the form's action.
func returnTab(r *http.Request, to string) string {
	if r.Method != http.MethodPost {
		return to
	}
	return withTab(to, r.URL.Query().Get("tab"))
}
