package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"privacyregister/internal/store"
)

func init() {
	register(command{name: "export dpias", usage: "--org SHORT --format json|csv|xlsx -o FILE",
		summary: "export the DPIAs and screenings", run: exportDPIAs})
}

func exportDPIAs(ctx context.Context, e *env, args []string) error {
	f, err := parseExport("export dpias", e, args)
	if err != nil {
		return err
	}
	st, o, err := f.db.openOrg(ctx, f.org)
	if err != nil {
		return err
	}
	defer st.Close()
	ds, err := st.DPIAs(ctx, o.ID)
	if err != nil {
		return err
	}
	scs, err := st.Screenings(ctx, o.ID, 0)
	if err != nil {
		return err
	}
	err = writeExport(e, f.out, func(w io.Writer) error {
		if f.format == "json" {
			if ds == nil {
				ds = []store.DPIA{}
			}
			if scs == nil {
				scs = []store.Screening{}
			}
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(map[string]any{"dpias": ds, "screenings": scs})
		}
		// One row per measure (or per risk without measures), so a
		// spreadsheet can filter on owner and state.
		head := []string{"dpia_id", "title", "activity_id", "state", "residual_level", "prior_consultation", "decided_by", "decided", "next_review",
			"risk", "likelihood", "impact", "level", "residual_likelihood", "residual_impact", "risk_residual_level", "measure", "owner", "measure_state"}
		var rows [][]string
		for _, d := range ds {
			act := ""
			if d.ActivityID != nil {
				act = fmt.Sprint(*d.ActivityID)
			}
			base := []string{fmt.Sprint(d.ID), d.Title, act, string(d.State), string(d.ResidualLevel), fmt.Sprint(d.PriorConsultation), d.DecidedBy, day(d.DecidedAt), day(d.NextReviewAt)}
			if len(d.Risks) == 0 {
				rows = append(rows, append(append([]string{}, base...), make([]string, 10)...))
			}
			for _, r := range d.Risks {
				rk := []string{r.Description, fmt.Sprint(int(r.Likelihood)), fmt.Sprint(int(r.Impact)), string(r.Level),
					fmt.Sprint(int(r.ResidualLikelihood)), fmt.Sprint(int(r.ResidualImpact)), string(r.ResidualLevel)}
				ms := r.Measures
				if len(ms) == 0 {
					ms = []store.DPIAMeasure{{}}
				}
				for _, m := range ms {
					row := append(append(append([]string{}, base...), rk...), m.Description, m.Owner, string(m.State))
					rows = append(rows, row)
				}
			}
		}
		return writeTable(w, f.format, "DPIA", head, rows)
	})
	if err != nil {
		return err
	}
	if f.out != "-" {
		fmt.Fprintf(e.stderr, "%d DPIAs written to %s\n", len(ds), f.out)
	}
	return nil
}
