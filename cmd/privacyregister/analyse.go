package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"privacyregister/internal/apperr"
	"privacyregister/internal/contract"
)

func init() {
	register(command{name: "analyse", usage: "[--json] [--lang nl|en] [--max-mb N] FILE...",
		summary: "read processor agreements and check them against art. 28(3)", run: analyse})
}

// analyse prints, per file, the analysis JSON of reference/contract-analysis.md
// (--json) or a readable report. Unreadable input exits 2 with the reason.
func analyse(ctx context.Context, e *env, args []string) error {
	fs := newFlags("analyse", e.stderr)
	asJSON := fs.Bool("json", false, "print the analysis as JSON")
	lang := fs.String("lang", "nl", "language of the report: nl or en")
	maxMB := fs.Int64("max-mb", 20, "refuse files larger than this, in MB")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("give one or more files (.txt, .md, .html, .docx, .pdf)")
	}
	var unreadable []string
	for i, name := range files {
		doc, err := extractFile(name, *maxMB<<20)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %s\n", name, errText(err))
			unreadable = append(unreadable, name)
			continue
		}
		a := contract.Analyse(doc.Text)
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(a); err != nil {
				return err
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "== %s ==\n", filepath.Base(name))
		if err := contract.WriteReport(e.stdout, a, *lang); err != nil {
			return err
		}
	}
	if len(unreadable) > 0 {
		return usageError{fmt.Sprintf("%d of %d files could not be read", len(unreadable), len(files))}
	}
	return nil
}

func extractFile(name string, max int64) (*contract.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "cannot open the file")
	}
	defer f.Close()
	return contract.Extract(filepath.Base(name), f, max)
}

func errText(err error) string {
	if ae, ok := err.(*apperr.Error); ok {
		return ae.Text()
	}
	return err.Error()
}
