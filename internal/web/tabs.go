package web

import (
	"html/template"
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

// showErrors makes a refused form's errors findable on a page in tabs: when
// the tab shown holds none of the fields with an error (closing a case is
// refused for its decision, which lives on another tab), the first tab in
// the bar that does is shown instead; the summary's links to fields on
// other tabs lead to those tabs. fieldTab names the tab of each field.
func (t tabSet) showErrors(data map[string]any, page string, fieldTab map[string]string) tabSet {
	fe, _ := data["FieldErrors"].(fieldErrs)
	if len(fe) == 0 {
		return t
	}
	has := map[string]bool{}
	for f, key := range fieldTab {
		if _, ok := fe[formFieldName(page, f)]; ok {
			has[key] = true
		}
	}
	if !has[t.Current] {
		for _, tb := range t.Tabs {
			if has[tb.Key] {
				t.Current = tb.Key
				break
			}
		}
		for k := range t.Tabs {
			t.Tabs[k].Current = t.Tabs[k].Key == t.Current
		}
	}
	href := map[string]string{}
	for _, tb := range t.Tabs {
		href[tb.Key] = tb.Href
	}
	if sum, ok := data["Errors"].([]template.HTML); ok {
		var out []template.HTML
		for _, s := range sum {
			for f, key := range fieldTab {
				anchor := `href="#` + template.HTMLEscapeString(formFieldID(page, f)) + `"`
				if key != t.Current && href[key] != "" && strings.Contains(string(s), anchor) {
					s = template.HTML(strings.Replace(string(s), anchor, `href="`+template.HTMLEscapeString(href[key])+`#`+template.HTMLEscapeString(formFieldID(page, f))+`"`, 1))
				}
			}
			out = append(out, s)
		}
		data["Errors"] = out
	}
	return t
}
