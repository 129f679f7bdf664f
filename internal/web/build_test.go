package web

import (
	"testing"
	"time"
)

// The footer names the build: the version set at link time, else the
// commit with its date ("+gewijzigd" for a tree with changes), else when
// the binary was made; never a bare "dev".
func TestBuildText(t *testing.T) {
	at := time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		b          Build
		lang, want string
	}{
		{Build{Version: "1.4.0"}, "nl", "1.4.0"},
		{Build{Revision: "0f25e21a1b2c", Date: at, Modified: true}, "nl", "0f25e21a1b2c (02-12-2026) +gewijzigd"},
		{Build{Revision: "0f25e21a1b2c", Date: at, Modified: true}, "en", "0f25e21a1b2c (02-12-2026) +modified"},
		{Build{Revision: "0f25e21a1b2c", Date: at}, "nl", "0f25e21a1b2c (02-12-2026)"},
		{Build{Built: at}, "nl", "ontwikkelversie van 02-12-2026 16:04"},
		{Build{}, "nl", "ontwikkelversie zonder versie-informatie"},
	} {
		if got := c.b.Text(c.lang); got != c.want {
			t.Errorf("%+v in %s: %q, want %q", c.b, c.lang, got, c.want)
		}
	}
	s := &Server{Config: Config{Version: "dev", Build: Build{Revision: "abc", Date: at}}}
	if got := s.versionText(&Ctx{Lang: "nl"}); got != "versie abc (02-12-2026)" {
		t.Errorf("footer: %q", got)
	}
	s.Config.Build = Build{Built: at}
	if got := s.versionText(&Ctx{Lang: "nl"}); got != "ontwikkelversie van 02-12-2026 16:04" {
		t.Errorf("footer of a development build: %q (not \"versie ontwikkelversie\")", got)
	}
}
