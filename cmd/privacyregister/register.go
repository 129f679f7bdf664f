package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"privacyregister/internal/apperr"
	"privacyregister/internal/org"
	reg "privacyregister/internal/register"
	"privacyregister/internal/report"
	"privacyregister/internal/store"
)

func init() {
	register(command{name: "import register", usage: "--org SHORT FILE [--dry-run] [--max-mb N] [--status VALUE=STATUS ...]",
		summary: "import a register of processing activities (CSV, XLSX, text, CISO Assistant's processing workbook, the government register's ZIP export)", run: importRegister})
	register(command{name: "export register", usage: "--org SHORT --format xlsx|csv|json|pdf -o FILE [--lang nl|en] [--all]",
		summary: "export the register of processing activities", run: exportRegister})
	register(command{name: "demo", usage: "--org SHORT --scale N [--seed S]",
		summary: "fill an organisation's register with N generated activities", run: demoScale})
	// The register is what the other areas' demo data refer to (agreements
	// and incidents link activities), so it is filled first, whatever the
	// order of the init functions.
	demoFillers = append([]func(context.Context, *store.Tx, *org.Organisation) error{demoRegister}, demoFillers...)
}

// demoRegister gives the demo organisation the seed library's register:
// its 26 processing activities.
func demoRegister(ctx context.Context, tx *store.Tx, o *org.Organisation) error {
	acts := reg.DemoActivities()
	for i := range acts {
		if err := tx.CreateActivity(ctx, o.ID, &acts[i]); err != nil {
			return fmt.Errorf("demo activity %s: %w", acts[i].Code, err)
		}
	}
	return nil
}

func importRegister(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("import register", e)
	short := fs.String("org", "", "short name of the organisation")
	dry := fs.Bool("dry-run", false, "only show what the import would do")
	maxMB := fs.Int64("max-mb", reg.DefaultMaxBytes>>20, "largest file accepted, in MB")
	statuses := statusAnswers{}
	fs.Var(statuses, "status", "VALUE=STATUS: the status (concept, in_review, established, retired) an unknown status value in the file stands for; repeatable")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *short == "" || len(pos) != 1 {
		return usagef("give --org SHORT and one FILE")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := reg.ParseFile(pos[0], f, *maxMB<<20)
	if err != nil {
		return err
	}
	st, o, err := db.openOrg(ctx, *short)
	if err != nil {
		return err
	}
	defer st.Close()
	m := reg.AutoMapping(t.Headers)
	if t.Layout != "" {
		fmt.Fprintf(e.stdout, "recognised: %s (read: %s)\n", t.Layout, strings.Join(t.Sheets, ", "))
	}
	for _, n := range t.Notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n.Text("en"))
	}
	for v, st := range statuses {
		m[reg.StatusValueKey(v)] = reg.Field(st)
	}
	for _, v := range reg.UnknownStatuses(t, m) {
		if _, ok := m[reg.StatusValueKey(v)]; !ok {
			fmt.Fprintf(e.stdout, "unknown status %q: give --status %q=STATUS, or the rows keep their status\n", v, v)
		}
	}
	for _, h := range t.Headers {
		fld := string(m[h])
		switch fld {
		case "":
			fld = "(kept as other column)"
		case "-":
			fld = "(ignored)"
		}
		fmt.Fprintf(e.stdout, "column %-32q -> %s\n", h, fld)
	}
	var p *reg.Summary
	var res store.ImportResult
	if *dry {
		p, err = st.PlanImport(ctx, o.ID, t, m)
	} else {
		p, res, err = st.ImportRegister(ctx, o.ID, t, m, nil)
	}
	if p != nil {
		for _, r := range p.Rows {
			for _, is := range r.Warnings {
				fmt.Fprintf(e.stdout, "warning: %s\n", is.Text("en"))
			}
		}
		fmt.Fprintf(e.stdout, "%d rows: %d to create, %d to update by number, %d to update by name\n",
			len(p.Rows), p.Count(reg.ActionCreate), p.Count(reg.ActionUpdateByCode), p.Count(reg.ActionUpdateByName))
		if err == nil && *dry {
			err = p.Err()
		}
	}
	if err != nil {
		if p != nil && !p.OK() {
			fmt.Fprintln(e.stdout, "nothing was imported")
		}
		return err
	}
	if *dry {
		fmt.Fprintln(e.stdout, "dry run: nothing was written")
		return nil
	}
	fmt.Fprintf(e.stdout, "imported: %d created, %d updated\n", res.Created, res.Updated)
	return nil
}

