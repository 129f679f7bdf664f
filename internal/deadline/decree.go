package deadline

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// defaultDecreeDays ships the decrees known when this was written. It goes
// out of date by design: an administrator adds later decrees as data
// (LoadDecreeDays with a file in the same format, or AddDecreeDays).
//
//go:embed decree_days.json
var defaultDecreeDays []byte

type decreeFile struct {
	Decrees []struct {
		Title string   `json:"title"`
		Days  []string `json:"days"`
	} `json:"decrees"`
}

// LoadDecreeDays reads decree days in the format of decree_days.json.
func LoadDecreeDays(r io.Reader) ([]Holiday, error) {
	var f decreeFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("decree days: %w", err)
	}
	var out []Holiday
	for _, d := range f.Decrees {
		for _, s := range d.Days {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return nil, fmt.Errorf("decree days: %q in %q: %w", s, d.Title, err)
			}
			out = append(out, Holiday{Date: t, Decree: true, Source: d.Title})
		}
	}
	return out, nil
}

// DefaultCalendar returns a new calendar with the statutory holidays and
// the embedded decree days. Each call returns a fresh copy, so adding days
// to one does not change another.
func DefaultCalendar() *Calendar {
	hs, err := LoadDecreeDays(bytes.NewReader(defaultDecreeDays))
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return NewCalendar(hs...)
}
