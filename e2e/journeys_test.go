package e2e

// The main journeys of a privacy officer, driven through real form posts
// in Chromium against the demo: each test signs in, fills the forms as a
// user does, clicks the button and reads what the next page shows.

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"privacyregister/internal/deadline"
	"privacyregister/internal/request"
	"privacyregister/internal/testutil"
)

const officer = "fg@demo.privacyregister.nl"

// journey starts the demo and a browser signed in as the privacy officer.
func journey(t *testing.T) (context.Context, *server) {
	t.Helper()
	if findChromium() == "" {
		testutil.SkipOrFail(t, "no Chromium found (apt-get install chromium)")
	}
	// The server first: the browser's time-out starts after it. Two
	// minutes, as a shared CI machine hashes the sign-in slowly.
	srv := startServer(t)
	ctx := browserWithin(t, 120*time.Second)
	signInFirstTime(t, ctx, srv, officer)
	return ctx, srv
}

// js quotes s as a JavaScript string.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// do runs steps, failing the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %s: %v", what, err)
	}
}

// post clicks the submit button sel and waits for the page the server
// answers with: the old page is marked first, so a form that redirects
// back to the same address is not mistaken for its answer.
func post(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	submit(t, ctx, sel)
	if errs := text(t, ctx, `main .errors`); errs != "" {
		t.Fatalf("the form was refused: %s", errs)
	}
}

// submit is post for a form that may be refused: it waits for the answer
// and leaves its reading to the caller.
func submit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.dataset.before = "1"; true`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "clicking "+sel, chromedp.Click(chromedp.CSS(sel)))
	// Evaluating fails while the page is replaced: ask again until the
	// new page has loaded.
	deadline := time.Now().Add(15 * time.Second)
	for {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !document.documentElement.dataset.before && !!document.querySelector("main")`))
		if err == nil && done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("browser: no new page after clicking %s: %v", sel, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// text is the text of the first element matching sel, "" when none does.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+js(sel)+`) || {}).innerText || ""`))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(s)
}

// wantText fails unless the element sel contains want.
func wantText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	if got := text(t, ctx, sel); !strings.Contains(got, want) {
		t.Errorf("%s shows %q, want %q", sel, got, want)
	}
}

// link is the link whose text is exactly s.
func link(s string) chromedp.Search {
	return chromedp.Search(`//a[normalize-space()=` + js(s) + `]`)
}

