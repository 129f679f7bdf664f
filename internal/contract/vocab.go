package contract

import (
	"regexp"
	"strings"
)

// Role words (normalised text). Sub-processor words are matched first so
// that "subverwerker" is never read as "verwerker" ("sub-" is folded away by
// normalize).
const (
	procWords = `verwerker|bewerker|opdrachtnemer|leverancier|dienstverlener|processor|data processor|supplier|vendor|service provider|contractor|provider`
	ctrlWords = `verwerkingsverantwoordelijke|verwerkersverantwoordelijke|verantwoordelijke|opdrachtgever|onderwijsinstelling|instelling|klant|afnemer|school|bibliotheek|gemeente|controller|data controller|customer|client|licensee|licentienemer|subscriber|abonnee`
	subWords  = `subverwerkers?|subbewerkers?|subprocessors?|hulpleveranciers?|onderaannemers?|subcontractors?|andere verwerkers?|another processor|other processors?|third[- ]party (?:service )?providers?|sub-processors?|nevenverwerkers?`
)

var (
	reProc       = lazyCompile(`\b(?:` + procWords + `)s?\b`)
	reCtrl       = lazyCompile(`\b(?:` + ctrlWords + `)s?\b`)
	reSub        = lazyCompile(`\b(?:` + subWords + `)\b|(?:inschakel\w*|inzet\w*|gebruik (?:te )?maken|in te schakelen|engage|engaging|use) (?:van )?(?:derden|third parties)|derden (?:in te schakelen|inschakelen)|(?:verwerk\w*|opslaan|opgeslagen|hosten|onderbreng\w*|uitbested\w*) (?:\w+ ){0,3}(?:bij|door) derden`)
	reSubHeading = lazyCompile(`\b(?:` + subWords + `|derden|third part|onderaannemer)`)

	reAuthority = lazyCompile(`autoriteit persoonsgegevens|\bap\b|toezichthoud|toezichthouder|supervisory authorit|\bauthorit(?:y|ies)\b|regulator|\bico\b|data protection authorit`)
)

// subMatch reports a sub-processor word in n (keyword gate first).
func subMatch(n string) bool {
	for _, w := range topicWords[2].words {
		if strings.Contains(n, w) {
			return reSub.MatchString(n)
		}
	}
	return false
}

// roleAt returns "processor", "controller", "sub" or "" for the first role
// word in s at or after byte i.
func firstRole(s string) (role string, pos int) {
	pos = len(s) + 1
	if subMatch(s) {
		if m := reSub.FindStringIndex(s); m != nil && m[0] < pos {
			role, pos = "sub", m[0]
		}
	}
	if m := reProc.FindStringIndex(s); m != nil && m[0] < pos {
		role, pos = "processor", m[0]
	}
	if m := reCtrl.FindStringIndex(s); m != nil && m[0] < pos {
		role, pos = "controller", m[0]
	}
	return role, pos
}

// roleOfWord classifies a single role word ("Verwerker", "Onderwijsinstelling").
func roleOfWord(w string) string {
	w = strings.Trim(normalize(w), `"'*.,:;() `)
	switch {
	case w == "":
		return ""
	case subMatch(w):
		return "sub"
	case reCtrl.MatchString(w):
		return "controller"
	case reProc.MatchString(w):
		return "processor"
	}
	return ""
}

