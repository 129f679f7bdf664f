package register

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"privacyregister/internal/country"
)

// CISO Assistant's processing workbook: a sheet "Processing" (one row per
// processing: ref_id, name, description, domain, status, ...) and sheets of
// the things each has (Purposes, Personal data, Data subjects, Data
// recipients, Contractors, Transfers). A row of those names its processing
// in a column "processing" or "processing_name" (its name or ref_id); a
// row without one belongs to the first processing, as CISO Assistant's own
// import has it. Choice values are CISO Assistant's keys
// ("privacy_contract") or labels; those not known here are kept as text.

var cisoChildren = []string{"purposes", "personal data", "data subjects", "data recipients", "contractors", "transfers"}

// isCISOWorkbook: a sheet "Processing" and at least one of its child sheets.
func isCISOWorkbook(sheets []string) bool {
	parent, child := false, false
	for _, s := range sheets {
		k := strings.ToLower(strings.TrimSpace(s))
		parent = parent || k == "processing"
		for _, c := range cisoChildren {
			child = child || k == c
		}
	}
	return parent && child
}

// sheetRecords reads a sheet as records keyed by folded heading; nums are
// their row numbers.
func sheetRecords(f *excelize.File, sheet string, count *counter, l Limits) (recs []map[string]string, nums []int, err error) {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, nil, err
	}
	var head []string
	for n, r := range rows {
		if width(r) == 0 {
			continue
		}
		if err := count.add(l, r); err != nil {
			return nil, nil, err
		}
		if head == nil {
			for _, h := range r {
				head = append(head, fold(h))
			}
			continue
		}
		rec := map[string]string{}
		for j, c := range r {
			if j < len(head) {
				rec[head[j]] = cleanCell(c)
			}
		}
		recs, nums = append(recs, rec), append(nums, n+1)
	}
	return recs, nums, nil
}

// choice turns a CISO Assistant key into words: "privacy_financial_data"
// -> "financial data".
func choice(v string) string {
	v = strings.TrimPrefix(strings.TrimSpace(v), "privacy_")
	return strings.ReplaceAll(v, "_", " ")
}

func withChoice(name, cat string) string {
	switch {
	case name == "":
		return choice(cat)
	case cat == "":
		return name
	}
	return name + " (" + choice(cat) + ")"
}

