package contract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is one sentence of the agreement with where it stands.
type sentence struct {
	Start, End int    // code-point offsets of Text in the original text
	Text       string // exact original text
	Norm       string // lower case, markdown and extra whitespace removed
	Clause     string // nearest preceding clause number as printed, or ""
	Para       int    // index of the paragraph in doc.paras
	Heading    string // normalised heading of the article or annex it stands in
	InAnnex    bool
	Topics     uint32
}

// paragraph is a run of lines that belong together (one numbered clause,
// one list item, one table row).
type paragraph struct {
	Start, End int
	Norm       string
	Clause     string
	Heading    string
	First, N   int // sentences
	Topics     uint32
}

// line is one line of the original text.
type line struct {
	Start, End int // code-point offsets
	Text       string
	Label      string // clause label printed at its start, if any
	Heading    bool   // an article or annex heading
	List       bool   // starts with a list marker
	Level      int    // markdown heading level (number of #), 0 otherwise
}

type doc struct {
	text  string
	runes []rune
	lines []line
	paras []paragraph
	sents []sentence

	subHeading map[string]bool // cache: heading is about sub-processors
	endHeading map[string]bool // cache: heading is about the end of the agreement
	paraCache  map[paraKey]bool
	headCache  map[headKey]bool

	leadInCache map[int]string // paragraph -> lead-in of its list, or ""
}

type headKey struct {
	heading string
	re      *lazyRegexp
}

// headMatch reports whether re matches heading (memoised: many sentences
// share one heading).
func (d *doc) headMatch(re *lazyRegexp, heading string) bool {
	if heading == "" {
		return false
	}
	k := headKey{heading, re}
	v, ok := d.headCache[k]
	if !ok {
		v = re.MatchString(heading)
		d.headCache[k] = v
	}
	return v
}

type paraKey struct {
	para int
	re   *lazyRegexp
}

// paraMatch reports whether re matches the paragraph of s (memoised).
func (d *doc) paraMatch(re *lazyRegexp, s *sentence) bool {
	k := paraKey{s.Para, re}
	v, ok := d.paraCache[k]
	if !ok {
		v = re.MatchString(d.paraOf(s))
		d.paraCache[k] = v
	}
	return v
}

var (
	reArticle    = lazyCompile(`(?i)^[\s\-*•>#]*(?:\d{1,2}\s+)?(?:\*\*)?((?:artikel|article|art\.|clause|section|hoofdstuk|paragraaf)\s+\d{1,3}[a-z]?)\b`)
	reAnnex      = lazyCompile(`(?i)^[\s\-*•>#]*(?:\*\*)?((?:bijlage|annex|appendix|schedule|addendum|attachment)\s+(?:[0-9]{1,2}[a-z]?|[A-Z][0-9]?|[IVX]{1,4})\b)`)
	reDotted     = lazyCompile(`^[\s\-*•>]*(?:\*\*)?(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\*\*)*(?:\s|$)`)
	reNumHeading = lazyCompile(`^\s*(?:\*\*)?(\d{1,2})\.?(?:\*\*)?\s+\p{Lu}[\p{L} ,&/'()-]{2,58}(?:\*\*)?$`)
	reBareNum    = lazyCompile(`^[\s\-*•>]*(?:\*\*)?(\d{1,2})[.)](?:\*\*)?\s+\S`)
	reMdHeading  = lazyCompile(`^\s{0,3}(#{1,6})\s+(\S.*)$`)
	reMdNumber   = lazyCompile(`^(?:\*\*)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\*\*)?(?:\s|$)`)
	reListMark   = lazyCompile(`^\s*(?:[-*•o▪◦\x{f0b7}●■➢►–]\s|\(?[a-zA-Z0-9]{1,3}[.)]{1,2}\)?(?:\*\*)?\s|\(?[ivx]{1,4}\)\s)`)
)

