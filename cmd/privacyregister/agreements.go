package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"privacyregister/internal/agreement"
	"privacyregister/internal/contract"
	"privacyregister/internal/i18n"
	"privacyregister/internal/store"
)

func init() {
	register(command{name: "export agreements", usage: "--org SHORT --format xlsx|csv|json -o FILE",
		summary: "export the processor agreements with their terms and warnings", run: exportAgreements})
}

// exportedAgreement is an agreement in the export: its terms under the
// names of reference/contract-analysis.md, plus the computed warnings.
type exportedAgreement struct {
	agreement.Agreement
	Warnings []agreement.Warning `json:"warnings"`
}

func exportAgreements(ctx context.Context, e *env, args []string) error {
	fs, db := newDBFlags("export agreements", e)
	orgShort := fs.String("org", "", "short name of the organisation")
	format := fs.String("format", "json", "json, csv or xlsx")
	out := fs.String("o", "", "file to write (- for standard output)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	switch {
	case *orgShort == "":
		return usagef("--org is required")
	case *out == "":
		return usagef("-o FILE is required")
	case *format != "json" && *format != "csv" && *format != "xlsx":
		return usagef("--format must be json, csv or xlsx, not %q", *format)
	case *format == "xlsx" && *out == "-":
		return usagef("write XLSX to a file, not standard output")
	}
	st, o, err := db.openOrg(ctx, *orgShort)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Agreements(ctx, o.ID, store.AgreementFilter{})
	if err != nil {
		return err
	}
	items := make([]exportedAgreement, len(list))
	for i := range list {
		var p *agreement.Party
		if list[i].PartyID != nil {
			p, _ = st.Party(ctx, o.ID, *list[i].PartyID)
		}
		linked, err := st.LinkedActivities(ctx, o.ID, list[i].ID)
		if err != nil {
			return err
		}
		ws := agreement.Warnings(&list[i], p, linked, st.Now())
		if ws == nil {
			ws = []agreement.Warning{}
		}
		items[i] = exportedAgreement{Agreement: list[i], Warnings: ws}
	}
	err = writeExport(e, *out, func(w io.Writer) error {
		if *format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(items)
		}
		head, rows := agreementRows(items)
		return writeTable(w, *format, "Verwerkersovereenkomsten", head, rows)
	})
	if err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(e.stderr, "%d agreements written to %s\n", len(items), *out)
	}
	return nil
}

func agOpt[T any](v *T) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(*v)
}

// agreementRows flattens agreements for CSV and XLSX; the column names are
// the reference's dotted field names.
func agreementRows(items []exportedAgreement) ([]string, [][]string) {
	head := []string{"id", "title", "party", "our_role", "type", "status", "version", "signed_on", "starts_on", "ends_on",
		"breach_notification.hours", "breach_notification.without_delay", "subprocessor_notification_hours",
		"subprocessors.regime", "subprocessors.objection_days", "subprocessors.named", "data_location",
		"audit.right", "audit.frequency_months", "audit.cost", "end_of_contract", "liability_cap_eur", "penalty_eur", "governing_law"}
	for _, l := range contract.Art28Letters {
		head = append(head, "art28."+l+".present")
	}
	head = append(head, "flags", "warnings")
	rows := make([][]string, len(items))
	for i, it := range items {
		a, t := it.Agreement, it.Terms
		subs := make([]string, len(t.Subprocessors.Named))
		for j, s := range t.Subprocessors.Named {
			subs[j] = s.Name
			if s.Country != nil {
				subs[j] += " (" + *s.Country + ")"
			}
		}
		ws := make([]string, len(it.Warnings))
		for j, w := range it.Warnings {
			ws[j] = i18n.T("nl", w.Msg, w.Args...)
		}
		row := []string{strconv.FormatInt(a.ID, 10), a.Title, a.PartyName, string(a.OurRole), string(a.Type), string(a.Status), a.Version,
			day(a.SignedOn), day(a.StartsOn), day(a.EndsOn),
			agOpt(t.BreachNotification.Hours), strconv.FormatBool(t.BreachNotification.WithoutDelay), agOpt(t.SubprocessorNotificationHours),
			t.Subprocessors.Regime, agOpt(t.Subprocessors.ObjectionDays), strings.Join(subs, "; "), t.DataLocation,
			strconv.FormatBool(t.Audit.Right), agOpt(t.Audit.FrequencyMonths), t.Audit.Cost, t.EndOfContract,
			agOpt(t.LiabilityCapEUR), agOpt(t.PenaltyEUR), agOpt(t.GoverningLaw)}
		for _, l := range contract.Art28Letters {
			row = append(row, strconv.FormatBool(t.Art28[l].Present))
		}
		rows[i] = append(row, strings.Join(t.Flags, ", "), strings.Join(ws, " | "))
	}
	return head, rows
}