// countries maps lower-case country and city names to ISO 3166 codes.
var countries = map[string]string{
	"nederland": "NL", "netherlands": "NL", "the netherlands": "NL", "holland": "NL", "nl": "NL",
	"amsterdam": "NL", "rotterdam": "NL", "den haag": "NL", "the hague": "NL", "utrecht": "NL", "eindhoven": "NL",
	"groningen": "NL", "breda": "NL", "rijswijk": "NL", "enschede": "NL", "hengelo": "NL", "zwolle": "NL",
	"almere": "NL", "haarlem": "NL", "arnhem": "NL", "nijmegen": "NL", "tilburg": "NL", "leiden": "NL",
	"delft": "NL", "maastricht": "NL", "apeldoorn": "NL", "amersfoort": "NL", "schiphol": "NL", "naaldwijk": "NL",
	"ierland": "IE", "ireland": "IE", "dublin": "IE", "ie": "IE",
	"duitsland": "DE", "germany": "DE", "deutschland": "DE", "frankfurt": "DE", "berlijn": "DE", "berlin": "DE",
	"freiburg": "DE", "münchen": "DE", "munchen": "DE", "munich": "DE", "hamburg": "DE", "keulen": "DE", "köln": "DE", "dusseldorf": "DE", "düsseldorf": "DE",
	"belgië": "BE", "belgie": "BE", "belgium": "BE", "brussel": "BE", "brussels": "BE", "antwerpen": "BE", "gent": "BE",
	"frankrijk": "FR", "france": "FR", "parijs": "FR", "paris": "FR",
	"luxemburg": "LU", "luxembourg": "LU",
	"verenigd koninkrijk": "GB", "united kingdom": "GB", "uk": "GB", "engeland": "GB", "england": "GB", "great britain": "GB", "londen": "GB", "london": "GB",
	"verenigde staten": "US", "united states": "US", "vs": "US", "usa": "US", "u.s.": "US", "us": "US", "amerika": "US", "america": "US",
	"california": "US", "californië": "US", "seattle": "US", "new york": "US", "virginia": "US", "oregon": "US", "san francisco": "US",
	"zweden": "SE", "sweden": "SE", "stockholm": "SE", "finland": "FI", "helsinki": "FI", "denemarken": "DK", "denmark": "DK",
	"kopenhagen": "DK", "copenhagen": "DK", "noorwegen": "NO", "norway": "NO", "oslo": "NO", "spanje": "ES", "spain": "ES",
	"madrid": "ES", "italië": "IT", "italy": "IT", "milaan": "IT", "milan": "IT", "polen": "PL", "poland": "PL", "warschau": "PL", "warsaw": "PL",
	"oostenrijk": "AT", "austria": "AT", "wenen": "AT", "vienna": "AT", "zwitserland": "CH", "switzerland": "CH", "zürich": "CH", "zurich": "CH",
	"portugal": "PT", "lissabon": "PT", "lisbon": "PT", "tsjechië": "CZ", "czech republic": "CZ", "praag": "CZ", "prague": "CZ",
	"india": "IN", "bangalore": "IN", "mumbai": "IN", "canada": "CA", "toronto": "CA", "israël": "IL", "israel": "IL",
	"japan": "JP", "tokyo": "JP", "australië": "AU", "australia": "AU", "singapore": "SG", "china": "CN", "oekraïne": "UA", "ukraine": "UA",
	"estland": "EE", "estonia": "EE", "letland": "LV", "latvia": "LV", "litouwen": "LT", "lithuania": "LT", "roemenië": "RO", "romania": "RO",
	"bulgarije": "BG", "bulgaria": "BG", "hongarije": "HU", "hungary": "HU", "griekenland": "GR", "greece": "GR", "kroatië": "HR", "croatia": "HR",
	"slowakije": "SK", "slovakia": "SK", "slovenië": "SI", "slovenia": "SI", "cyprus": "CY", "malta": "MT", "ijsland": "IS", "iceland": "IS",
	"liechtenstein": "LI", "filipijnen": "PH", "philippines": "PH", "brazilië": "BR", "brazil": "BR", "zuid-afrika": "ZA", "south africa": "ZA",
	"nieuw-zeeland": "NZ", "new zealand": "NZ", "zuid-korea": "KR", "south korea": "KR", "argentinië": "AR", "argentina": "AR",
}

var reCountry = func() *lazyRegexp {
	names := make([]string, 0, len(countries))
	for k := range countries {
		names = append(names, regexp.QuoteMeta(k))
	}
	// longest first
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && len(names[j]) > len(names[j-1]); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return lazyCompile(`(?:^|[^\p{L}])(` + strings.Join(names, "|") + `)(?:$|[^\p{L}])`)
}()

// countryOf finds the country a location names, or "" when it names none
// or several.
func countryOf(loc string) string {
	n := normalize(loc)
	// "us"/"vs"/"nl"/"ie"/"uk" only count as country codes in upper case in the original
	code := ""
	for _, m := range reCountry.FindAllStringSubmatchIndex(n, -1) {
		w := n[m[2]:m[3]]
		if len(w) <= 3 && !strings.Contains(loc, strings.ToUpper(w)) {
			continue
		}
		c := countries[w]
		if code != "" && code != c {
			// "Amsterdam, Nederland" agrees; "Ierland en VS" does not
			return ""
		}
		code = c
	}
	return code
}

// hasNegation reports a negation word in s.
var reNegation = lazyCompile(`\b(?:niet|geen|nooit|not|no|never|nor|cannot|can't|shall not|may not|zonder)\b`)