// abbreviations after which a full stop does not end a sentence.
var abbreviations = map[string]bool{
	"bijv": true, "i.p.v": true, "art": true, "nr": true, "o.a": true, "e.g": true, "i.e": true,
	"b.v": true, "n.v": true, "c.q": true, "t.a.v": true, "m.b.t": true, "z.s.m": true, "dhr": true,
	"mevr": true, "mr": true, "drs": true, "ir": true, "dr": true, "jo": true, "incl": true, "excl": true,
	"etc": true, "vs": true, "no": true, "sub": true, "resp": true, "ca": true, "max": true, "min": true,
	"bv": false, "lid": false, "m.n": true, "d.w.z": true, "a.d.h.v": true, "t/m": true, "tbv": false,
	"inc": true, "ltd": true, "co": true, "corp": true, "st": true, "mrs": true, "ms": true, "prof": true,
	"cf": true, "viz": true, "para": true, "sec": true, "ca.": true, "nl": false,
}

// segment splits text into lines, paragraphs and sentences.
func segment(text string) *doc {
	d := &doc{text: text, runes: []rune(text), subHeading: map[string]bool{}, endHeading: map[string]bool{}, headCache: map[headKey]bool{}, paraCache: map[paraKey]bool{}}
	d.splitLines()
	d.buildParagraphs()
	return d
}

func (d *doc) splitLines() {
	start := 0
	lineStart := 0 // byte offset
	pos := 0       // rune offset
	for i, r := range d.text {
		if r == '\n' {
			d.addLine(lineStart, i, start, pos)
			lineStart = i + 1
			start = pos + 1
		}
		pos++
	}
	d.addLine(lineStart, len(d.text), start, pos)
}

func (d *doc) addLine(b0, b1, r0, r1 int) {
	t := d.text[b0:b1]
	if strings.HasSuffix(t, "\r") {
		t = t[:len(t)-1]
		r1--
	}
	l := line{Start: r0, End: r1, Text: t}
	if m := reArticle.FindStringSubmatch(t); m != nil {
		l.Label = collapseSpaces(m[1])
		l.Heading = true
	} else if m := reAnnex.FindStringSubmatch(t); m != nil {
		l.Label = collapseSpaces(m[1])
		l.Heading = true
	} else if m := reDotted.FindStringSubmatch(t); m != nil {
		l.Label = m[1]
	} else if m := reNumHeading.FindStringSubmatch(t); m != nil && utf8.RuneCountInString(t) <= 60 {
		// "10. Term and termination": a numbered article heading
		l.Label = m[1]
		l.Heading = true
	}
	if m := reMdHeading.FindStringSubmatch(t); m != nil {
		// "## 7. Data breach notification", "### Approved Sub-processors"
		l.Heading = true
		l.Level = len(m[1])
		if l.Label == "" {
			if n := reMdNumber.FindStringSubmatch(m[2]); n != nil {
				l.Label = n[1]
			}
		}
	}
	if l.Label == "" && reListMark.MatchString(t) {
		l.List = true
	}
	d.lines = append(d.lines, l)
}

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

func (d *doc) buildParagraphs() {
	curClause, curHeading, curArt := "", "", ""
	inAnnex := false
	// markdown headings nest: "## Article 7: Data breach" / "### 7.1 Notification"
	type head struct {
		level int
		norm  string
	}
	var stack []head
	var p *paragraph
	flush := func() {
		if p == nil {
			return
		}
		d.paras = append(d.paras, *p)
		idx := len(d.paras) - 1
		d.splitSentences(idx, inAnnex)
		p = nil
	}
	prevEndsBlock := true
	for _, l := range d.lines {
		trim := strings.TrimSpace(l.Text)
		if trim == "" {
			flush()
			prevEndsBlock = true
			continue
		}
		newPara := prevEndsBlock || l.Label != "" || l.List || strings.ContainsAny(trim, "|\t")
		if l.Heading {
			level := l.Level
			if level == 0 {
				stack = stack[:0] // "Artikel 7": a new article
			}
			for len(stack) > 0 && stack[len(stack)-1].level >= level {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, head{level, normalize(trim)})
			if len(stack) == 1 {
				curHeading = stack[0].norm
			} else {
				parts := make([]string, len(stack))
				for k, h := range stack {
					parts[k] = h.norm
				}
				curHeading = strings.Join(parts, " / ")
			}
			if l.Label != "" {
				curClause = l.Label
				low := strings.ToLower(l.Label)
				inAnnex = !(low[0] >= '0' && low[0] <= '9' || strings.HasPrefix(low, "art") || strings.HasPrefix(low, "clause") || strings.HasPrefix(low, "section") || strings.HasPrefix(low, "hoofdstuk") || strings.HasPrefix(low, "paragraaf"))
				if !inAnnex {
					curArt = firstNumber(l.Label)
				} else {
					curArt = ""
				}
			}
		} else if l.Label != "" {
			curClause = l.Label
		} else if m := reBareNum.FindStringSubmatch(l.Text); m != nil && curArt != "" {
			curClause = curArt + "." + m[1]
		}
		if newPara {
			flush()
			p = &paragraph{Start: l.Start, End: l.End, Clause: curClause, Heading: curHeading}
		} else {
			p.End = l.End
		}
		last := trim[len(trim)-1]
		prevEndsBlock = strings.ContainsRune(".:;!?|", rune(last)) || utf8.RuneCountInString(trim) < 45 || strings.ContainsAny(trim, "|\t")
	}
	flush()
}

