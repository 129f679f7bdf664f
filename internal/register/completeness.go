package register

import (
	"sort"
	"strings"
)

// Gap is something art. 30(1) asks the record of an activity to hold that
// it does not: the dashboard counts activities per gap and the register
// filter (?missing=purpose) lists them, with the one rule of Gap.In.
type Gap string

const (
	GapPurpose   Gap = "purpose"   // art. 30(1)(b): no purpose described
	GapBasis     Gap = "basis"     // art. 6(1): no purpose with a lawful basis
	GapRetention Gap = "retention" // art. 30(1)(f): no erasure time limit at all
	GapOwner     Gap = "owner"     // nobody answers for it (accountability, art. 5(2))
)

// GapKinds in the order the dashboard shows them.
var GapKinds = []Gap{GapPurpose, GapBasis, GapRetention, GapOwner}

// Label is the English message id of the activities with the gap.
func (g Gap) Label() string {
	switch g {
	case GapPurpose:
		return "Without a purpose"
	case GapBasis:
		return "Without a lawful basis"
	case GapRetention:
		return "Without a retention period"
	case GapOwner:
		return "Without an owner"
	}
	return string(g)
}

// ValidGap reports whether g is a known gap.
func ValidGap(g Gap) bool {
	for _, k := range GapKinds {
		if k == g {
			return true
		}
	}
	return false
}

// In reports whether activity a has gap g. Retired activities have none:
// they are no longer carried out.
func (g Gap) In(a *Activity) bool {
	if a.Status == StatusRetired {
		return false
	}
	switch g {
	case GapPurpose:
		for _, p := range a.Purposes {
			if strings.TrimSpace(p.Description) != "" {
				return false
			}
		}
		return true
	case GapBasis:
		for _, p := range a.Purposes {
			if p.LawfulBasis != "" {
				return false
			}
		}
		return true
	case GapRetention:
		if retentionGiven(a.Retention) {
			return false
		}
		for _, d := range a.DataCategories {
			if retentionGiven(d.Retention) {
				return false
			}
		}
		return true
	case GapOwner:
		return strings.TrimSpace(a.Owner) == ""
	}
	return false
}

// unknownWords are what spreadsheets write for "not known yet".
var unknownWords = set("nb", "onbekend", "unknown", "tbd", "nader te bepalen", "ntb")

// retentionGiven reports whether r states a period or a rule: a text that
// only says "nvt", "geen" or "n.b." leaves the erasure time limit open.
func retentionGiven(r Retention) bool {
	if r.Amount > 0 || strings.TrimSpace(r.StartEvent) != "" {
		return true
	}
	t := strings.TrimSpace(r.Text)
	return t != "" && !isNone(t) && !unknownWords[fold(t)] && !unknownWords[foldWords(t)]
}

// Covered reports whether a processor with this agreement status is in
// order: the agreement is signed, or the register says none is needed.
func Covered(s AgreementStatus) bool {
	return s == AgreementSigned || s == AgreementNotNeeded
}

// Completeness counts the current activities of a register and, per gap,
// those that have it. Complete is the number without any gap.
type Completeness struct {
	Activities int
	Complete   int
	Missing    map[Gap]int
}

// CompletenessOf counts acts (retired ones left out).
func CompletenessOf(acts []Activity) Completeness {
	c := Completeness{Missing: map[Gap]int{}}
	for i := range acts {
		a := &acts[i]
		if a.Status == StatusRetired {
			continue
		}
		c.Activities++
		complete := true
		for _, g := range GapKinds {
			if g.In(a) {
				c.Missing[g]++
				complete = false
			}
		}
		if complete {
			c.Complete++
		}
	}
	return c
}

// Processor is one processor the register names, with the furthest its
// agreement has come over the current activities that use it.
type Processor struct {
	Name       string
	Status     AgreementStatus
	Activities int
}

// progress orders agreement statuses by how far they have come; a
// processor named twice counts with its best.
var progress = map[AgreementStatus]int{
	"": 0, AgreementNone: 0, AgreementDraftSent: 1, AgreementNegotiating: 2, AgreementNotNeeded: 3, AgreementSigned: 4,
}

// Processors lists the processors the current activities of acts name,
// one per name (case and spaces ignored), by name. A processor is covered
// (see Covered) when any activity records a signed agreement with it: the
// agreement is with the processor, not per activity.
func Processors(acts []Activity) []Processor {
	byKey := map[string]*Processor{}
	for i := range acts {
		a := &acts[i]
		if a.Status == StatusRetired {
			continue
		}
		seen := map[string]bool{}
		for _, p := range a.Processors {
			key := strings.ToLower(strings.Join(strings.Fields(p.Name), " "))
			if key == "" {
				continue
			}
			pr, ok := byKey[key]
			if !ok {
				pr = &Processor{Name: strings.TrimSpace(p.Name), Status: AgreementNone}
				byKey[key] = pr
			}
			if progress[p.AgreementStatus] > progress[pr.Status] {
				pr.Status = p.AgreementStatus
			}
			if !seen[key] {
				seen[key] = true
				pr.Activities++
			}
		}
	}
	out := make([]Processor, 0, len(byKey))
	for _, p := range byKey {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// Uncovered keeps the processors without a signed agreement (and not
// marked as needing none).
func Uncovered(ps []Processor) []Processor {
	var out []Processor
	for _, p := range ps {
		if !Covered(p.Status) {
			out = append(out, p)
		}
	}
	return out
}
