package contract

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// numberWords maps Dutch and English number words (lower case) to values.
var numberWords = buildNumberWords()

func buildNumberWords() map[string]int {
	m := map[string]int{}
	nlUnits := []string{"", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"}
	nlTeens := []string{"tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"}
	nlTens := []string{"", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"}
	enUnits := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	enTeens := []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i := 1; i <= 9; i++ {
		m[nlUnits[i]] = i
		m[enUnits[i]] = i
	}
	m["één"] = 1
	m["eén"] = 1
	for i := 0; i <= 9; i++ {
		m[nlTeens[i]] = 10 + i
		m[enTeens[i]] = 10 + i
	}
	for t := 2; t <= 9; t++ {
		m[nlTens[t]] = t * 10
		m[enTens[t]] = t * 10
		for u := 1; u <= 9; u++ {
			sep := "en"
			if strings.HasSuffix(nlUnits[u], "e") {
				m[nlUnits[u]+"ën"+nlTens[t]] = t*10 + u
			}
			m[nlUnits[u]+sep+nlTens[t]] = t*10 + u
			m[enTens[t]+"-"+enUnits[u]] = t*10 + u
			m[enTens[t]+" "+enUnits[u]] = t*10 + u
		}
	}
	m["honderd"] = 100
	m["hundred"] = 100
	m["a"] = 1 // "a week", "a month"
	return m
}

var numberWordAlt = func() string {
	ws := make([]string, 0, len(numberWords))
	for w := range numberWords {
		ws = append(ws, regexp.QuoteMeta(w))
	}
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	return strings.Join(ws, "|")
}()

// duration is a period found in a sentence.
type duration struct {
	Value int
	Unit  string // "hour", "day", "workday", "week", "month", "year"
	Pos   int    // byte offset in the normalised sentence
	End   int
	Text  string
}

var reDuration = lazyCompile(`(?:^|[^\p{L}\d])((\d{1,4})|(\p{L}+(?:-\p{L}+)?))[)\]]?(?:\s*\(\s*(?:(\d{1,4})|\p{L}+(?:-\p{L}+)?)\s*\))?\s*-?\s*(uur|uren|u\b|hours?|hrs?\b|h\b|kalenderdagen|werkdagen|werkdag|business days?|working days?|dagen|dag|days?|weken|week|weeks?|maanden|maand|months?|jaren|jaar|years?)\b`)

var reUnitHint = lazyCompile(`uur|uren|hour|hrs|\dh\b|\d u\b|\dd h\b|dag|day|week|weken|maand|month|jaar|jaren|year`)

// durations lists the periods in a normalised sentence.
func durations(norm string) []duration {
	if !reUnitHint.MatchString(norm) {
		return nil
	}
	var out []duration
	for _, m := range reDuration.FindAllStringSubmatchIndex(norm, -1) {
		val := -1
		pos := m[2]
		if m[4] >= 0 {
			val, _ = strconv.Atoi(norm[m[4]:m[5]])
		} else if m[6] >= 0 {
			w := norm[m[6]:m[7]]
			if _, ok := numberWords[w]; !ok {
				if m[8] < 0 {
					continue
				}
				// "binnen (24) uur": the word is no number, the bracket is
				pos = m[8]
				w = ""
			}
			// "twenty four hours"
			if v := numberWords[w]; w != "" && v < 10 {
				before := strings.TrimRight(norm[:m[6]], " ")
				if k := strings.LastIndex(before, " "); k >= 0 {
					if tens, ok := numberWords[before[k+1:]]; ok && tens >= 20 && tens%10 == 0 {
						w = before[k+1:] + " " + w
					}
				}
			}
			if w == "a" || w == "een" || w == "one" {
				// "een" is also the article; only accept it before week/month/year/day
				u := norm[m[10]:m[11]]
				if strings.HasPrefix(u, "u") || strings.HasPrefix(u, "h") {
					if w != "one" {
						continue
					}
				}
			}
			val = numberWords[w]
		}
		if m[8] >= 0 { // "achtenveertig (48) uur": the digits decide
			val, _ = strconv.Atoi(norm[m[8]:m[9]])
		}
		if val <= 0 {
			continue
		}
		u := norm[m[10]:m[11]]
		unit := ""
		switch {
		case strings.HasPrefix(u, "werkdag") || strings.HasPrefix(u, "business") || strings.HasPrefix(u, "working"):
			unit = "workday"
		case strings.HasPrefix(u, "uur") || strings.HasPrefix(u, "ure") || u == "u" || strings.HasPrefix(u, "hour") || strings.HasPrefix(u, "hr") || u == "h":
			unit = "hour"
		case strings.HasPrefix(u, "kalenderdag") || strings.HasPrefix(u, "dag") || strings.HasPrefix(u, "day"):
			unit = "day"
		case strings.HasPrefix(u, "week") || strings.HasPrefix(u, "weken"):
			unit = "week"
		case strings.HasPrefix(u, "maand") || strings.HasPrefix(u, "month"):
			unit = "month"
		case strings.HasPrefix(u, "jaar") || strings.HasPrefix(u, "jaren") || strings.HasPrefix(u, "year"):
			unit = "year"
		}
		out = append(out, duration{Value: val, Unit: unit, Pos: pos, End: m[1], Text: strings.TrimSpace(norm[pos:m[1]])})
	}
	return out
}

// hours converts a duration to hours when that is exact.
func (d duration) hours() (int, bool) {
	switch d.Unit {
	case "hour":
		return d.Value, true
	case "day":
		return d.Value * 24, true
	case "week":
		return d.Value * 7 * 24, true
	}
	return 0, false
}

// days converts a duration to days (a month counts as 30).
func (d duration) days() (int, bool) {
	switch d.Unit {
	case "day", "workday":
		return d.Value, true
	case "week":
		return d.Value * 7, true
	case "month":
		return d.Value * 30, true
	}
	return 0, false
}

// amount is a sum of money in a sentence.
type amount struct {
	EUR float64
	Pos int
	End int
}

var (
	reAmountPre  = lazyCompile(`(?:€|\beur\b|\beuro\b)\s*\.?\s*(\d[\d.,' ]*\d|\d)(?:\s*(miljoen|million|mln|duizend|thousand|k\b))?`)
	reAmountPost = lazyCompile(`(?:^|[^\d.,])(\d[\d.,]*\d|\d)\s*(miljoen|million|mln|duizend|thousand)?\s*(?:€|\beuro\b|\beur\b)`)
	reAmountWord = lazyCompile(`\b((?:` + numberWordAlt + `)?(?:honderd)?(?:duizend|miljoen)|(?:` + numberWordAlt + `)\s+(?:thousand|million))\s*(?:euro|eur|€)`)
)

// amounts lists sums of money in euro in a normalised sentence.
func amounts(norm string) []amount {
	if !strings.Contains(norm, "eur") && !strings.Contains(norm, "€") {
		return nil
	}
	var out []amount
	seen := map[int]bool{}
	add := func(v float64, pos, end int) {
		if v <= 0 || seen[pos] {
			return
		}
		seen[pos] = true
		out = append(out, amount{EUR: v, Pos: pos, End: end})
	}
	for _, m := range reAmountPre.FindAllStringSubmatchIndex(norm, -1) {
		v := parseAmount(norm[m[2]:m[3]])
		if m[4] >= 0 {
			v *= multiplier(norm[m[4]:m[5]])
		}
		add(v, m[0], m[1])
	}
	for _, m := range reAmountPost.FindAllStringSubmatchIndex(norm, -1) {
		v := parseAmount(norm[m[2]:m[3]])
		if m[4] >= 0 {
			v *= multiplier(norm[m[4]:m[5]])
		}
		add(v, m[2], m[1])
	}
	if !strings.Contains(norm, "duizend") && !strings.Contains(norm, "miljoen") && !strings.Contains(norm, "thousand") && !strings.Contains(norm, "million") {
		sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
		return out
	}
	for _, m := range reAmountWord.FindAllStringSubmatchIndex(norm, -1) {
		add(parseWordAmount(norm[m[2]:m[3]]), m[2], m[1])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

func multiplier(w string) float64 {
	switch w {
	case "miljoen", "million", "mln":
		return 1e6
	case "duizend", "thousand", "k":
		return 1e3
	}
	return 1
}

// parseAmount reads "5.000,00", "1,000,000", "25.000", "5000", "1.5".
func parseAmount(s string) float64 {
	s = strings.NewReplacer(" ", "", "'", "").Replace(s)
	s = strings.TrimRight(s, ".,")
	lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	var dec string
	switch {
	case lastDot >= 0 && lastComma >= 0:
		if lastComma > lastDot {
			dec = ","
		} else {
			dec = "."
		}
	case lastDot >= 0 || lastComma >= 0:
		sep := "."
		if lastComma >= 0 {
			sep = ","
		}
		parts := strings.Split(s, sep)
		thousands := len(parts) > 1
		for _, p := range parts[1:] {
			if len(p) != 3 {
				thousands = false
			}
		}
		if !thousands {
			dec = sep
		}
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case string(r) == dec:
			b.WriteRune('.')
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// parseWordAmount reads "vijfduizend", "honderdduizend", "een miljoen", "five thousand".
func parseWordAmount(s string) float64 {
	s = strings.TrimSpace(s)
	for _, big := range []struct {
		w string
		v float64
	}{{"miljoen", 1e6}, {"million", 1e6}, {"duizend", 1e3}, {"thousand", 1e3}} {
		if i := strings.Index(s, big.w); i >= 0 {
			head := strings.TrimSpace(s[:i])
			if head == "" {
				return big.v
			}
			n := 0.0
			if strings.HasPrefix(head, "honderd") && head != "honderd" {
				n = 100
				head = strings.TrimPrefix(head, "honderd")
			}
			if strings.HasSuffix(head, "honderd") && head != "honderd" {
				if v, ok := numberWords[strings.TrimSuffix(head, "honderd")]; ok {
					return float64(v*100) * big.v
				}
			}
			if v, ok := numberWords[head]; ok {
				n += float64(v)
			} else if n == 0 {
				return 0
			}
			return n * big.v
		}
	}
	return 0
}