func firstNumber(s string) string {
	i := strings.IndexFunc(s, unicode.IsDigit)
	if i < 0 {
		return ""
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return s[i:j]
}

// splitSentences cuts paragraph idx into sentences.
func (d *doc) splitSentences(idx int, inAnnex bool) {
	p := &d.paras[idx]
	p.First = len(d.sents)
	rs := d.runes[p.Start:p.End]
	start := 0
	// "**Processor obligations**: instructions; confidentiality; audits.":
	// a label over items separated by semicolons is a list written on one
	// line; each item is a sentence read with the label before it
	label, labelEnd := labelList(rs)
	emit := func(end int) {
		a, b := start, end
		for a < b && (unicode.IsSpace(rs[a]) || rs[a] == '-' || rs[a] == '•' || rs[a] == '*') {
			a++
		}
		for b > a && (unicode.IsSpace(rs[b-1]) || rs[b-1] == '*') {
			b--
		}
		start = end
		if b-a < 2 {
			return
		}
		t := string(rs[a:b])
		n := normalize(t)
		if label != "" && a >= labelEnd {
			n = label + " " + n
		}
		d.sents = append(d.sents, sentence{
			Start: p.Start + a, End: p.Start + b, Text: t, Norm: n, Topics: topicsOf(n),
			Clause: p.Clause, Para: idx, Heading: p.Heading, InAnnex: inAnnex,
		})
	}
	if label != "" {
		emit(labelEnd)
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if label != "" && r == ';' && i > labelEnd {
			emit(i + 1)
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		// must be followed by whitespace and an upper-case letter, digit or bullet
		j := i + 1
		for j < len(rs) && (rs[j] == '*' || rs[j] == '"' || rs[j] == '”' || rs[j] == ')') {
			j++
		}
		if j >= len(rs) || !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && !(unicode.IsUpper(rs[k]) || unicode.IsDigit(rs[k]) || strings.ContainsRune("-•*\"“‘(", rs[k])) {
			continue
		}
		if r == '.' {
			w := i - 1
			for w >= start && !unicode.IsSpace(rs[w]) && rs[w] != '(' {
				w--
			}
			word := strings.ToLower(strings.Trim(string(rs[w+1:i]), "*\"“("))
			if abbreviations[word] || (utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0])) {
				continue
			}
			// "1." or "a.)" list markers at the start of a paragraph are no sentence
			if strings.TrimSpace(strings.Trim(string(rs[start:i]), "-•*() ")) == word && len(word) <= 3 {
				continue
			}
		}
		emit(j)
	}
	emit(len(rs))
	p.N = len(d.sents) - p.First
	for i := p.First; i < len(d.sents); i++ {
		p.Topics |= d.sents[i].Topics
	}
}

