package incident

import (
	"fmt"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
)

// FormatDossier returns the dossier number of the seq-th case of a year:
// FormatDossier(2026, 7) is "2026-007". Seed 003 gives each case in the
// breach register its own dossier number.
func FormatDossier(year, seq int) string { return fmt.Sprintf("%04d-%03d", year, seq) }

// ParseDossier reverses FormatDossier.
func ParseDossier(s string) (year, seq int, err error) {
	y, n, ok := strings.Cut(strings.TrimSpace(s), "-")
	year, err1 := strconv.Atoi(y)
	seq, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || len(y) != 4 || len(n) < 3 || seq < 1 {
		return 0, 0, apperr.Invalidf("dossier", "Dossier number %q is not of the form YEAR-NNN.", s)
	}
	return year, seq, nil
}
