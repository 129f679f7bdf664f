package main

import (
	"runtime/debug"
	"strings"
)

// buildVersion is the version to show: the one set with -ldflags, else
// the module version, else the commit and its date that the Go toolchain
// records in a build from a git checkout ("0f25e21a1b2c 2026-12-02",
// "+dirty" when the tree had changes), else "dev".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" && !strings.HasPrefix(v, "v0.0.0-") {
		return v
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if len(at) >= 10 {
		rev += " " + at[:10]
	}
	return rev + dirty
}
