package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"privacyregister/internal/org"
	"privacyregister/internal/register"
	"privacyregister/internal/store"
)

// TestStatementFromRegister: the draft privacy statement names the
// organisation, the shown processing activity of the register with its
// purpose and lawful basis, the rights of arts. 15-22 and the right to
// complain to the AP (art. 13(2)(d)); published, the public page offers
// it in Dutch and English, and the download is a page of its own.
func TestStatementFromRegister(t *testing.T) {
	app := newTestApp(t)
	o := app.org("bieb")
	po := app.user(o, "fg@bieb.example", org.PrivacyOfficer)
	a := &register.Activity{Name: "Ledenadministratie", Domain: "Extern", Purposes: []register.Purpose{{Description: "Uitlenen van materialen", LawfulBasis: "b"}},
		DataCategories: []register.DataCategory{{Name: "NAW-gegevens"}}}
	if err := app.st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateActivity(context.Background(), o.ID, a) }); err != nil {
		t.Fatal(err)
	}
	c := app.signIn(po.Email)
	anon := app.client()
	if res := anon.get("/p/bieb/privacy"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("unpublished public page: %d", res.StatusCode)
	}
	res := c.get("/o/bieb/statement/preview")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, want := range []string{"Organisatie bieb", "Ledenadministratie", "Uitlenen van materialen", "Grondslag: de uitvoering van een overeenkomst met u (art. 6 lid 1 sub b)",
		"NAW-gegevens", "art. 15", "Autoriteit Persoonsgegevens"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	publishStatement(t, c, "bieb")
	pub := anon.get("/p/bieb/privacy")
	if pub.StatusCode != http.StatusOK || !strings.Contains(pub.Body, "Ledenadministratie") || strings.Contains(pub.Body, "statement/withdraw") {
		t.Fatalf("public page: %d", pub.StatusCode)
	}
	// Published in both languages: the public page switches with ?lang=en.
	if !strings.Contains(pub.Body, "Uw rechten") || !strings.Contains(pub.Body, `href="?lang=en"`) {
		t.Errorf("public page is not the Dutch text with a link to the English one")
	}
	en := anon.get("/p/bieb/privacy?lang=en")
	if !strings.Contains(en.Body, "Your rights") || !strings.Contains(en.Body, "Lawful basis: the performance of a contract with you (art. 6(1)(b))") {
		t.Errorf("English public page:\n%s", en.Body)
	}
	dl := c.get("/o/bieb/statement/download?lang=en")
	if dl.StatusCode != http.StatusOK || !strings.Contains(dl.Header.Get("Content-Disposition"), "privacy-statement-bieb-en.html") ||
		!strings.HasPrefix(dl.Body, "<!doctype html>") || !strings.Contains(dl.Body, "Ledenadministratie") || !strings.Contains(dl.Body, "Autoriteit Persoonsgegevens") {
		t.Errorf("download: %d %q\n%s", dl.StatusCode, dl.Header.Get("Content-Disposition"), dl.Body)
	}
	if res := c.postForm("/o/bieb/statement/withdraw", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", res.StatusCode)
	}
	if res := anon.get("/p/bieb/privacy"); res.StatusCode != http.StatusNotFound {
		t.Errorf("withdrawn public page: %d", res.StatusCode)
	}
}
