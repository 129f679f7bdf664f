package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"privacyregister/internal/testutil"
)

// TestJourneyImportThroughMappingAndDryRun: a register kept in Excel
// with the organisation's own column headings is read, its columns are
// mapped to the register's fields, and the dry run shows every row with
// an unknown lawful basis (art. 6(1) knows a to f) as an error and writes
// nothing; the corrected file imports, and the activities are in the
// register.
func TestJourneyImportThroughMappingAndDryRun(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	dir := t.TempDir()
	write := func(name, basis string) string {
		p := filepath.Join(dir, name)
		csv := "Wat we doen;Waarom;Rechtsgrond volgens ons;Over wie\n" +
			"Aanmelding leesclubs;Leesclubs samenstellen en leden uitnodigen;toestemming;Leden\n" +
			"Boeken aan huis bezorgen;Boeken bezorgen bij leden die niet naar de bibliotheek kunnen;" + basis + ";Leden\n"
		if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	upload := func(path string) {
		do(t, ctx, "the import form",
			chromedp.Navigate(srv.url+"/o/demo/register/import"),
			chromedp.WaitVisible(css("#file")),
			chromedp.SetUploadFiles(css("#file"), []string{path}),
		)
		post(t, ctx, `form:has(#file) button[type=submit]`)
		// Map every column: our headings are not the register's.
		do(t, ctx, "the column mapping",
			chromedp.WaitVisible(css(`select[name=col_0]`)),
			chromedp.SetValue(css(`select[name=col_0]`), "name"),
			chromedp.SetValue(css(`select[name=col_1]`), "purposes"),
			chromedp.SetValue(css(`select[name=col_2]`), "lawful_basis"),
			chromedp.SetValue(css(`select[name=col_3]`), "subject_categories"),
		)
		post(t, ctx, `form:has(select[name=col_0]) button[type=submit]`)
	}
	upload(write("register-fout.csv", "misschien"))
	wantText(t, ctx, "#plan-summary", "2 rijen")
	wantText(t, ctx, "table.plan", "Aanmelding leesclubs")
	wantText(t, ctx, "table.plan tr.overdue", "Boeken aan huis bezorgen")
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form[action$='/apply'] button").length`)); err != nil || n != 0 {
		t.Errorf("the dry run with an error offers to import (%d buttons, %v)", n, err)
	}

	// The corrected file: art. 6(1)(e), a task in the public interest.
	upload(write("register-goed.csv", "e"))
	if errs := text(t, ctx, "table.plan tr.overdue"); errs != "" {
		t.Fatalf("the corrected file still has errors: %s", errs)
	}
	post(t, ctx, `form[action$="/apply"] button[type=submit]`)
	wantText(t, ctx, "#import-done", "2 verwerkingen aangemaakt")
	do(t, ctx, "the register", chromedp.Navigate(srv.url+"/o/demo/register"), chromedp.WaitVisible(css("main table")))
	wantText(t, ctx, "main table", "Aanmelding leesclubs")
	wantText(t, ctx, "main table", "Boeken aan huis bezorgen")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

// TestJourneyAnalyseAgreementAndCreate: the processing agreement with NOA
// (seed 001) is uploaded and analysed; the form proposes the agreement
// with NOA BV, the party already in the administration, and creating it
// keeps the analysed file.
func TestJourneyAnalyseAgreementAndCreate(t *testing.T) {
	began := time.Now()
	seed := testutil.Seed(t, "001_")
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	p := filepath.Join(t.TempDir(), "verwerkersovereenkomst-noa-2026.txt")
	if err := os.WriteFile(p, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "the analysis form",
		chromedp.Navigate(srv.url+"/o/demo/agreements/analyse"),
		chromedp.WaitVisible(css("#file")),
		chromedp.SetUploadFiles(css("#file"), []string{p}),
	)
	post(t, ctx, `form:has(#file) button[type=submit]`)
	if party := text(t, ctx, "#party_id option:checked"); party != "NOA BV" {
		t.Fatalf("the analysis proposes party %q, want the existing NOA BV", party)
	}
	do(t, ctx, "the title", chromedp.SetValue(css("#title"), "Verwerkersovereenkomst NOA 2026"))
	post(t, ctx, `form:has(#party_id) button[type=submit]`)
	wantText(t, ctx, "main h1", "Verwerkersovereenkomst NOA 2026")
	wantText(t, ctx, "main", "NOA BV")
	openTab(t, ctx, "files")
	wantText(t, ctx, "main", "verwerkersovereenkomst-noa-2026.txt")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

// TestJourneyEditCheckPublishStatement: the privacy officer shows one
// activity to the public with its purpose in plain words, previews the
// statement, and the check lists what arts. 13 and 14 require and is
// missing; publishing is blocked until each gap is fixed or accepted with
// a reason, then the public page shows the text as a dated version.
func TestJourneyEditCheckPublishStatement(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	const purpose = "Zodat u boeken kunt lenen en wij weten wie wat geleend heeft."
	do(t, ctx, "the statement editor", chromedp.Navigate(srv.url+"/o/demo/statement"), chromedp.WaitVisible(css("#stm-edit")))
	// Show only the first activity proposed for the public.
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const boxes = [...document.querySelectorAll("input[id^=shown_]")];
		const row = boxes.map(b => b.closest("tr")).find(tr => tr.querySelector(".badge.ok"));
		for (const b of boxes) { if (b.checked && b.closest("tr") !== row) b.click(); }
		const box = row.querySelector("input[id^=shown_]");
		if (!box.checked) box.click();
		return box.id.slice("shown_".length);
	})()`))
	if err != nil || id == "" {
		t.Fatalf("no activity proposed for the public: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("purpose_nl_`+id+`").value = ""; true`)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "the purpose", chromedp.SendKeys(css("#purpose_nl_"+id), purpose))
	post(t, ctx, `#stm-edit button[type=submit]`)
	wantText(t, ctx, "main", "1 van")

	do(t, ctx, "the preview", chromedp.Navigate(srv.url+"/o/demo/statement/preview"), chromedp.WaitVisible(css("#statement")))
	wantText(t, ctx, "#statement", purpose)

	do(t, ctx, "the check", chromedp.Navigate(srv.url+"/o/demo/statement/check"), chromedp.WaitVisible(css("#stm-publish")))
	wantText(t, ctx, "#stm-gaps", "art. 13")
	wantText(t, ctx, "#stm-publish", "Publiceren kan nog niet")
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form[action$='/statement/publish']").length`)); n != 0 {
		t.Errorf("the check offers to publish while gaps are open")
	}
	// Accepting without a reason is refused; with one, it holds.
	do(t, ctx, "accepting without reason", chromedp.Click(css("#accept-0")))
	submit(t, ctx, `#stm-gaps button[type=submit]`)
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#stm-gaps [aria-invalid=true]").length`)); n == 0 {
		t.Errorf("a gap accepted without a reason was not marked")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		document.querySelectorAll("#stm-gaps input[name=accept]").forEach(b => { b.checked = true; });
		document.querySelectorAll("#stm-gaps input[name^=reason_]").forEach(r => { r.value = "Staat in de algemene voorwaarden van de bibliotheek."; });
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	post(t, ctx, `#stm-gaps button[type=submit]`)
	do(t, ctx, "the check again", chromedp.Navigate(srv.url+"/o/demo/statement/check"), chromedp.WaitVisible(css("#stm-publish")))
	post(t, ctx, `form[action$="/statement/publish"] button[type=submit]`)

	pctx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	do(t, pctx, "the public page", chromedp.Navigate(srv.url+"/p/demo/privacy"), chromedp.WaitVisible(css("#statement")))
	wantText(t, pctx, "#statement", purpose)
	wantText(t, pctx, "#published-date", time.Now().In(amsterdam(t)).Format("02-01-2006"))
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}