func parseCISO(f *excelize.File, l Limits) (*Table, error) {
	sheets := f.GetSheetList()
	var count counter
	var parent string
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), "processing") {
			parent = s
		}
	}
	procs, nums, err := sheetRecords(f, parent, &count, l)
	if err != nil {
		return nil, err
	}
	var notes []Issue
	type acc struct{ purposes, data, retention, subjects, recipients, processors, joint, transfers, other []string }
	accs := make([]acc, len(procs))
	find := func(v string) int {
		if v == "" {
			return 0
		}
		for i, p := range procs {
			if fold(p["refid"]) == fold(v) || fold(p["name"]) == fold(v) {
				return i
			}
		}
		return -1
	}
	read := []string{parent}
	for _, s := range sheets {
		k := strings.ToLower(strings.TrimSpace(s))
		isChild := false
		for _, c := range cisoChildren {
			isChild = isChild || k == c
		}
		if !isChild {
			continue
		}
		read = append(read, s)
		recs, rnums, err := sheetRecords(f, s, &count, l)
		if err != nil {
			return nil, err
		}
		for j, r := range recs {
			ref := r["processing"]
			if ref == "" {
				ref = r["processingname"]
			}
			i := find(ref)
			if i < 0 || len(procs) == 0 {
				notes = append(notes, Issue{Sheet: s, Row: rnums[j], Msg: "This row names processing %q, which the sheet Processing does not have: it is not imported.", Args: []any{ref}})
				continue
			}
			a := &accs[i]
			name := r["name"]
			switch k {
			case "purposes":
				desc := name
				if desc == "" {
					desc = r["description"]
				}
				basis, exc := "", ""
				if b, err := parseBasis(r["legalbasis"]); err == nil {
					basis = string(b)
				} else {
					desc += " (" + choice(r["legalbasis"]) + ")"
					notes = append(notes, Issue{Sheet: s, Row: rnums[j], Msg: "Unknown lawful basis %q: kept in the purpose's text; choose the basis after the import.", Args: []any{r["legalbasis"]}})
				}
				if c := r["article9condition"]; c != "" {
					desc += " (art. 9: " + choice(c) + ")"
				}
				a.purposes = append(a.purposes, joinParts(desc, basis, exc))
			case "personal data":
				n := withChoice(name, r["category"])
				kind := guessKind(n)
				if y, ok := yesNo(r["issensitive"]); ok && y {
					kind = KindSpecial
				}
				a.data = append(a.data, joinParts(n, kindLabels[kind].en, r["retention"]))
				if r["retention"] != "" {
					a.retention = append(a.retention, r["retention"])
				}
			case "data subjects":
				a.subjects = append(a.subjects, withChoice(name, r["category"]))
			case "data recipients":
				a.recipients = append(a.recipients, withChoice(name, r["category"]))
			case "contractors":
				n := name
				if n == "" {
					n = r["entity"]
				}
				note := ""
				if c := r["country"]; c != "" {
					note = "country " + c
				}
				switch choice(r["relationshiptype"]) {
				case "data processor", "sub processor":
					a.processors = append(a.processors, joinParts(n, "", "", note))
				case "joint controller":
					a.joint = append(a.joint, n)
				default:
					a.recipients = append(a.recipients, withChoice(n, r["relationshiptype"]))
				}
			case "transfers":
				c := r["country"]
				if _, ok := country.Lookup(c); !ok {
					notes = append(notes, Issue{Sheet: s, Row: rnums[j], Msg: "Unknown country %q: the transfer is kept as text under Other transfers.", Args: []any{c}})
					a.other = append(a.other, joinParts(name, c, choice(r["transfermechanism"])))
					continue
				}
				safeguard := choice(r["transfermechanism"])
				if g := r["guarantees"]; g != "" {
					safeguard = strings.TrimSpace(safeguard + ", " + g)
				}
				a.transfers = append(a.transfers, joinParts(c, strings.Trim(safeguard, ", ")))
			}
		}
	}
	ft := newFlat(l, "Number", "Processing activity", "Description", "Department", "Status", "Owner", "Purposes and lawful basis",
		"Categories of data subjects", "Categories of personal data", "Retention period", "Processors", "Recipients",
		"Joint controllers", "Transfers outside the EEA", "Other transfers", "DPIA needed", "DPIA reference",
		"Processing nature", "Information channel", "Usage channel", "Labels")
	for i, p := range procs {
		a := accs[i]
		ret := uniqueLines(a.retention)
		if strings.Contains(ret, "\n") {
			ret = strings.ReplaceAll(ret, "\n", "; ")
		}
		dpia := p["dpiarequired"]
		if y, ok := yesNo(dpia); ok {
			dpia = map[bool]string{true: "yes", false: "no"}[y]
		}
		err := ft.add(nums[i], map[string]string{
			"Number": p["refid"], "Processing activity": p["name"], "Description": p["description"], "Department": p["domain"],
			"Status": p["status"], "Owner": p["assignedto"], "Purposes and lawful basis": uniqueLines(a.purposes),
			"Categories of data subjects": strings.ReplaceAll(uniqueLines(a.subjects), "\n", ", "),
			"Categories of personal data": uniqueLines(a.data), "Retention period": ret,
			"Processors": uniqueLines(a.processors), "Recipients": strings.ReplaceAll(uniqueLines(a.recipients), "\n", ", "),
			"Joint controllers": uniqueLines(a.joint), "Transfers outside the EEA": uniqueLines(a.transfers),
			"Other transfers": uniqueLines(a.other), "DPIA needed": dpia, "DPIA reference": p["dpiareference"],
			"Processing nature": p["processingnature"], "Information channel": p["informationchannel"],
			"Usage channel": p["usagechannel"], "Labels": p["labels"],
		})
		if err != nil {
			return nil, err
		}
	}
	if len(procs) == 0 {
		return nil, errNoProcessing()
	}
	return ft.table(LayoutCISO, read, notes)
}
