package register

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Spreadsheet registers say "nvt", "n.v.t.", "geen" or "-" where nothing
// applies; these read as empty.
var noneWords = set("", "geen", "nvt", "nee", "none", "no", "na", "n/a", "-", "--", "nvt.")

func isNone(s string) bool {
	f := fold(s)
	return noneWords[f] || noneWords[strings.ToLower(strings.TrimSpace(s))]
}

// yesNo reads ja/nee/yes/no/true/false/x. ok is false for anything else
// (including nvt and n.b., which are not answers).
func yesNo(s string) (yes, ok bool) {
	switch fold(s) {
	case "ja", "yes", "y", "j", "true", "waar", "x", "1":
		return true, true
	case "nee", "no", "n", "false", "onwaar", "0":
		return false, true
	}
	return false, false
}

// answer normalises a yes/no-like cell to AnswerYes, AnswerNo, AnswerNA or
// AnswerUnknown, and keeps anything else ("in afwachting") as written.
func answer(s string) string {
	s = strings.TrimSpace(s)
	if y, ok := yesNo(s); ok {
		if y {
			return AnswerYes
		}
		return AnswerNo
	}
	switch fold(s) {
	case "":
		return ""
	case "nvt", "na", "notapplicable", "nietvantoepassing":
		return AnswerNA
	case "nb", "onbekend", "unknown", "nognietbekend", "nietbekend":
		return AnswerUnknown
	}
	return s
}

func parseBoolPtr(s string) (*bool, error) {
	if y, ok := yesNo(s); ok {
		return &y, nil
	}
	switch a := answer(s); a {
	case "", AnswerNA, AnswerUnknown:
		return nil, nil
	}
	return nil, errMsg("Expected yes or no, got %q.", s)
}

func parseDPIA(s string) (DPIA, error) {
	if v, ok := fromLabel(dpiaLabels, s); ok {
		return v, nil
	}
	switch answer(s) {
	case "":
		return "", nil
	case AnswerNA:
		return DPIANo, nil
	case AnswerUnknown:
		return DPIAToAssess, nil
	}
	return "", errMsg("Expected yes, no or to assess, got %q.", s)
}

func parseStatus(s string) (Status, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	if v, ok := fromLabel(statusLabels, s); ok {
		return v, nil
	}
	// Besides Dutch and English words, the status values of CISO
	// Assistant's processing workbook (privacy_draft ...) and of the
	// government register's export (InBewerking ...).
	switch fold(s) {
	case "draft", "privacydraft", "inbewerking", "nieuw":
		return StatusConcept, nil
	case "inreview", "review", "inbehandeling", "terreview", "beoordeling", "privacyinreview", "vaststellingaangevraagd":
		return StatusInReview, nil
	case "actief", "active", "definitief", "final", "vast", "approved", "privacyapproved":
		return StatusEstablished, nil
	case "vervallen", "inactief", "inactive", "beeindigd", "gestopt", "deprecated", "privacydeprecated":
		return StatusRetired, nil
	}
	return "", errMsg("Unknown status %q.", s)
}

// parseAgreement reads a processor-agreement status as written in Dutch
// registers ("vo getekend", "concept vo gestuurd", "nvt"). note is the
// original text when it said more than the status (so nothing is lost).
func parseAgreement(s string) (st AgreementStatus, note string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	if v, ok := fromLabel(agreementLabels, s); ok {
		return v, ""
	}
	w := " " + foldWords(s) + " "
	has := func(subs ...string) bool {
		for _, x := range subs {
			if strings.Contains(w, x) {
				return true
			}
		}
		return false
	}
	switch f := fold(s); {
	case f == "nvt" || f == "nietnodig" || f == "nietvantoepassing":
		return AgreementNotNeeded, ""
	case f == "vogetekend" || f == "getekend" || f == "ondertekend" || f == "vogesloten":
		return AgreementSigned, ""
	case f == "conceptvogestuurd" || f == "conceptvoverstuurd" || f == "conceptverstuurd":
		return AgreementDraftSent, ""
	case has(" niet noodzakelijk", " niet nodig", " not needed", " nvt "):
		return AgreementNotNeeded, s
	case has(" concept ", " draft "):
		return AgreementDraftSent, s
	case has("onderhandel", "negotiat"):
		return AgreementNegotiating, s
	case has("getekend", " signed", "maakt deel uit"):
		// "maakt deel uit van licentieovk." : the terms are in the licence.
		return AgreementSigned, s
	}
	return AgreementNone, s
}

func parseKind(s string) (DataKind, error) {
	if strings.TrimSpace(s) == "" {
		return KindOrdinary, nil
	}
	if v, ok := fromLabel(kindLabels, s); ok {
		return v, nil
	}
	switch fold(s) {
	case "bijzondere", "bijzonderepersoonsgegevens", "art9":
		return KindSpecial, nil
	case "strafrechtelijke", "art10":
		return KindCriminal, nil
	case "normaal", "regular", "gewone":
		return KindOrdinary, nil
	}
	return "", errMsg("Unknown kind of data %q.", s)
}