func exportRegister(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("export register", e)
	short := fs.String("org", "", "short name of the organisation")
	format := fs.String("format", "xlsx", "xlsx, csv, json or pdf")
	out := fs.String("o", "", "file to write (- for standard output, not for xlsx or pdf)")
	lang := fs.String("lang", "nl", "language of headings and labels: nl or en")
	all := fs.Bool("all", false, "include retired activities")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if _, ok := report.RegisterFormats[*format]; !ok {
		return usagef("--format must be xlsx, csv, json or pdf, not %q", *format)
	}
	switch {
	case *short == "":
		return usagef("--org is required")
	case *out == "":
		return usagef("-o FILE is required")
	case *out == "-" && (*format == "xlsx" || *format == "pdf"):
		return usagef("write %s to a file, not standard output", *format)
	case *lang != "nl" && *lang != "en":
		return usagef("--lang must be nl or en")
	}
	st, o, err := db.openOrg(ctx, *short)
	if err != nil {
		return err
	}
	defer st.Close()
	acts, _, err := st.Activities(ctx, o.ID, store.ActivityFilter{IncludeRetired: *all, Sort: "code"})
	if err != nil {
		return err
	}
	refs, err := st.RegisterRefs(ctx, o.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteRegister(&buf, *format, report.OrgInfo(o), acts, refs, *lang); err != nil {
		return err
	}
	if err := writeExport(e, *out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	if *out == "-" {
		return nil
	}
	fmt.Fprintf(e.stdout, "wrote %d processing activities to %s\n", len(acts), *out)
	return nil
}

func demoScale(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("demo", e)
	short := fs.String("org", demoShort, "short name of the organisation (the demo organisation is created when missing)")
	scale := fs.Int("scale", 0, "number of processing activities to generate")
	seed := fs.Int64("seed", 1, "seed of the generator (the same seed gives the same activities)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *scale <= 0 || *scale > 1_000_000 {
		return usagef("--scale N: give a number of activities from 1 to 1000000")
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := st.OrgByShort(ctx, *short)
	if apperr.Is(err, apperr.NotFound) && *short == demoShort {
		if err = ensureDemo(ctx, st, e.stdout); err == nil {
			o, err = st.OrgByShort(ctx, *short)
		}
	}
	if err != nil {
		return err
	}
	start := time.Now()
	acts := reg.Generate(*scale, *seed)
	// Generated numbers are 1.1, 1.2, ...; a second run continues after
	// what is there, so numbers stay unique.
	_, existing, err := st.Activities(ctx, o.ID, store.ActivityFilter{IncludeRetired: true, Limit: 1})
	if err != nil {
		return err
	}
	for i := range acts {
		acts[i].Code = fmt.Sprintf("G%d", existing+i+1)
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.FillRegister(ctx, o.ID, reg.GenerateMeasures(), acts) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %d generated processing activities and 10 security measures to %s in %s\n", len(acts), o.Short, time.Since(start).Round(time.Millisecond))
	return nil
}

// statusAnswers collects --status VALUE=STATUS flags.
type statusAnswers map[string]string

func (s statusAnswers) String() string { return "" }

func (s statusAnswers) Set(v string) error {
	k, st, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("--status wants VALUE=STATUS, got %q", v)
	}
	switch reg.Status(st) {
	case reg.StatusConcept, reg.StatusInReview, reg.StatusEstablished, reg.StatusRetired:
	default:
		return fmt.Errorf("--status %s: unknown status %q (concept, in_review, established, retired)", k, st)
	}
	s[k] = st
	return nil
}
