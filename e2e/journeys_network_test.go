package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestJourneySupplierNetwork walks the loop of issue 16 in the demo:
// ProBiblio adds a sub-processor to its published profile; each of its
// three libraries (each an organisation of its own) finds the notice on
// its agreement with the window of its own agreement (art. 28(2) AVG:
// seed 000 names none, so 30 days; 14; 21); one library objects with
// reasons, and ProBiblio reads them per customer. Then ProBiblio's breach
// case notifies its controllers: a library here gets the case in its own
// register, its 72 hours running.
func TestJourneySupplierNetwork(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	ams := amsterdam(t)

	do(t, ctx, "ProBiblio's profile", chromedp.Navigate(srv.url+"/o/probiblio/profile"), chromedp.WaitVisible(css("#profile-form")))
	// The first empty row of the sub-processors takes the new one.
	fill := `(() => {
		const row = [...document.querySelectorAll('input[name=sub_name]')].find(i => i.value === '').closest('tr');
		row.querySelector('[name=sub_name]').value = 'Mailchimp';
		row.querySelector('[name=sub_country]').value = 'VS';
		row.querySelector('[name=sub_purpose]').value = 'nieuwsbrieven';
		document.querySelector('#change_note').value = 'Nieuwsbrieven voortaan via Mailchimp.';
		return true })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fill)); err != nil {
		t.Fatal(err)
	}
	post(t, ctx, `#profile-form button[type=submit]`)
	wantText(t, ctx, "main", "Nieuwe subverwerker Mailchimp")

	now := time.Now()
	for _, lib := range []struct {
		short string
		days  int
	}{{"demo", 30}, {"bieb-rivier", 14}, {"bieb-zuidkust", 21}} {
		do(t, ctx, lib.short+"'s supplier profiles", chromedp.Navigate(srv.url+"/o/"+lib.short+"/suppliers"), chromedp.WaitVisible(css("#links")))
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#links tbody tr td:nth-child(2) a').href`))
		if err != nil {
			t.Fatal(err)
		}
		do(t, ctx, lib.short+"'s agreement", chromedp.Navigate(href), chromedp.WaitVisible(css("#notices")))
		// The newest notice: the one of the version just published.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('#notices tbody tr')].find(r => r.innerText.includes('Mailchimp')).id = 'new-notice'; true`)); err != nil {
			t.Fatalf("%s: no notice of Mailchimp: %v", lib.short, err)
		}
		row := text(t, ctx, `#new-notice`)
		due := now.AddDate(0, 0, lib.days).In(ams).Format("02-01-2006")
		if !strings.Contains(row, "Mailchimp") || !strings.Contains(row, due) || !strings.Contains(row, "geen waarborg genoemd") {
			t.Errorf("%s: the notice reads %q, want Mailchimp, due %s (%d days), without a safeguard", lib.short, row, due, lib.days)
		}
		if lib.short == "bieb-rivier" {
			mark := `(() => { const f = document.querySelector('#new-notice form');
				f.querySelector('select').value = 'object';
				f.querySelector('textarea').value = 'Geen doorgifte naar de VS zonder waarborg.';
				f.querySelector('button').id = 'object-now'; return true })()`
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](mark)); err != nil {
				t.Fatal(err)
			}
			post(t, ctx, `#object-now`)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('#notices tbody tr')].find(r => r.innerText.includes('Mailchimp')).id = 'new-notice'; true`)); err != nil {
				t.Fatal(err)
			}
			wantText(t, ctx, `#new-notice`, "Geen doorgifte naar de VS zonder waarborg.")
		}
	}
	do(t, ctx, "ProBiblio's answers", chromedp.Navigate(srv.url+"/o/probiblio/profile?tab=customers"), chromedp.WaitVisible(css("main h2")))
	answers := text(t, ctx, "main")
	for _, want := range []string{"Bibliotheek Aan de Rivier (fictief)", "Geen doorgifte naar de VS zonder waarborg.", "Bibliotheek Zuidkust (fictief)", "Bibliotheek Lek & IJssel"} {
		if !strings.Contains(answers, want) {
			t.Errorf("ProBiblio's answers page lacks %q", want)
		}
	}

	// The breach: ProBiblio notifies; Aan de Rivier has the case.
	do(t, ctx, "ProBiblio's cases", chromedp.Navigate(srv.url+"/o/probiblio/incidents"), chromedp.WaitVisible(css("main")))
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main tr')].find(r => r.innerText.includes('Misbruik beheeraccount')).querySelector('a').href`))
	if err != nil {
		t.Fatalf("no link to the breach case: %v", err)
	}
	do(t, ctx, "the breach case", chromedp.Navigate(href), chromedp.WaitVisible(css(".tabs")))
	openTab(t, ctx, "notify")
	post(t, ctx, `#notify-controllers button`)
	do(t, ctx, "Aan de Rivier's cases", chromedp.Navigate(srv.url+"/o/bieb-rivier/incidents"), chromedp.WaitVisible(css("main")))
	wantText(t, ctx, "main", "Melding van ProBiblio: Misbruik beheeraccount bij hulpleverancier")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}
