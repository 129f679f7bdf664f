package e2e

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"privacyregister/internal/testutil"
)

// axe-core, the accessibility engine, is fetched with npm at test time
// (MPL-2.0; not kept in the repository) and checked against its hash.
const (
	axeVersion = "4.14.1"
	axeSHA256  = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c" // package/axe.min.js
)

// axeScript returns axe.min.js: the file named by AXE_CORE_JS, or the npm
// package axe-core@axeVersion, cached in the user's cache directory.
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_CORE_JS")
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir := filepath.Join(cache, "privacyregister", "axe-core-"+axeVersion)
		path = filepath.Join(dir, "axe.min.js")
		if _, err := os.Stat(path); err != nil {
			fetchAxe(t, dir)
		}
	}
	js, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("AXE_CORE_JS") == "" {
		if sum := sha256.Sum256(js); hex.EncodeToString(sum[:]) != axeSHA256 {
			t.Fatalf("%s: SHA-256 %x, want %s (axe-core %s)", path, sum, axeSHA256, axeVersion)
		}
	}
	return string(js)
}

// fetchAxe unpacks axe.min.js and its licence from `npm pack` into dir.
func fetchAxe(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		testutil.SkipOrFail(t, "no npm to fetch axe-core (apt-get install npm, or set AXE_CORE_JS)")
	}
	tmp := t.TempDir()
	cmd := exec.Command("npm", "pack", "--silent", "axe-core@"+axeVersion)
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	if err != nil {
		testutil.SkipOrFail(t, "npm pack axe-core@%s: %v\n%s", axeVersion, err, out)
	}
	f, err := os.Open(filepath.Join(tmp, "axe-core-"+axeVersion+".tgz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if name := strings.TrimPrefix(h.Name, "package/"); name == "axe.min.js" || name == "LICENSE" {
			body, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			// Write then rename, so a broken run leaves no half file.
			if err := os.WriteFile(filepath.Join(dir, name+".tmp"), body, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(dir, name+".tmp"), filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// violation is one axe rule that failed on a page.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// axeRun checks the page in the browser against WCAG 2.0 and 2.1 A and AA
// and axe's best practices. Runtime.evaluate is not bound by the page's
// Content-Security-Policy, so axe goes in as the page is served. Closed
// <details> (the forms on a case page) are opened first, so what they hold
// is checked too.
const axeRun = `(async () => {
  if (!window.axe) { %s }
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    resultTypes: ['violations'],
  });
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 160)}))}));
})()`

// skipLink: links the check does not follow: files, feeds, sign-out.
var skipLink = regexp.MustCompile(`\.(pdf|docx|odt|csv|ics|json|zip|xlsx|png|svg|ico|txt)$|/(pdf|docx|odt|text)$|/(export|download|file|files|feed|logout)(/|$)|^/(static|api|ical|healthz)/`)

var orgSegment = regexp.MustCompile(`^/o/[^/]+/`)

var idSegment = regexp.MustCompile(`/[0-9]+(/|$)`)

// pageKind names a page by its route: organisation, ids and query left
// out, so the check visits one activity, not all 28, and one year of the
// incident overview.
func pageKind(u *url.URL) string {
	kind := orgSegment.ReplaceAllString(u.Path, "/o/{org}/")
	kind = idSegment.ReplaceAllString(kind, "/{id}$1")
	return idSegment.ReplaceAllString(kind, "/{id}$1")
}

// finding is a serious or critical violation on a page.
type finding struct {
	page string
	v    violation
}

// audit visits the start pages and every page linked from them, one of
// each kind, up to limit pages, runs axe on each and returns its serious
// and critical violations; lesser ones are counted in minor.
func audit(t *testing.T, ctx context.Context, base, axe string, starts []string, limit int, minor map[string]int) (pages int, found []finding) {
	t.Helper()
	seen := map[string]bool{}
	queue := append([]string(nil), starts...)
	for _, s := range starts {
		u, _ := url.Parse(base + s)
		seen[pageKind(u)] = true
	}
	script := fmt.Sprintf(axeRun, axe)
	for len(queue) > 0 && pages < limit {
		path := queue[0]
		queue = queue[1:]
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+path))
		if err != nil && strings.Contains(err.Error(), "ERR_ABORTED") {
			continue // a download
		}
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if resp != nil && resp.Status >= 500 {
			t.Errorf("%s: %d", path, resp.Status)
			continue
		}
		if resp == nil || resp.Status != 200 || !strings.HasPrefix(resp.MimeType, "text/html") {
			if testing.Verbose() && resp != nil {
				t.Logf("%s: %d %s, not checked", path, resp.Status, resp.MimeType)
			}
			continue // a refusal or a file: not a page of this role
		}
		pages++
		began := time.Now()
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](script, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("axe on %s: %v", path, err)
		}
		if testing.Verbose() {
			t.Logf("%s: %d violations in %s", path, len(vs), time.Since(began).Round(10*time.Millisecond))
		}
		for _, v := range vs {
			if v.Impact == "serious" || v.Impact == "critical" {
				found = append(found, finding{path, v})
			} else {
				minor[v.ID+" ("+v.Impact+")"] += len(v.Nodes)
			}
		}
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href]')].map(a => a.href)`))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links {
			u, err := url.Parse(l)
			if err != nil || base != u.Scheme+"://"+u.Host || skipLink.MatchString(u.Path) || u.Query().Has("format") {
				continue
			}
			if k := pageKind(u); !seen[k] {
				seen[k] = true
				queue = append(queue, u.RequestURI())
			}
		}
	}
	return pages, found
}