// TestJourneyAddAndEditActivity: the privacy officer adds a processing
// activity to the register (art. 30(1): name, purpose and lawful basis)
// and renames it; the activity page shows the new name each time.
func TestJourneyAddAndEditActivity(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do(t, ctx, "the new activity form",
		chromedp.Navigate(srv.url+"/o/demo/register/new"),
		chromedp.WaitVisible(css("#name")),
		chromedp.SendKeys(css("#name"), "Uitleen van e-readers"),
		chromedp.SendKeys(css("#description"), "Leden lenen een e-reader voor drie weken."),
		chromedp.SendKeys(css("#purposes-0-description"), "Uitlenen en terugvragen van e-readers"),
		chromedp.SetValue(css("#purposes-0-lawful_basis"), "b"),
		chromedp.SendKeys(css("#subjects"), "Leden"),
	)
	post(t, ctx, "form.reg-form button[type=submit]")
	if h := text(t, ctx, "main h1"); h != "Uitleen van e-readers" {
		t.Fatalf("after saving the activity page's heading is %q, want the new name", h)
	}
	wantText(t, ctx, "main", "Uitlenen en terugvragen van e-readers")

	do(t, ctx, "the edit form",
		chromedp.Click(css(`main a[href$="/edit"]`)),
		chromedp.WaitVisible(css("#name")),
		chromedp.SetValue(css("#name"), "Uitleen van e-readers en tablets"),
	)
	post(t, ctx, "form.reg-form button[type=submit]")
	if h := text(t, ctx, "main h1"); h != "Uitleen van e-readers en tablets" {
		t.Errorf("after editing the heading is %q, want the changed name", h)
	}
	do(t, ctx, "the register", chromedp.Navigate(srv.url+"/o/demo/register"), chromedp.WaitVisible(css("main table")))
	wantText(t, ctx, "main table", "Uitleen van e-readers en tablets")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

// TestJourneyIncidentThroughIntakeLink: an employee without an account
// reports a lost laptop through the privacy officer's intake link and gets
// a receipt number; the privacy officer finds the case under that number,
// works through the phases, records the decision of arts. 33 and 34 and
// closes it (art. 33(5): the record stays).
func TestJourneyIncidentThroughIntakeLink(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	intake := secretLink(t, ctx, srv.url, "/o/demo/incidents/intake", "#label", "Balie hoofdvestiging", "#new-link")

	// The reporter: a fresh browser context, so no session cookie.
	rctx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	do(t, rctx, "the intake form",
		chromedp.Navigate(srv.url+intake),
		chromedp.WaitVisible(css("#title")),
		chromedp.SendKeys(css("#title"), "Laptop in de trein laten liggen"),
		chromedp.SendKeys(css("#description"), "Dienstlaptop met ledenlijsten, niet versleuteld."),
		chromedp.Click(css(`input[name=data_types][value=name_address]`)),
		chromedp.SendKeys(css("#reporter_name"), "Jan Baliemedewerker"),
		chromedp.SendKeys(css("#reporter_email"), "jan@demo.privacyregister.nl"),
	)
	post(t, rctx, "main form button[type=submit]")
	receipt := text(t, rctx, "#receipt")
	if receipt == "" {
		t.Fatalf("no receipt number after reporting; page: %q", text(t, rctx, "main"))
	}

	do(t, ctx, "the case from the incident list",
		chromedp.Navigate(srv.url+"/o/demo/incidents"),
		chromedp.Click(link(receipt)),
		chromedp.WaitVisible(css("#ph-discover")),
	)
	wantText(t, ctx, "main h1", "Laptop in de trein laten liggen")
	for _, phase := range []string{"discover", "inventory", "qualify", "repair", "notify"} {
		do(t, ctx, "phase "+phase, chromedp.SetValue(css("#ph-"+phase), "done"))
		post(t, ctx, "form:has(#ph-"+phase+") button[type=submit]")
	}
	// Every phase is marked done, but closing before the decision of
	// arts. 33 and 34 is on record is refused, with the message at the
	// decision's field.
	submit(t, ctx, `form[action*="/close"] button[type=submit]`)
	if msg := text(t, ctx, "#err-outcome"); !strings.Contains(msg, "art. 33 en 34") {
		t.Errorf("closing without a decision: the outcome field says %q", msg)
	}
	// The decision aid: members' names and addresses on an unencrypted
	// laptop, few people: a risk is unlikely, so documented, not
	// notified (art. 33(1)); documenting means facts, effects and the
	// remedial action (art. 33(5)).
	do(t, ctx, "the decision aid", chromedp.Click(css(`input[name=confidentiality]`)))
	post(t, ctx, `button[name=action][value=confirm]`)
	wantText(t, ctx, "#inc-decision", "alleen geregistreerd")
	openTab(t, ctx, "measures")
	do(t, ctx, "a measure",
		chromedp.Click(css(`details:has(#m-desc) > summary`)),
		chromedp.SendKeys(css("#m-desc"), "Laptop op afstand gewist"),
	)
	post(t, ctx, `form:has(#m-desc) button[type=submit]`)
	openTab(t, ctx, "details")
	do(t, ctx, "the effects",
		chromedp.Click(css(`input[name=consequences][value=spam_phishing]`)),
	)
	post(t, ctx, `form:has(#consequence_other) button[type=submit]`)
	openTab(t, ctx, "overview")
	post(t, ctx, `form[action*="/close"] button[type=submit]`)
	wantText(t, ctx, "#inc-closed", "afgesloten")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

// TestJourneyRequestWithExtension: a request for access received today
// is due a month later (art. 12(3), moved past weekends and holidays);
// extended by two months with reasons within that month, it is due three
// months after receipt, and the reasons are on the page.
func TestJourneyRequestWithExtension(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do(t, ctx, "the new request form",
		chromedp.Navigate(srv.url+"/o/demo/requests/new"),
		chromedp.WaitVisible(css("#received_at")),
		chromedp.Click(css(`input[name=rights][value=access]`)),
		chromedp.SetValue(css("#channel"), "email"),
		chromedp.SendKeys(css("#name"), "Petra de Vries"),
		chromedp.SendKeys(css("#email"), "petra@example.org"),
		chromedp.SendKeys(css("#description"), "Welke gegevens heeft de bibliotheek over mij?"),
	)
	// The form proposes today as the day of receipt: the expected dates
	// follow from it.
	day, err := chromedp.Run(ctx, chromedp.Value(css("#received_at")))
	if err != nil {
		t.Fatal(err)
	}
	received, err := time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatalf("received_at proposes %q: %v", day, err)
	}
	cal := deadline.DefaultCalendar()
	post(t, ctx, `form[action$="/requests"] button[type=submit]`)
	wantText(t, ctx, "#due", request.Due(received, cal).Format("02-01-2006"))

	do(t, ctx, "the extension form",
		chromedp.WaitVisible(css("#ext-reason")),
		chromedp.SendKeys(css("#ext-reason"), "Gegevens staan in vijf systemen; verzoeker per mail geïnformeerd."),
	)
	post(t, ctx, `form[action$="/extend"] button[type=submit]`)
	wantText(t, ctx, "#due", request.ExtendedDue(received, cal).Format("02-01-2006"))
	wantText(t, ctx, "main", "Gegevens staan in vijf systemen")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

// TestJourneyDPIAFromScreening: the visitor counts are screened; ticking
// systematic monitoring of a publicly accessible area on a large scale
// (art. 35(3)(c)) makes a DPIA required, and the DPIA started from the
// screening is tied to that activity.
func TestJourneyDPIAFromScreening(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do(t, ctx, "the screening",
		chromedp.Navigate(srv.url+"/o/demo/dpias"),
		chromedp.Click(link("Bezoekerstellingen")),
		chromedp.WaitVisible(css(`input[name=art35][value=c]`)),
		chromedp.Click(css(`input[name=art35][value=c]`)),
		chromedp.SendKeys(css("#note"), "Tellers bij de ingang van alle vestigingen."),
	)
	post(t, ctx, `main form button[type=submit]`)
	wantText(t, ctx, "article.dpia-screening h3", "DPIA verplicht")

	do(t, ctx, "the new DPIA form",
		chromedp.Click(css(`main a[href*="/dpias/new?activity="]`)),
		chromedp.WaitVisible(css("#title")),
	)
	if a := text(t, ctx, "#activity_id option:checked"); a != "Bezoekerstellingen" {
		t.Errorf("the DPIA form from the screening proposes activity %q, want Bezoekerstellingen", a)
	}
	do(t, ctx, "filling the DPIA",
		chromedp.SendKeys(css("#title"), "DPIA bezoekerstellingen"),
		chromedp.SendKeys(css("#purposes"), "Bezetting van de vestigingen meten."),
	)
	post(t, ctx, `form[action$="/dpias"] button[type=submit]`)
	if h := text(t, ctx, "main h1"); h != "DPIA: DPIA bezoekerstellingen" {
		t.Errorf("after saving the DPIA the heading is %q", h)
	}
	if a := text(t, ctx, "#activity_id option:checked"); a != "Bezoekerstellingen" {
		t.Errorf("the saved DPIA is tied to %q, want Bezoekerstellingen", a)
	}
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

// openTab opens the tab key of the case page the browser shows (case
// pages are in tabs: ?tab=KEY).
func openTab(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.origin + location.pathname`))
	if err != nil {
		t.Fatalf("browser: where am I: %v", err)
	}
	do(t, ctx, "the tab "+key, chromedp.Navigate(page+"?tab="+key), chromedp.WaitVisible(chromedp.CSS(`.tabs [aria-current="page"]`)))
}
