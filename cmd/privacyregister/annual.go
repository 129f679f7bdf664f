package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"privacyregister/internal/report"
)

func init() {
	register(command{name: "export annual-report", usage: "--org SHORT --year YYYY --format pdf|docx|odt -o FILE [--lang nl|en]",
		summary: "write the privacy section of the annual report", run: exportAnnual})
}

func exportAnnual(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("export annual-report", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	year := fs.Int("year", 0, "the calendar year the report covers")
	format := fs.String("format", "pdf", "pdf or docx")
	out := fs.String("o", "", "file to write (- for standard output)")
	lang := fs.String("lang", "nl", "language: nl or en")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	switch {
	case *orgShort == "":
		return usagef("--org is required")
	case *year < 2000 || *year > 2100:
		return usagef("--year YYYY is required")
	case *out == "":
		return usagef("-o FILE is required")
	case report.Formats[*format].Write == nil:
		return usagef("--format must be pdf, docx or odt, not %q", *format)
	case *lang != "nl" && *lang != "en":
		return usagef("--lang must be nl or en, not %q", *lang)
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := report.BuildAnnual(ctx, st, o.ID, *year, time.Now())
	if err != nil {
		return err
	}
	write := report.Formats[*format].Write
	d := a.Doc(*lang, o.Name)
	if err := writeExport(e, *out, func(w io.Writer) error { return write(w, d) }); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(e.stderr, "annual report %d of %s written to %s\n", *year, o.Short, *out)
	}
	return nil
}
