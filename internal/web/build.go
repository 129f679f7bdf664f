package web

import (
	"time"

	"privacyregister/internal/i18n"
)

// Build says which build of the program serves the pages, for the footer:
// the version set at link time, else the commit the toolchain stamped,
// else when the binary was made. A bare "dev" tells a reader nothing.
type Build struct {
	Version  string    // -ldflags "-X main.version=..." or the module version
	Revision string    // vcs.revision, shortened
	Date     time.Time // vcs.time: when that commit was made
	Modified bool      // vcs.modified: built from a tree with changes
	Built    time.Time // without version or commit: the binary's modification time
}

// Text is the build as the footer shows it, in the language lang.
func (b Build) Text(lang string) string {
	switch {
	case b.Version != "":
		return b.Version
	case b.Revision != "":
		s := b.Revision
		if !b.Date.IsZero() {
			s += " (" + b.Date.In(Amsterdam).Format("02-01-2006") + ")"
		}
		if b.Modified {
			s += " +" + i18n.T(lang, "modified")
		}
		return s
	case !b.Built.IsZero():
		return i18n.T(lang, "development build of %s", b.Built.In(Amsterdam).Format("02-01-2006 15:04"))
	}
	return i18n.T(lang, "development build without version information")
}

// versionText is the build for the footer of a page for c.
// A version or commit reads "versie ..."; a development build says so itself.
func (s *Server) versionText(c *Ctx) string {
	lang := "nl"
	if c != nil && c.Lang != "" {
		lang = c.Lang
	}
	b := s.Config.Build
	if b == (Build{}) && s.Config.Version != "" && s.Config.Version != "dev" {
		b.Version = s.Config.Version
	}
	if b.Version != "" || b.Revision != "" {
		return i18n.T(lang, "version %s", b.Text(lang))
	}
	return b.Text(lang)
}

// String is the build in English, for the log and the version command.
func (b Build) String() string { return b.Text("en") }
