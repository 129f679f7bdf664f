package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"

	"privacyregister/internal/report"
	"privacyregister/internal/store"
)

func init() {
	register(command{name: "export incidents", usage: "--org SHORT --format json|csv|xlsx|pdf -o FILE [--year YEAR] [--lang nl|en]",
		summary: "export the breach register (art. 33(5) documentation)", run: exportIncidents})
}

func exportIncidents(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("export incidents", e)
	short := fs.String("org", "", "short name of the organisation")
	format := fs.String("format", "xlsx", "json, csv, xlsx or pdf")
	out := fs.String("o", "", "file to write (- for standard output, not for xlsx or pdf)")
	year := fs.Int("year", 0, "only the cases of this year (0: all)")
	lang := fs.String("lang", "nl", "language of headings and labels: nl or en")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	switch {
	case *format != "json" && *format != "csv" && *format != "xlsx" && *format != "pdf":
		return usagef("--format must be json, csv, xlsx or pdf, not %q", *format)
	case *short == "":
		return usagef("--org is required")
	case *out == "":
		return usagef("-o FILE is required")
	case *out == "-" && (*format == "xlsx" || *format == "pdf"):
		return usagef("write %s to a file, not standard output", *format)
	case *lang != "nl" && *lang != "en":
		return usagef("--lang must be nl or en")
	case *year < 0:
		return usagef("--year cannot be negative")
	}
	st, o, err := db.openOrg(ctx, *short)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.IncidentsFull(ctx, o.ID, store.IncidentFilter{Year: *year})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteIncidents(&buf, *format, *lang, o, list); err != nil {
		return err
	}
	if err := writeExport(e, *out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	if *out == "-" {
		return nil
	}
	fmt.Fprintf(e.stdout, "wrote %s cases to %s\n", strconv.Itoa(len(list)), *out)
	return nil
}