// normalize lower-cases s and collapses whitespace and markdown for
// matching: quotes and dashes are made plain, "*" is dropped, "\t" becomes
// " | " (a table cell) and "sub-" is folded into "sub".
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading space
	for _, r := range s {
		switch r {
		case '*':
			continue
		case '\u00a0', '\r', '\n', ' ', '\v', '\f':
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		case '\t':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("| ")
			space = true
			continue
		case '’', '‘':
			r = '\''
		case '“', '”', '„':
			r = '"'
		case '‑', '–', '—':
			r = '-'
		}
		if r < 128 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			if r == '-' || r == ' ' {
				// fold "sub-" / "sub " into "sub"
				cur := b.String()
				if strings.HasSuffix(cur, "sub") && (len(cur) == 3 || !isLetterByte(cur[len(cur)-4])) {
					continue
				}
			}
			b.WriteByte(byte(r))
		} else {
			if unicode.IsSpace(r) {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			b.WriteRune(unicode.ToLower(r))
		}
		space = false
	}
	out := b.String()
	return strings.TrimRight(out, " ")
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 0x80 }

// paraOf returns the normalised paragraph text of sentence s.
func (d *doc) paraOf(s *sentence) string {
	p := &d.paras[s.Para]
	if p.Norm == "" {
		p.Norm = normalize(string(d.runes[p.Start:p.End]))
	}
	return p.Norm
}

// quote builds evidence from a sentence.
func (d *doc) evidence(s *sentence) Evidence {
	var c *string
	if s.Clause != "" {
		cl := s.Clause
		c = &cl
	}
	return Evidence{Clause: c, Quote: s.Text, Start: s.Start, End: s.End}
}

// isListPara reports whether paragraph i starts with a list marker.
func (d *doc) isListPara(i int) bool {
	p := d.paras[i]
	end := p.Start + 8
	if end > p.End {
		end = p.End
	}
	return reListMark.MatchString(string(d.runes[p.Start:end]))
}

// leadIn returns the normalised lead-in of list item s: the nearest
// paragraph before the list that ends with a colon ("Verwerker zal:",
// "De klant heeft recht op:"), or "" when s is not a list item under one.
func (d *doc) leadIn(s *sentence) string {
	if s.Para < 1 {
		return ""
	}
	if d.leadInCache == nil {
		d.leadInCache = make(map[int]string)
	}
	if v, ok := d.leadInCache[s.Para]; ok {
		return v
	}
	v := d.findLeadIn(s.Para)
	d.leadInCache[s.Para] = v
	return v
}

func (d *doc) findLeadIn(para int) string {
	if !d.isListPara(para) {
		return ""
	}
	for i := para - 1; i >= 0 && para-i <= 12; i-- {
		if d.isListPara(i) {
			continue
		}
		p := d.paras[i]
		n := strings.TrimRight(normalize(string(d.runes[p.Start:p.End])), " *")
		if strings.HasSuffix(n, ":") {
			return n
		}
		return ""
	}
	return ""
}

// leadInRole returns the role ("processor", "controller", "sub") that is the
// subject of the lead-in of list item s: in "Bij een datalek zal de
// verwerker:" followed by "- de verwerkingsverantwoordelijke onverwijld
// informeren", the processor does the informing, not the controller named at
// the start of the item. It returns "" when s is not a list item under a
// lead-in.
func (d *doc) leadInRole(s *sentence) string {
	li := d.leadIn(s)
	if li == "" {
		return ""
	}
	role, _ := firstRole(li)
	return role
}

// reLabelList: a short label, perhaps bold, then a colon, at the start of a
// paragraph.
var reLabelList = lazyCompile(`^\s*[-*•]?\s*\*{0,2}(\p{L}[\p{L}\d &/()'-]{1,48}?)\*{0,2}\s*:\s*\*{0,2}\s+\S`)

// labelList returns the normalised label of a paragraph written as
// "Label: item; item; item" (at least three items) and the offset where
// its items begin, or "" when the paragraph is not one.
func labelList(rs []rune) (string, int) {
	if len(rs) > 2000 || strings.Count(string(rs), ";") < 2 {
		return "", 0
	}
	t := string(rs)
	m := reLabelList.FindStringSubmatchIndex(t)
	if m == nil {
		return "", 0
	}
	colon := strings.IndexByte(t[m[3]:], ':') + m[3]
	end := utf8.RuneCountInString(t[:colon+1])
	return strings.TrimRight(normalize(t[m[2]:m[3]]), " ") + ":", end
}
