package web

import "strings"

// The menu groups, in the order of the work; navItems names one for each
// item.
const (
	groupRegister   = "Register"
	groupProcessors = "Processors and agreements"
	groupCases      = "Incidents and requests"
	groupPlanning   = "Planning"
	groupDocuments  = "Documents"
	groupAdmin      = "Administration"
)

var navGroups = []string{groupRegister, groupProcessors, groupCases, groupPlanning, groupDocuments, groupAdmin}

// NavLink is a menu link as the layout shows it.
type NavLink struct {
	Href    string
	Label   string // message id
	Current string // aria-current: "page" on the page itself, "true" below it, "" elsewhere
}

// NavGroup is a menu group with the links the user's role may open.
type NavGroup struct {
	Label   string // message id
	Links   []NavLink
	Current bool // the current page is one of its links or below one
}

// NavGroups is the organisation menu, grouped; groups without a link the
// role may open are left out.
func (v View) NavGroups() []NavGroup {
	if v.Ctx == nil || v.Org == nil {
		return nil
	}
	base := "/o/" + v.Org.Short + "/"
	items := v.Nav()
	// The current item is the one whose path is the longest prefix of the
	// page's: on the intake links page that is not Incidents.
	best, bestLen := -1, 0
	for i, n := range items {
		href := base + n.Path
		if (v.Path == href || strings.HasPrefix(v.Path, href+"/")) && len(href) > bestLen {
			best, bestLen = i, len(href)
		}
	}
	var out []NavGroup
	for _, g := range navGroups {
		out = append(out, NavGroup{Label: g})
	}
	last := len(out) - 1
	for i, n := range items {
		gi := last
		for j, g := range navGroups {
			if n.Group == g {
				gi = j
			}
		}
		l := NavLink{Href: base + n.Path, Label: n.Label}
		if i == best {
			l.Current = "true"
			if v.Path == l.Href {
				l.Current = "page"
			}
			out[gi].Current = true
		}
		out[gi].Links = append(out[gi].Links, l)
	}
	kept := out[:0]
	for _, g := range out {
		if len(g.Links) > 0 {
			kept = append(kept, g)
		}
	}
	return kept
}

// Crumb is a step of the breadcrumb trail; the last one is the page.
type Crumb struct {
	Href  string // "" for the current page
	Label string // message id or a name
}

// objectLabels name what an id below a section stands for, for the crumb
// between the list and a page of one object (its edit form, its text).
var objectLabels = map[string]string{
	"register":   "Processing activity",
	"agreements": "Agreement",
	"parties":    "Party",
	"incidents":  "Incident",
	"requests":   "Request",
	"dpias":      "DPIA",
	"tasks":      "Task",
}

// sectionOf maps the first path segment below the organisation to the
// list it belongs to, where that is not the segment itself.
var sectionOf = map[string]string{"screenings": "dpias", "attachments": "agreements"}

// subPages are the second segments that name a page, not an object.
var subPages = map[string]bool{"new": true, "import": true, "export": true, "analyse": true, "compare": true,
	"processor": true, "reviews": true, "overview": true, "intake": true, "settings": true}

// Crumbs is the breadcrumb trail of the page, derived from its path and
// title: the dashboard, the list the page belongs to, the object, the page.
// The dashboard and pages outside the organisation and account have none.
func (v View) Crumbs() []Crumb {
	if v.Ctx == nil || v.User == nil {
		return nil
	}
	here := Crumb{Label: v.Title}
	if v.Org == nil {
		if v.Path == "/account" || !(strings.HasPrefix(v.Path, "/account/") || strings.HasPrefix(v.Path, "/calendar/")) {
			return nil
		}
		return []Crumb{{Href: "/account", Label: "Your account"}, here}
	}
	base := "/o/" + v.Org.Short + "/"
	rest := strings.Trim(strings.TrimPrefix(v.Path, base), "/")
	if rest == "" || !strings.HasPrefix(v.Path, base) {
		return nil
	}
	seg := strings.Split(rest, "/")
	crumbs := []Crumb{{Href: base, Label: "Dashboard"}}
	section := seg[0]
	if s, ok := sectionOf[section]; ok {
		section = s
	}
	label, hidden := section, false
	for _, n := range navItems {
		if n.Path == section {
			// A list the menu leaves out for this organisation (a
			// processor's list, for one that only controls) is no step.
			label, hidden = n.Label, n.Acts != "" && !v.Org.ActsAs(n.Acts)
			break
		}
	}
	// The list is a step unless it is this page ("Settings" is titled
	// "Organisation settings").
	if !hidden && label != v.Title && strings.TrimSuffix(v.Path, "/") != base+section {
		crumbs = append(crumbs, Crumb{Href: base + section, Label: label})
	}
	if len(seg) >= 3 && !subPages[seg[1]] {
		if l, ok := objectLabels[seg[0]]; ok {
			crumbs = append(crumbs, Crumb{Href: base + seg[0] + "/" + seg[1], Label: l})
		}
	}
	return append(crumbs, here)
}

// Back is where a form's cancel link leads: the last linked step of the
// breadcrumb trail (the object, or the list), or the dashboard.
func (v View) Back() string {
	cs := v.Crumbs()
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].Href != "" {
			return cs[i].Href
		}
	}
	if v.Ctx != nil && v.Org != nil {
		return "/o/" + v.Org.Short + "/"
	}
	return "/"
}
