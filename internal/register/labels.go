package register

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// label is how an enum value is shown; exports write it and imports read it
// back, together with the synonyms people type in spreadsheets.
type label struct{ en, nl string }

var statusLabels = map[Status]label{
	StatusConcept:     {"concept", "concept"},
	StatusInReview:    {"in review", "ter beoordeling"},
	StatusEstablished: {"established", "vastgesteld"},
	StatusRetired:     {"retired", "vervallen"},
}

var agreementLabels = map[AgreementStatus]label{
	AgreementNone:        {"none", "geen"},
	AgreementDraftSent:   {"draft sent", "concept verstuurd"},
	AgreementNegotiating: {"negotiating", "in onderhandeling"},
	AgreementSigned:      {"signed", "getekend"},
	AgreementNotNeeded:   {"not needed", "niet nodig"},
}

var kindLabels = map[DataKind]label{
	KindOrdinary:    {"ordinary", "gewoon"},
	KindSpecial:     {"special", "bijzonder"},
	KindCriminal:    {"criminal", "strafrechtelijk"},
	KindBSN:         {"bsn", "bsn"},
	KindFinancial:   {"financial", "financieel"},
	KindCredentials: {"credentials", "inloggegevens"},
}

var dpiaLabels = map[DPIA]label{
	DPIAYes:      {"yes", "ja"},
	DPIANo:       {"no", "nee"},
	DPIAToAssess: {"to assess", "te beoordelen"},
}

var measureKindLabels = map[MeasureKind]label{
	Technical:      {"technical", "technisch"},
	Organisational: {"organisational", "organisatorisch"},
}

// Answers stored in the free-text yes/no columns (InEU, OptInMail).
const (
	AnswerYes     = "yes"
	AnswerNo      = "no"
	AnswerNA      = "n/a"
	AnswerUnknown = "unknown"
)

var answerLabels = map[string]label{
	AnswerYes: {"yes", "ja"}, AnswerNo: {"no", "nee"},
	AnswerNA: {"n/a", "nvt"}, AnswerUnknown: {"unknown", "n.b."},
}

func labelOf[T ~string](m map[T]label, v T, lang string) string {
	l, ok := m[v]
	if !ok {
		return string(v)
	}
	if lang == "nl" {
		return l.nl
	}
	return l.en
}

// fromLabel finds the value whose key or label (either language) folds to s.
func fromLabel[T ~string](m map[T]label, s string) (T, bool) {
	f := fold(s)
	for v, l := range m {
		if f == fold(string(v)) || f == fold(l.en) || f == fold(l.nl) {
			return v, true
		}
	}
	return "", false
}

// stripMarks removes accents. A transform.Chain keeps state, so each call
// builds its own (fold runs concurrently in the web server); ASCII, the
// common case, skips it.
func stripMarks(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return t
}

// fold reduces s to lower-case letters and digits without diacritics, so
// "Risico- analyse", "risicoanalyse" and "RISICOANALYSE" compare equal.
func fold(s string) string {
	t := stripMarks(s)
	var b strings.Builder
	for _, r := range strings.ToLower(t) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldWords is fold that keeps word boundaries as single spaces.
func foldWords(s string) string {
	t := stripMarks(s)
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(t) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}