func amsterdam(t *testing.T) *time.Location {
	l, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestJourneyKeyboardOnlyIncidentReport: an employee who uses no mouse
// reports an incident with Tab, Shift+Tab, Space, Enter and typing. Every
// element that takes focus shows it (WCAG 2.4.7), and focus lands where
// the form's order says.
func TestJourneyKeyboardOnlyIncidentReport(t *testing.T) {
	began := time.Now()
	ctx, srv := journey(t)
	do(t, ctx, "the report form", chromedp.Navigate(srv.url+"/o/demo/incidents/new"), chromedp.WaitVisible(chromedp.CSS("#title")))
	key := func(what, keys string, opts ...chromedp.KeyOption) {
		t.Helper()
		do(t, ctx, what, chromedp.KeyEvent(keys, opts...))
	}
	// focused describes the element with focus and whether its focus
	// ring shows.
	focused := func() (string, bool) {
		t.Helper()
		var f struct {
			Desc    string `json:"desc"`
			Visible bool   `json:"visible"`
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
			const e = document.activeElement, s = getComputedStyle(e);
			const desc = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[name=" + e.name + "]" : "") + (e.value && e.type === "checkbox" ? "[value=" + e.value + "]" : "");
			const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 || s.boxShadow !== "none";
			return {desc, visible: e !== document.body && ring};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		f.Desc, _ = got["desc"].(string)
		f.Visible, _ = got["visible"].(bool)
		return f.Desc, f.Visible
	}
	// tabTo presses Tab until want has focus, checking the focus ring of
	// every element on the way.
	tabTo := func(want string) {
		t.Helper()
		for i := 0; i < 60; i++ {
			key("Tab", kb.Tab)
			desc, visible := focused()
			if !visible {
				t.Errorf("focus on %s is not visible", desc)
			}
			if desc == want {
				return
			}
		}
		t.Fatalf("60 times Tab never reached %s", want)
	}
	// The first Tab reaches the skip link; Enter skips the menu.
	key("Tab", kb.Tab)
	if desc, visible := focused(); !strings.HasPrefix(desc, "a") || !visible {
		t.Errorf("the first Tab focuses %s (visible %v), want the visible skip link", desc, visible)
	}
	key("Enter", kb.Enter)
	tabTo("input#title[name=title]")
	key("typing the title", "Kopieerapparaat met scans niet gewist")
	key("Tab", kb.Tab)
	if desc, _ := focused(); desc != "textarea#description[name=description]" {
		t.Errorf("Tab from the title goes to %s, want the description", desc)
	}
	key("typing the description", "Het kopieerapparaat is teruggegeven aan de leverancier met scans van identiteitsbewijzen erop.")
	tabTo("input[name=data_types][value=id_copies]")
	key("Space", " ")
	key("Shift+Tab", kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	if desc, _ := focused(); desc == "input[name=data_types][value=id_copies]" {
		t.Errorf("Shift+Tab kept the focus on %s", desc)
	}
	key("Tab", kb.Tab)
	if desc, _ := focused(); desc != "input[name=data_types][value=id_copies]" {
		t.Errorf("Shift+Tab and Tab land on %s, want the ticked box again", desc)
	}
	checked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("input[name=data_types][value=id_copies]").checked`))
	if err != nil || !checked {
		t.Errorf("Space did not tick copies of identity documents (%v)", err)
	}
	tabTo("button")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.dataset.before = "1"; true`)); err != nil {
		t.Fatal(err)
	}
	key("Enter", kb.Enter)
	do(t, ctx, "the case page", chromedp.WaitVisible(chromedp.CSS("#ph-discover")))
	wantText(t, ctx, "main h1", "Kopieerapparaat met scans niet gewist")
	t.Logf("journey took %s", time.Since(began).Round(100*time.Millisecond))
}