// guessKind gives a data category named without a kind the kind its name
// suggests, so "BSN" or "gezondheidsgegevens" are not filed as ordinary.
func guessKind(name string) DataKind {
	w := foldWords(name)
	switch {
	case strings.Contains(w, "bsn") || strings.Contains(w, "burgerservicenummer"):
		return KindBSN
	case containsAny(w, "gezondheid", "medisch", "health", "religie", "etnisch", "biometri", "vakbond", "seksue", "politiek", "bijzondere"):
		return KindSpecial
	case containsAny(w, "strafrecht", "criminal", "justitieel"):
		return KindCriminal
	case containsAny(w, "iban", "bankrekening", "financ", "salaris", "creditcard"):
		return KindFinancial
	case containsAny(w, "wachtwoord", "password", "inlog", "credential"):
		return KindCredentials
	}
	return KindOrdinary
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var basisWords = map[string]LawfulBasis{
	"toestemming": "a", "consent": "a",
	"overeenkomst": "b", "contract": "b", "uitvoeringovereenkomst": "b", "uitvoeringvaneenovereenkomst": "b",
	"wettelijkeverplichting": "c", "legalobligation": "c", "wet": "c",
	"vitaalbelang": "d", "vitalebelangen": "d", "vitalinterests": "d", "vitalinterest": "d",
	"algemeenbelang": "e", "publieketaak": "e", "publictask": "e", "taakvanalgemeenbelang": "e",
	"gerechtvaardigdbelang": "f", "legitimateinterests": "f", "legitimateinterest": "f",
	// CISO Assistant's keys and labels, the government register's words.
	"privacyconsent": "a", "privacycontract": "b", "performanceofacontract": "b", "privacylegalobligation": "c",
	"compliancewithalegalobligation": "c", "privacyvitalinterests": "d", "protectionofvitalinterests": "d",
	"privacypublicinterest": "e", "performanceofataskinthepublicinterest": "e", "privacylegitimateinterests": "f",
	"toestemmingbetrokkene": "a", "wettelijkeplicht": "c", "vitalebelangenbetrokkene": "d",
	"publiekrechtelijketaak": "e", "algemeenbelangopenbaargezag": "e", "gerechtvaardigdebelangen": "f",
}

var letterRE = regexp.MustCompile(`^(?:art(?:ikel)?)?(?:6|9)?(?:1|2)?([a-j])$`)

// parseLetter reads "b", "6.1.b", "art. 6(1)(b)", "Art 9 lid 2 sub a".
func parseLetter(s string) (string, bool) {
	f := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(fold(s), "lid", ""), "sub", ""), "onder", "")
	if m := letterRE.FindStringSubmatch(f); m != nil {
		return m[1], true
	}
	return "", false
}

func parseBasis(s string) (LawfulBasis, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	if b, ok := basisWords[fold(s)]; ok {
		return b, nil
	}
	if l, ok := parseLetter(s); ok && l <= "f" {
		return LawfulBasis(l), nil
	}
	return "", errMsg("Unknown lawful basis %q: use a letter a-f of art. 6(1).", s)
}

func parseException(s string) (SpecialException, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	if l, ok := parseLetter(s); ok {
		return SpecialException(l), nil
	}
	return "", errMsg("Unknown exception %q: use a letter a-j of art. 9(2).", s)
}

var unitWords = map[string]Unit{
	"dag": Days, "dagen": Days, "day": Days, "days": Days, "d": Days,
	"week": Weeks, "weken": Weeks, "weeks": Weeks, "wk": Weeks,
	"maand": Months, "maanden": Months, "month": Months, "months": Months, "mnd": Months, "mndn": Months,
	"jaar": Years, "jaren": Years, "year": Years, "years": Years, "jr": Years, "yr": Years, "yrs": Years,
}

var retentionRE = regexp.MustCompile(`(?i)^(\d{1,4})\s*(\pL+)\.?(?:\s+(?:na|after|vanaf|from|following)\s+(.+?))?\.?$`)

// ParseRetention reads "7 jaar", "4 weken", "2 jaar na einde lidmaatschap"
// or "5 years after leaving" into Amount, Unit and StartEvent; anything else
// ("proc.", "zolang nodig") is kept as Text. "nvt" and "" give no retention.
func ParseRetention(s string) Retention {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return Retention{}
	}
	if m := retentionRE.FindStringSubmatch(s); m != nil {
		if u, ok := unitWords[strings.ToLower(m[2])]; ok {
			n, _ := strconv.Atoi(m[1])
			return Retention{Amount: n, Unit: u, StartEvent: strings.TrimSpace(m[3])}
		}
	}
	return Retention{Text: s}
}

var unitLabels = map[Unit][4]string{ // en one, en many, nl one, nl many
	Days: {"day", "days", "dag", "dagen"}, Weeks: {"week", "weeks", "week", "weken"},
	Months: {"month", "months", "maand", "maanden"}, Years: {"year", "years", "jaar", "jaar"},
}

// Format writes r so that ParseRetention reads it back.
func (r Retention) Format(lang string) string {
	if r.Unit == "" {
		return r.Text
	}
	ls := unitLabels[r.Unit]
	i := 0
	if r.Amount != 1 {
		i = 1
	}
	if lang == "nl" {
		i += 2
	}
	s := fmt.Sprintf("%d %s", r.Amount, ls[i])
	if r.StartEvent != "" {
		if lang == "nl" {
			s += " na " + r.StartEvent
		} else {
			s += " after " + r.StartEvent
		}
	}
	return s
}

var dateLayouts = []string{"2006-01-02", "2-1-2006", "02-01-2006", "2/1/2006", "02/01/2006", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04"}

func parseDate(s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || isNone(s) {
		return nil, nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			t = t.UTC()
			return &t, nil
		}
	}
	return nil, errMsg("Not a date: %q (use YYYY-MM-DD).", s)
}

func formatDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// cellError is a message id with arguments, turned into an apperr for the
// row and column by the importer.
type cellError struct {
	msg  string
	args []any
}

func (e *cellError) Error() string { return fmt.Sprintf(e.msg, e.args...) }

func errMsg(msg string, args ...any) error { return &cellError{msg, args} }
