package main

import (
	"context"
	"fmt"
	"time"

	"privacyregister/internal/deadline"
)

func init() {
	register(command{name: "holidays", usage: "--org SHORT [--year YYYY] [--decree-days FILE]",
		summary: "list the days on which the organisation's periods do not end (holidays and decree days)", run: listHolidays})
}

// listHolidays prints one line per day, tab-separated: date, weekday,
// name (English name), kind (statutory, decree, installation,
// organisation) and source.
func listHolidays(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("holidays", e)
	short := fs.String("org", "", "short name of the organisation")
	year := fs.Int("year", 0, "the year to list (default: this year)")
	decreeFile := fs.String("decree-days", e.cfg.DecreeDays, "the installation's file of further decree days, as serve takes it")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	switch {
	case *short == "":
		return usagef("--org is required")
	case *year != 0 && (*year < 2000 || *year > 2200):
		return usagef("--year must lie between 2000 and 2200, not %d", *year)
	}
	if *decreeFile != "" {
		if _, err := addDecreeDays(*decreeFile); err != nil {
			return err
		}
	}
	st, o, err := db.openOrg(ctx, *short)
	if err != nil {
		return err
	}
	defer st.Close()
	if *year == 0 {
		*year = st.Now().In(deadline.Amsterdam).Year()
	}
	days, err := st.Holidays(ctx, o.ID, *year)
	if err != nil {
		return err
	}
	for _, d := range days {
		src := d.Source
		if d.AddedBy != "" {
			src += " (" + d.AddedBy + ", " + d.AddedAt.In(deadline.Amsterdam).Format(time.DateOnly) + ")"
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s (%s)\t%s\t%s\n", d.Date, d.Time().Weekday(), d.Name, d.English, d.Kind, src)
	}
	return nil
}
