package register

import (
	"slices"
	"strings"
	"time"

	"privacyregister/internal/i18n"
)

// now is the clock of exports (export date); tests replace it.
var now = time.Now

// column is one column of the flat register: a heading and how to write a
// cell. The cell formats are the ones the importer reads back, so an
// exported register can be re-imported without loss.
type column struct {
	field Field
	head  string
	cell  func(a *Activity) string
}

func registerColumns(lang string, acts []Activity, refs Refs) []column {
	l := func(s string) string { return i18n.T(lang, s) }
	var cols []column
	cell := map[Field]func(a *Activity) string{
		FieldCode:             func(a *Activity) string { return a.Code },
		FieldName:             func(a *Activity) string { return a.Name },
		FieldDepartment:       func(a *Activity) string { return a.Department },
		FieldDomain:           func(a *Activity) string { return a.Domain },
		FieldOwner:            func(a *Activity) string { return a.Owner },
		FieldContact:          func(a *Activity) string { return a.Contact },
		FieldStatus:           func(a *Activity) string { return labelOf(statusLabels, a.Status, lang) },
		FieldDescription:      func(a *Activity) string { return a.Description },
		FieldPurposes:         func(a *Activity) string { return purposesCell(a.Purposes) },
		FieldSubjects:         func(a *Activity) string { return joinLines(a.SubjectCategories) },
		FieldDataCategories:   func(a *Activity) string { return dataCell(a.DataCategories, lang) },
		FieldSpecialData:      func(a *Activity) string { return answerCell(boolAnswer(a.HasKind(KindSpecial)), lang) },
		FieldRetention:        func(a *Activity) string { return a.Retention.Format(lang) },
		FieldCleanup:          func(a *Activity) string { return a.CleanupMoment },
		FieldSystems:          func(a *Activity) string { return joinLines(a.Systems) },
		FieldProcessors:       func(a *Activity) string { return processorsCell(a.Processors, refs, lang) },
		FieldRecipients:       func(a *Activity) string { return joinLines(a.Recipients) },
		FieldTransfers:        func(a *Activity) string { return transfersCell(a.Transfers) },
		FieldMeasures:         func(a *Activity) string { return refs.measuresCell(a.MeasureIDs, lang) },
		FieldRiskAnalysis:     func(a *Activity) string { return boolPtrCell(a.RiskAnalysisDone, lang) },
		FieldDPIA:             func(a *Activity) string { return labelOf(dpiaLabels, a.DPIANeeded, lang) },
		FieldDPIARef:          func(a *Activity) string { return a.DPIARef },
		FieldConsent:          func(a *Activity) string { return a.ConsentRecords },
		FieldJointControllers: func(a *Activity) string { return jointCell(a.JointControllers) },
		FieldOptInMail:        func(a *Activity) string { return answerCell(a.OptInMail, lang) },
		FieldInEU:             func(a *Activity) string { return answerCell(a.InEU, lang) },
		FieldOccasional:       func(a *Activity) string { return answerCell(boolAnswer(a.Occasional), lang) },
		FieldLastReviewedAt:   func(a *Activity) string { return formatDate(a.LastReviewedAt) },
		FieldLastReviewedBy:   func(a *Activity) string { return a.LastReviewedBy },
		FieldNextReviewAt:     func(a *Activity) string { return formatDate(a.NextReviewAt) },
	}
	for _, f := range Fields {
		if c, ok := cell[f.Field]; ok {
			cols = append(cols, column{f.Field, l(f.Label), c})
		}
	}
	for _, h := range extraHeaders(acts) {
		cols = append(cols, column{FieldExtra, h, func(a *Activity) string { return a.Extra[h] }})
	}
	return append(cols,
		column{FieldIgnore, l("Created"), func(a *Activity) string { return timeCell(a.CreatedAt) }},
		column{FieldIgnore, l("Updated"), func(a *Activity) string { return timeCell(a.UpdatedAt) }})
}

// extraHeaders is the union of the activities' Extra keys, in the order
// they are first seen (Go maps have none, so sorted within an activity).
func extraHeaders(acts []Activity) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range acts {
		keys := make([]string, 0, len(a.Extra))
		for k := range a.Extra {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// oneLine keeps a part of a structured cell from breaking its format.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", "/", ";", ",")

// joinParts writes "a | b | c", dropping empty trailing parts.
func joinParts(parts ...string) string {
	for i := range parts {
		parts[i] = strings.TrimSpace(oneLine.Replace(parts[i]))
	}
	n := len(parts)
	for n > 1 && parts[n-1] == "" {
		n--
	}
	return strings.Join(parts[:n], " | ")
}

func joinLines(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = strings.TrimSpace(oneLine.Replace(s))
	}
	return strings.Join(out, "\n")
}

func purposesCell(ps []Purpose) string {
	var l []string
	for _, p := range ps {
		l = append(l, joinParts(p.Description, string(p.LawfulBasis), string(p.SpecialException)))
	}
	return strings.Join(l, "\n")
}

func dataCell(ds []DataCategory, lang string) string {
	var l []string
	for _, d := range ds {
		l = append(l, joinParts(d.Name, labelOf(kindLabels, d.Kind, lang), d.Retention.Format(lang)))
	}
	return strings.Join(l, "\n")
}

func processorsCell(ps []ProcessorRef, refs Refs, lang string) string {
	var l []string
	for _, p := range ps {
		id := refs.agreementCell(p.AgreementID)
		st := ""
		if p.AgreementStatus != "" {
			st = labelOf(agreementLabels, p.AgreementStatus, lang)
		}
		l = append(l, joinParts(p.Name, st, p.AgreementWith, p.Note, id))
	}
	return strings.Join(l, "\n")
}

func transfersCell(ts []Transfer) string {
	var l []string
	for _, t := range ts {
		l = append(l, joinParts(t.Country, t.Safeguard))
	}
	return strings.Join(l, "\n")
}

func jointCell(js []JointController) string {
	var l []string
	for _, j := range js {
		l = append(l, joinParts(j.Name, j.Arrangement))
	}
	return strings.Join(l, "\n")
}

func boolAnswer(b bool) string {
	if b {
		return AnswerYes
	}
	return AnswerNo
}

func boolPtrCell(b *bool, lang string) string {
	if b == nil {
		return ""
	}
	return answerCell(boolAnswer(*b), lang)
}

func answerCell(v, lang string) string {
	if l, ok := answerLabels[v]; ok {
		if lang == "nl" {
			return l.nl
		}
		return l.en
	}
	return v
}
