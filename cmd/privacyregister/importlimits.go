package main

import (
	"strconv"

	reg "privacyregister/internal/register"
)

// importLimits reads the limits of a register import from the environment
// (every command: serve and import register use them):
// PRIVACYREGISTER_IMPORT_MAX_UNPACKED_MB (what an .xlsx may unpack to,
// default 50), PRIVACYREGISTER_IMPORT_MAX_ROWS (default 100,000) and
// PRIVACYREGISTER_IMPORT_MAX_CELLS (default 2,000,000).
func importLimits(getenv func(string) string) (reg.Limits, error) {
	l := reg.DefaultLimits
	for _, v := range []struct {
		name string
		set  func(n int)
	}{
		{"PRIVACYREGISTER_IMPORT_MAX_UNPACKED_MB", func(n int) { l.MaxUncompressed = int64(n) << 20 }},
		{"PRIVACYREGISTER_IMPORT_MAX_ROWS", func(n int) { l.MaxRows = n }},
		{"PRIVACYREGISTER_IMPORT_MAX_CELLS", func(n int) { l.MaxCells = n }},
	} {
		s := getenv(v.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return l, usagef("%s must be a positive whole number, not %q", v.name, s)
		}
		v.set(n)
	}
	return l, nil
}