// signIn signs in with a password of the user's own.
func signIn(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("main .sub")),
	)
	if err != nil {
		t.Fatalf("browser: signing in as %s: %v", email, err)
	}
}

// TestAccessibilityWCAG21AA runs axe-core on every kind of page of the
// demo for each role (the privacy officer of the library and of its
// supplier, the beheerder, a medewerker) and signed out (sign-in, the
// public request form and privacy statement, an intake link, an
// invitation): WCAG 2.1 AA,
// as EN 301 549 and the Besluit digitale toegankelijkheid overheid ask of
// public bodies' software, without a serious or critical violation. The
// roles run side by side, each in its own browser, to keep it under two
// minutes.
func TestAccessibilityWCAG21AA(t *testing.T) {
	if findChromium() == "" {
		testutil.SkipOrFail(t, "no Chromium found (apt-get install chromium)")
	}
	axe := axeScript(t)
	srv := startServer(t)
	const employee, employeePW = "medewerker@demo.privacyregister.nl", "toegankelijk voor iedereen 2026"
	add := exec.Command(srv.bin, append([]string{"user", "add", "--org", "demo", "--email", employee, "--role", "medewerker", "--name", "Demo medewerker", "--password-stdin"}, srv.db...)...)
	add.Stdin = strings.NewReader(employeePW + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}

	var intake, invite string // secret links, made by the privacy officer and the beheerder
	roles := []struct {
		name   string
		signIn func(*testing.T, context.Context)
		starts []string
		after  func(*testing.T, context.Context)
	}{
		{"privacy officer", func(t *testing.T, ctx context.Context) { signInFirstTime(t, ctx, srv, "fg@demo.privacyregister.nl") },
			[]string{"/o/demo/", "/o/probiblio/", "/account"},
			func(t *testing.T, ctx context.Context) {
				intake = secretLink(t, ctx, srv.url, "/o/demo/incidents/intake", "#label", "Toegankelijkheidstest", "#new-link")
				publishStatement(t, ctx, srv.url)
			}},
		{"beheerder", func(t *testing.T, ctx context.Context) {
			signInFirstTime(t, ctx, srv, "beheerder@demo.privacyregister.nl")
		}, []string{"/o/demo/", "/account"}, func(t *testing.T, ctx context.Context) {
			invite = secretLink(t, ctx, srv.url, "/o/demo/users", "#email", "nieuw@demo.privacyregister.nl", "#invite-url")
		}},
		{"medewerker", func(t *testing.T, ctx context.Context) { signIn(t, ctx, srv.url, employee, employeePW) },
			[]string{"/o/demo/", "/account"}, nil},
	}
	t.Run("roles", func(t *testing.T) {
		for _, r := range roles {
			t.Run(r.name, func(t *testing.T) {
				t.Parallel()
				ctx := browserWithin(t, 5*time.Minute) // generous: CI machines are shared
				r.signIn(t, ctx)
				checkPages(t, ctx, srv.url, axe, r.starts)
				if r.after != nil {
					r.after(t, ctx)
				}
			})
		}
	})
	// A phone (390 px wide) and refused forms: the messages at the fields
	// must be as accessible as the form itself.
	t.Run("phone and refused forms", func(t *testing.T) {
		const officer, officerPW = "telefoon@demo.privacyregister.nl", "toegankelijk op een telefoon 2026"
		add := exec.Command(srv.bin, append([]string{"user", "add", "--org", "demo", "--email", officer, "--role", "privacyofficer", "--password-stdin"}, srv.db...)...)
		add.Stdin = strings.NewReader(officerPW + "\n")
		if out, err := add.CombinedOutput(); err != nil {
			t.Fatalf("user add: %v\n%s", err, out)
		}
		ctx := browserWithin(t, 3*time.Minute)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
			t.Fatal(err)
		}
		signIn(t, ctx, srv.url, officer, officerPW)
		for _, p := range []string{"/o/demo/", "/o/demo/register", "/o/demo/register/1", "/o/demo/register/1?tab=history", "/o/demo/agreements",
			"/o/demo/agreements/1", "/o/demo/agreements/1?tab=terms", "/o/demo/incidents", "/o/demo/incidents/3", "/o/demo/incidents/3?tab=details",
			"/o/demo/incidents/3?tab=decision", "/o/demo/requests", "/o/demo/requests/1", "/o/demo/dpias/1", "/o/demo/audit", "/o/demo/statement"} {
			axePage(t, ctx, axe, p, chromedp.Navigate(srv.url+p))
		}
		// A new activity without a name; the incident's details with a bad
		// date (typed where a browser without a date picker lets one type).
		refuse := func(page, field, value string) {
			js := fmt.Sprintf(`(() => { const i = document.querySelector(%q); i.type = 'text'; i.required = false; i.value = %q; i.form.noValidate = true; i.form.requestSubmit(); return 1; })()`, field, value)
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+page), chromedp.WaitVisible(chromedp.CSS(field))); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](js)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".field-error"))); err != nil {
				t.Fatalf("%s: no message at the field: %v", page, err)
			}
			axePage(t, ctx, axe, page+" (refused)")
		}
		refuse("/o/demo/register/new", "#name", "")
		refuse("/o/demo/incidents/3?tab=details", "#discovered_at", "31-31-2026")
	})
	t.Run("signed out", func(t *testing.T) {
		ctx := browserWithin(t, time.Minute)
		axeFindsMissingLabel(t, ctx, srv.url, axe)
		starts := []string{"/login", "/p/demo/request", "/p/demo/privacy"}
		for _, link := range []string{intake, invite} {
			if link != "" { // empty when only some roles ran
				starts = append(starts, link)
			}
		}
		checkPages(t, ctx, srv.url, axe, starts)
	})
}

