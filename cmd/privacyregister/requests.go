package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"privacyregister/internal/api"
	"privacyregister/internal/csvout"
	"privacyregister/internal/deadline"
	"privacyregister/internal/store"
)

func init() {
	register(command{name: "export requests", usage: "--org SHORT --format json|csv|xlsx -o FILE [--year YYYY]",
		summary: "export the requests of data subjects", run: exportRequests})
}

// exportFlags are the flags of the export commands of this area.
type exportFlags struct {
	db     dbFlags
	org    string
	format string
	out    string
	year   int
}

func parseExport(name string, e *env, args []string) (*exportFlags, error) {
	fs := newFlags(name, e.stderr)
	var f exportFlags
	f.db.add(fs, e.cfg)
	fs.StringVar(&f.org, "org", "", "short name of the organisation")
	fs.StringVar(&f.format, "format", "json", "json, csv or xlsx")
	fs.StringVar(&f.out, "o", "", "file to write (- for standard output)")
	fs.IntVar(&f.year, "year", 0, "only this year (of receipt)")
	if err := parseNoArgs(fs, args); err != nil {
		return nil, err
	}
	switch {
	case f.org == "":
		return nil, usagef("--org is required")
	case f.out == "":
		return nil, usagef("-o FILE is required")
	case f.format != "json" && f.format != "csv" && f.format != "xlsx":
		return nil, usagef("--format must be json, csv or xlsx, not %q", f.format)
	case f.format == "xlsx" && f.out == "-":
		return nil, usagef("write XLSX to a file, not standard output")
	}
	return &f, nil
}

// writeTable writes a header and rows as CSV (semicolons, as Dutch Excel
// reads them) or as an XLSX sheet.
func writeTable(w io.Writer, format, sheet string, head []string, rows [][]string) error {
	if format == "csv" {
		cw := csvout.NewWriter(w, csvout.Options{Comma: ';'})
		if err := cw.Write(head); err != nil {
			return err
		}
		return cw.WriteAll(rows)
	}
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, row := range append([][]string{head}, rows...) {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

func day(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(deadline.Amsterdam).Format("2006-01-02")
}

func exportRequests(ctx context.Context, e *env, args []string) error {
	f, err := parseExport("export requests", e, args)
	if err != nil {
		return err
	}
	st, o, err := f.db.openOrg(ctx, f.org)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.Requests(ctx, o.ID, store.RequestFilter{Year: f.year})
	if err != nil {
		return err
	}
	out := make([]api.Request, len(qs))
	for i := range qs {
		out[i] = api.RequestOut(&qs[i], st.Now())
	}
	err = writeExport(e, f.out, func(w io.Writer) error {
		if f.format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		}
		head := []string{"reference", "rights", "channel", "received", "due", "state", "requester", "activity_ids", "extended", "extension_reason", "answered", "late", "refusal_ground", "closed"}
		rows := make([][]string, len(out))
		for i, q := range out {
			rights := make([]string, len(q.Rights))
			for j, r := range q.Rights {
				rights[j] = string(r)
			}
			ids := make([]string, len(q.ActivityIDs))
			for j, id := range q.ActivityIDs {
				ids[j] = fmt.Sprint(id)
			}
			ext, reason, ground := "", "", ""
			if q.Extension != nil {
				ext, reason = day(&q.Extension.At), q.Extension.Reason
			}
			if q.Refusal != nil {
				ground = string(q.Refusal.Ground)
			}
			who := q.Requester.Name
			if who == "" {
				who = q.Requester.Email
			}
			rows[i] = []string{q.Reference, strings.Join(rights, ","), string(q.Channel), day(&q.ReceivedAt), q.DueDate, string(q.State), who,
				strings.Join(ids, ","), ext, reason, day(q.AnsweredAt), fmt.Sprint(q.Late), ground, day(q.ClosedAt)}
		}
		return writeTable(w, f.format, "Verzoeken", head, rows)
	})
	if err != nil {
		return err
	}
	if f.out != "-" {
		fmt.Fprintf(e.stderr, "%d requests written to %s\n", len(out), f.out)
	}
	return nil
}
