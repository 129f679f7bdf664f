package register

import "time"

// DefaultReviewMonths is the cadence of register reviews: the seed policy
// reviews the register at least quarterly.
const DefaultReviewMonths = 3

// NextReview is last plus cadenceMonths calendar months. A day that does not
// exist in the target month becomes that month's last day (31 January + 1
// month = 28 or 29 February), as people and Reg. 1182/71 count months;
// time.AddDate would roll over into March.
func NextReview(last time.Time, cadenceMonths int) time.Time {
	if cadenceMonths <= 0 {
		cadenceMonths = DefaultReviewMonths
	}
	y, m, d := last.Date()
	first := time.Date(y, m+time.Month(cadenceMonths), 1, 0, 0, 0, 0, last.Location())
	lastDay := first.AddDate(0, 1, -1).Day()
	if d > lastDay {
		d = lastDay
	}
	h, mi, s := last.Clock()
	return time.Date(first.Year(), first.Month(), d, h, mi, s, last.Nanosecond(), last.Location())
}

// Due returns when a should next be reviewed: NextReviewAt when set, else
// the default cadence after the last review, else nil (never reviewed).
func Due(a Activity) *time.Time {
	if a.NextReviewAt != nil {
		return a.NextReviewAt
	}
	if a.LastReviewedAt != nil {
		t := NextReview(*a.LastReviewedAt, DefaultReviewMonths)
		return &t
	}
	return nil
}

// Overdue reports whether a's review is late at now. An activity never
// reviewed is overdue; a retired one never is.
func Overdue(a Activity, now time.Time) bool {
	if a.Status == StatusRetired {
		return false
	}
	due := Due(a)
	return due == nil || now.After(*due)
}