// secretLink fills one field of the form on page, submits it and returns
// the path of the secret link the answer shows once in shown (an intake
// link, an invitation).
func secretLink(t *testing.T, ctx context.Context, base, page, field, value, shown string) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+page),
		chromedp.WaitVisible(chromedp.CSS(field)),
		chromedp.SendKeys(chromedp.CSS(field), value),
		chromedp.Submit(chromedp.CSS(field)),
		chromedp.WaitVisible(chromedp.CSS(shown)),
	)
	if err != nil {
		t.Fatalf("browser: a link from %s: %v", page, err)
	}
	link, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(shown)))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Path == "" {
		t.Fatalf("%s shows %q, not a link", page, link)
	}
	return u.Path
}

// publishStatement publishes the privacy statement, so the public
// statement and request form exist; if the page has no publish button
// (a check before publishing blocks it) they are left unchecked.
func publishStatement(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	publish := `form[action$="/statement/publish"] button`
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/o/demo/statement")); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+publish+`').length`))
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Log("no publish button on /o/demo/statement: the public statement and request form are not checked")
		return
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(publish))); err != nil {
		t.Fatalf("browser: publishing the statement: %v", err)
	}
	// Done when the public page answers.
	for range 50 {
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch('/p/demo/privacy').then(r => r.status)`, chromedp.EvalAwaitPromise))
		if err == nil && status == 200 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Error("the statement was not published: /p/demo/privacy does not answer 200")
}

// axeFindsMissingLabel proves the check can fail: an input without a
// label, added to the sign-in page, is a critical violation.
func axeFindsMissingLabel(t *testing.T, ctx context.Context, base, axe string) {
	t.Helper()
	probe := `document.querySelector('main').insertAdjacentHTML('beforeend', '<input id="axe-probe">'); 1`
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](probe)); err != nil {
		t.Fatal(err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](fmt.Sprintf(axeRun, axe), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.ID == "label" && v.Impact == "critical" {
			return
		}
	}
	t.Fatalf("axe did not report the unlabelled input: %+v", vs)
}

// checkPages audits the pages reachable from starts and reports every
// serious or critical violation, by rule: how many elements, on which
// pages, an example.
func checkPages(t *testing.T, ctx context.Context, base, axe string, starts []string) {
	t.Helper()
	minor := map[string]int{}
	began := time.Now()
	pages, found := audit(t, ctx, base, axe, starts, 150, minor)
	t.Logf("%d pages in %s, %d serious or critical violations", pages, time.Since(began).Round(time.Second), len(found))
	type rule struct {
		impact, help, example string
		nodes                 int
		pages                 []string
	}
	rules := map[string]*rule{}
	for _, f := range found {
		r := rules[f.v.ID]
		if r == nil {
			r = &rule{impact: f.v.Impact, help: f.v.Help}
			if len(f.v.Nodes) > 0 {
				r.example = fmt.Sprint(f.v.Nodes[0].Target) + " " + f.v.Nodes[0].HTML
			}
			rules[f.v.ID] = r
		}
		r.nodes += len(f.v.Nodes)
		r.pages = append(r.pages, f.page)
	}
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r := rules[id]
		t.Errorf("%s (%s): %s: %d elements on %d pages: %s\n  e.g. %s", id, r.impact, r.help, r.nodes, len(r.pages), strings.Join(r.pages, ", "), r.example)
	}
	for id, n := range minor {
		t.Logf("not failing: %s: %d elements", id, n)
	}
}

// axePage runs the actions (opening a page), then axe, and fails on every
// serious or critical violation.
func axePage(t *testing.T, ctx context.Context, axe, name string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if len(actions) > 0 {
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](fmt.Sprintf(axeRun, axe), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe: %v", name, err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			ex := ""
			if len(v.Nodes) > 0 {
				ex = fmt.Sprint(v.Nodes[0].Target) + " " + v.Nodes[0].HTML
			}
			t.Errorf("%s: %s (%s): %s: %d elements, e.g. %s", name, v.ID, v.Impact, v.Help, len(v.Nodes), ex)
		}
	}
}
