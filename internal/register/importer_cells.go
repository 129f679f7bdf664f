package register

import (
	"regexp"
	"strings"
)

// Cell readers of the importer: the structured cells our exports write
// ("Name | status | ..." one item per line) and the separate agreement
// columns of spreadsheet registers.

// agreement folds the separate agreement columns of a spreadsheet into the
// processor they are about. With no processor there is nothing to attach
// them to; what they say then is kept under their header.
func (rc *rowCtx) agreement(a *Activity) {
	with, status := rc.get(FieldAgreementWith), rc.get(FieldAgreementStatus)
	if len(a.Processors) == 0 {
		if rc.has(FieldAgreementWith) && !isNone(with) {
			rc.extra(a, rc.header[FieldAgreementWith], with)
		}
		if st, note := parseAgreement(status); rc.has(FieldAgreementStatus) && status != "" && (st != AgreementNotNeeded || note != "") {
			rc.extra(a, rc.header[FieldAgreementStatus], status)
		}
		return
	}
	for i := range a.Processors {
		p := &a.Processors[i]
		if rc.has(FieldAgreementWith) && !isNone(with) && fold(with) != fold(p.Name) {
			p.AgreementWith = with
		}
		if rc.has(FieldAgreementStatus) && status != "" {
			p.AgreementStatus, p.Note = parseAgreement(status)
		}
	}
}

// SpecialDataName names the data category an import adds when a
// spreadsheet only says "special data: yes".
const SpecialDataName = "Bijzondere persoonsgegevens"

// splitList splits a cell on any of seps and drops "geen", "nvt" and blanks.
func splitList(s, seps string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if x = strings.TrimSpace(x); x != "" && !isNone(x) {
			out = append(out, x)
		}
	}
	return out
}

// lines splits a structured cell: one item per line (or ";"), parts
// separated by " | " as our exports write them.
func (rc *rowCtx) lines(s string) [][]string {
	var out [][]string
	for _, l := range splitList(s, "\n;") {
		parts := strings.Split(l, "|")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		out = append(out, parts)
	}
	return out
}

func part(p []string, i int) string {
	if i < len(p) {
		return p[i]
	}
	return ""
}

var trailingBasis = regexp.MustCompile(`^(.*?)\s*\(([^()]+)\)$`)

// purposes reads "Description | b | a" lines; a bare "Description (b)" or
// "Description (toestemming)" also gives the lawful basis.
func (rc *rowCtx) purposes(s string) []Purpose {
	var out []Purpose
	for _, p := range rc.lines(s) {
		pu := Purpose{Description: p[0]}
		basis, exc := part(p, 1), part(p, 2)
		if len(p) == 1 {
			if m := trailingBasis.FindStringSubmatch(p[0]); m != nil {
				if b, err := parseBasis(m[2]); err == nil {
					pu.Description, basis = m[1], string(b)
				}
			}
		}
		var err error
		if pu.LawfulBasis, err = parseBasis(basis); err != nil {
			rc.failErr(FieldPurposes, err)
		}
		if pu.SpecialException, err = parseException(exc); err != nil {
			rc.failErr(FieldPurposes, err)
		}
		out = append(out, pu)
	}
	return out
}

// dataCategories reads "Name | kind | retention" lines.
func (rc *rowCtx) dataCategories(s string) []DataCategory {
	var out []DataCategory
	for _, p := range rc.lines(s) {
		d := DataCategory{Name: p[0], Kind: guessKind(p[0]), Retention: ParseRetention(part(p, 2))}
		if len(p) > 1 {
			k, err := parseKind(p[1])
			if err != nil {
				rc.failErr(FieldDataCategories, err)
			}
			d.Kind = k
		}
		out = append(out, d)
	}
	return out
}

// processors reads "Name | status | agreement with | note | agreement"
// (its title; earlier exports wrote its number).
func (rc *rowCtx) processors(s string) []ProcessorRef {
	var out []ProcessorRef
	for _, p := range rc.lines(s) {
		pr := ProcessorRef{Name: p[0], AgreementWith: part(p, 2), Note: part(p, 3)}
		if st := part(p, 1); st != "" {
			status, note := parseAgreement(st)
			pr.AgreementStatus = status
			if pr.Note == "" {
				pr.Note = note
			}
		}
		pr.AgreementID = rc.agreementRef(part(p, 4))
		out = append(out, pr)
	}
	return out
}

// transfers reads "Country | safeguard" lines; the class comes from
// internal/country (filled by Validate).
func (rc *rowCtx) transfers(s string) []Transfer {
	var out []Transfer
	for _, p := range rc.lines(s) {
		out = append(out, Transfer{Country: p[0], Safeguard: part(p, 1)})
	}
	return out
}
