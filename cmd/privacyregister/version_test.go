package main

import (
	"runtime/debug"
	"testing"
	"time"

	"privacyregister/internal/web"
)

// A binary built from a checkout without -ldflags shows its commit, its
// date and whether the tree had changes, never a bare "dev".
func TestBuildOf(t *testing.T) {
	for _, c := range []struct {
		bi   debug.BuildInfo
		want web.Build
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0f25e21a1b2c3d4e5f60718293a4b5c6d7e8f901"},
			{Key: "vcs.time", Value: "2026-12-02T15:04:05Z"},
			{Key: "vcs.modified", Value: "true"},
		}}, web.Build{Revision: "0f25e21a1b2c", Date: time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC), Modified: true}},
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, web.Build{Version: "v1.2.3"}},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, web.Build{}},
	} {
		if got := buildOf(&c.bi); !got.Date.Equal(c.want.Date) || got.Revision != c.want.Revision || got.Version != c.want.Version || got.Modified != c.want.Modified {
			t.Errorf("buildOf = %+v, want %+v", got, c.want)
		}
	}
	// Without version or commit (go build -buildvcs=false) the binary's
	// own time says which build it is.
	if b := buildInfo(); b.Version == "" && b.Revision == "" && b.Built.IsZero() {
		t.Errorf("buildInfo of the test binary: %+v, nothing to show", b)
	}
	if v := buildVersion(); v == "dev" || v == "" {
		t.Errorf("buildVersion = %q", v)
	}
}
