package main

import (
	"os"
	"runtime/debug"
	"strings"
	"time"

	"privacyregister/internal/web"
)

// buildVersion is the build in English, for the log and the version command.
func buildVersion() string { return buildInfo().String() }

// buildInfo is the version to show: the one set with -ldflags, else the
// module version, else the commit and its date that the Go toolchain
// records in a build from a git checkout (modified when the tree had
// changes), else when the binary was made.
func buildInfo() web.Build {
	if version != "dev" {
		return web.Build{Version: version}
	}
	var b web.Build
	if bi, ok := debug.ReadBuildInfo(); ok {
		b = buildOf(bi)
	}
	if b.Version == "" && b.Revision == "" {
		if exe, err := os.Executable(); err == nil {
			if st, err := os.Stat(exe); err == nil {
				b.Built = st.ModTime()
			}
		}
	}
	return b
}

func buildOf(bi *debug.BuildInfo) web.Build {
	if v := bi.Main.Version; v != "" && v != "(devel)" && !strings.HasPrefix(v, "v0.0.0-") {
		return web.Build{Version: v}
	}
	var b web.Build
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Date, _ = time.Parse(time.RFC3339, s.Value)
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	if len(b.Revision) > 12 {
		b.Revision = b.Revision[:12]
	}
	return b
}
