package contract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	nlWords        = map[string]bool{"de": true, "het": true, "een": true, "van": true, "en": true, "zal": true, "wordt": true, "niet": true, "deze": true, "verwerker": true, "persoonsgegevens": true, "voor": true, "met": true, "op": true, "aan": true, "zijn": true, "bij": true}
	enWords        = map[string]bool{"the": true, "of": true, "and": true, "shall": true, "is": true, "not": true, "this": true, "processor": true, "personal": true, "data": true, "for": true, "with": true, "on": true, "to": true, "be": true, "by": true}
	wbpWords       = map[string]bool{"wbp": true, "bewerker": true, "bewerkers": true, "subbewerker": true, "subbewerkers": true, "bewerkersovereenkomst": true, "bewerkerovereenkomst": true}
	avgWords       = map[string]bool{"avg": true, "gdpr": true, "privacyverordening": true, "verwerker": true, "verwerkers": true, "subverwerker": true, "subverwerkers": true, "verwerkersovereenkomst": true, "verwerkingsverantwoordelijke": true, "processor": true, "controller": true}
	reWbpMention   = lazyCompile(`\bwbp\b|wet bescherming persoonsgegevens|artikel 34a|art\. 34a`)
	reTransitional = lazyCompile(`tot 25 mei 2018|until 25 may 2018|before 25 may 2018|v[óo]{1}[óo]?r 25 mei 2018|i\.p\.v|in plaats van|instead of|vervangen|opvolger|ingetrokken|replaced|repealed|voorheen|formerly|vervallen|niet langer`)
)

// wordCounts counts the language and law marker words of the text in one pass.
func wordCounts(d *doc) (nl, en, wbp, avg int) {
	for i := range d.sents {
		n := d.sents[i].Norm
		for _, w := range strings.FieldsFunc(n, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r > 127 || r >= '0' && r <= '9') }) {
			switch {
			case nlWords[w]:
				nl++
			case enWords[w]:
				en++
			}
			switch {
			case wbpWords[w]:
				wbp++
			case avgWords[w]:
				avg++
			}
		}
		if d.sents[i].has(tWbp) {
			wbp += strings.Count(n, "wet bescherming persoonsgegevens") + strings.Count(n, "directive 95/46") + strings.Count(n, "richtlijn 95/46")
		}
		avg += strings.Count(n, "2016/679") + strings.Count(n, "algemene verordening gegevensbescherming") + strings.Count(n, "general data protection regulation")
	}
	return
}

func detectLanguage(d *doc) string {
	nl, en, _, _ := wordCounts(d)
	if en > nl {
		return "en"
	}
	return "nl"
}

func detectLaw(d *doc) string {
	_, _, wbp, avg := wordCounts(d)
	if wbp > avg {
		return "wbp"
	}
	return "avg"
}

var (
	reHierna      = lazyCompile(`(?i)(?:hierna\s*(?:te\s+noemen|genoemd|verder)?\s*:?|hereinafter(?:\s+(?:will|shall)\s+be)?(?:\s+referred\s+to\s+as|\s+called)?:?|hereafter(?:\s+referred\s+to\s+as)?|referred to as:?)\s*(?:de\s+|het\s+|the\s+)?["“'*(]*\s*((?:data\s+)?[\p{L}\-/]+)`)
	reParenRole   = lazyCompile(`\(\s*(?:hereinafter(?:\s+referred\s+to\s+as)?:?\s*|hierna(?:\s+te\s+noemen)?:?\s*)?(?:the\s+|de\s+|het\s+)?["“'*]+\s*(?:the\s+|de\s+)?([\p{L}\-/]+(?:\s[\p{L}\-/]+)?)\s*["”'*]+(?:\s+(?:or|of|and|en)\s+(?:the\s+|de\s+)?["“'*]+[^"”'*]{1,40}["”'*]+)?\s*\)`)
	reCapacity    = lazyCompile(`(\p{Lu}[\p{L}\d.&-]*(?:\s\p{Lu}[\p{L}\d.&-]*){0,3})(?:'s|’s)?\s+(?:\w+\s+){0,4}in (?:its|their|his|her) capacity as (?:the |a )?(?:data )?processor`)
	reLabelRole   = lazyCompile(`(?i)^[\s\-*•]*((?:[\p{L}]+\s*/\s*)*[\p{L}]+(?:\s[\p{L}]+){0,2})\s*(?:\(\s*["“']?([^)"”']{1,40})["”']?\s*\))?\s*:\s*(.*)$`)
	reNameField   = lazyCompile(`(?i)^[\s\-*•]*(?:bedrijfsnaam|handelsnaam|statutaire naam|naam|name|organisatie|naam organisatie|company(?: name)?|legal name|organisation|organization)\s*:\s*(.*)$`)
	reAppointRole = lazyCompile(`(?i)\b(?:stelt|benoemt|appoints?|engages?)\s+(\p{Lu}.{1,60}?)\s+(?:aan\s+)?(?:als|as)\s+(?:de\s+|the\s+|its\s+)?(verwerker|verwerkingsverantwoordelijke|processor|data processor|controller)\b`)
	reIsRole      = lazyCompile(`(?i)^[\s\-*•]*(.{2,60}?)\s+(?:is|treedt op als|acts as|geldt als|fungeert als|is hierbij|(?:kan worden |wordt )?aangemerkt (?:kan worden |wordt )?als|(?:can|may|shall|will) be (?:considered|deemed|regarded) (?:as )?(?:the |a |an )?|is (?:considered|deemed|regarded) (?:as )?(?:the |a |an )?)\s*(?:in (?:de|deze) overeenkomst\s+)?(?:de\s+|the\s+|a\s+|an\s+)?["“]?([\p{L}\-]+)`)
	reNamePrefix  = lazyCompile(`(?i)^(?:[\s\-*•"“(]|\d{1,2}[.)]|\(\d{1,2}\)|[IVX]{1,4}\.\s|en\s|and\s|between\s|tussen\s|partijen:?\s|parties:?\s)*(?:het bevoegd gezag van|de besloten vennootschap(?: met beperkte aansprakelijkheid)?|de naamloze vennootschap|de stichting|de vereniging|de coöperatie|the (?:private |public )?(?:limited )?company|the foundation|the association|de rechtspersoon)?\s*`)
	reNameCut     = lazyCompile(`(?i),(?:\s*(?:inc|ltd|llc|b\.?v|n\.?v|gmbh|s\.?a|plc|corp)\b\.?)?|;|\s+gevestigd|\s+ingeschreven|\s+inschreven|\s+met (?:zetel|statutaire|kantoor|adres)|\s+kantoorhoudende|\s+with (?:its )?(?:registered )?(?:office|seat|address|principal)|\s+having|\s+located|\s+registered|\s+incorporated|\s+\(|\s+te\s+\p{Lu}|\s+hierna|\s+hereinafter|\s+rechtsgeldig|\s+\|\s|\s+vertegenwoordigd|\s+represented|\s+kvk|\s+a company|\s+een (?:besloten|naamloze)`)
	rePlaceholder = lazyCompile(`(?i)ondertekenende|ondertekenaar|\[|\]|\{|\}|xxx|…|\.\.\.|<|>|___|invullen|in te vullen|naam (?:organisatie|klant|opdrachtgever)|^(?:de |het |the )?(?:klant|gebruiker|opdrachtgever|opdrachtnemer|verwerker|bewerker|verantwoordelijke|verwerkingsverantwoordelijke|onderwijsinstelling|instelling|partij|partijen|customer|client|controller|processor|party|parties|supplier|leverancier|organisatie|organisation|organization|company|user|licensee)$`)
)

var (
	// reNotName: sentence fragments, headings and role words are no names.
	reNotName = lazyCompile(`(?i)^(?:hierna|hereinafter|hereafter|deze|dit|this|that|in|indien|als|wanneer|if|where|when|tussen|between|en|and|partijen|parties|ondergetekenden|the undersigned|namens|on behalf|signed|handtekening|signature|naam|name|datum|date|plaats|functie|title)\b|overeenkomst|agreement|addendum|persoonsgegevens|personal data|[·|•]|\b(?:verwerkers?|bewerkers?|verwerkingsverantwoordelijken?|verantwoordelijken?|opdrachtgevers?|opdrachtnemers?|processors?|controllers?)\b`)
	// reDescription: a description of who the party is, not a name: a
	// lower-case article and a relative clause ("de natuurlijke of
	// rechtspersoon die een account heeft", "the person who signs up").
	reDescription = lazyCompile(`^(?:de|het|een|elke|iedere|the|a|an|any|each)\s+\p{Ll}.*\s(?:die|dat|welke|wie|that|who|which|whose)\s`)
	// reArticleRole: an article and at most two words ("De School", "the Customer").
	reArticleRole = lazyCompile(`(?i)^(?:de|het|een|the|a|an)\s+\S+(?:\s+\S+)?$`)
	// rePureRole: a table cell or label that is only a role word, perhaps
	// with its defined term: "Verwerker", "**Verwerker ("Leverancier")**".
	rePureRole  = lazyCompile(`^(?:de |het |the )?(` + procWords + `|` + ctrlWords + `)s?(?: \(.{1,40}\))?$`)
	reSignature = lazyCompile(`(?i)^[\s\-*•]*(?:(?:signed\s+)?(?:for\s+and\s+)?on\s+behalf\s+of|voor\s+akkoord(?:\s+namens)?|ondertekend\s+(?:namens|voor)|namens|for|voor)\s+(?:de\s+|het\s+|the\s+)?([\p{L}]+)\s*(?:\([^)]*\))?\s*[:,]?\s*(.*)$`)
	reFormField = lazyCompile(`(?i)^[\s\-*•]*(?:naam|name|functie|function|title|titel|datum|date|plaats|place|handtekening|signature|by|door)\b\s*:?`)
)

// pureRole returns "processor" or "controller" when cell is only a role
// word (markdown emphasis and quotes ignored).
func pureRole(cell string) string {
	n := strings.Trim(normalize(cell), ` :"'.`)
	m := rePureRole.FindStringSubmatch(n)
	if m == nil {
		return ""
	}
	switch r := roleOfWord(m[1]); r {
	case "processor", "controller":
		return r
	}
	return ""
}

// nextNonEmpty returns the index of the next non-blank line after i within
// three lines, or -1.
func (d *doc) nextNonEmpty(i int) int {
	for j := i + 1; j < len(d.lines) && j <= i+3; j++ {
		if strings.TrimSpace(d.lines[j].Text) != "" {
			return j
		}
	}
	return -1
}

// cleanName turns the start of a party description into a name, or "".
func cleanName(s string) string {
	s = strings.NewReplacer("**", "", "*", "", "\u00a0", " ").Replace(s)
	s = collapseSpaces(s)
	s = reNamePrefix.ReplaceAllString(s, "")
	for _, m := range reNameCut.FindAllStringIndex(s, -1) {
		if s[m[0]] == ',' && m[1]-m[0] > 2 {
			continue // "Quillbox, Inc."
		}
		s = s[:m[0]]
		break
	}
	trimmed := strings.Trim(s, ` "“”'.:;-•`)
	if strings.HasPrefix(strings.TrimLeft(s, ` "“”'`), trimmed+".") {
		if f := strings.Fields(trimmed); len(f) > 1 && reLegalForm.MatchString(f[len(f)-1]) {
			trimmed += "." // "Canvas Inc.", "Maximedia B.V."
		}
	}
	s = trimmed
	if n := len([]rune(s)); n < 2 || n > 80 || rePlaceholder.MatchString(s) || roleOfWord(s) != "" && len(strings.Fields(s)) == 1 {
		return ""
	}
	if reNotName.MatchString(s) || reArticleRole.MatchString(s) && !reLegalForm.MatchString(s) {
		return "" // "Deze Verwerkersovereenkomst", "In het geval Verantwoordelijke ...", "De School"
	}
	if f := strings.Fields(s); len(f) > 1 && !reLegalForm.MatchString(s) {
		if r := roleOfWord(f[len(f)-1]); r == "processor" || r == "controller" {
			return "" // "Onboarding System Provider": a description ending in a role
		}
	}
	if reDescription.MatchString(s) {
		return "" // "de coach of professional die het platform gebruikt"
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' || r > 127 }) && strings.ToLower(s) == s {
		return "" // "ondertekenende organisatie" and other lower-case descriptions
	}
	return s
}

func detectParties(d *doc) Parties {
	var p Parties
	set := func(role, name string) {
		if name == "" {
			return
		}
		// one organisation is never both parties
		if p.Processor != nil && strings.EqualFold(*p.Processor, name) || p.Controller != nil && strings.EqualFold(*p.Controller, name) {
			return
		}
		switch role {
		case "processor":
			if p.Processor == nil {
				p.Processor = ptr(name)
			}
		case "controller":
			if p.Controller == nil {
				p.Controller = ptr(name)
			}
		}
	}
	seen := map[string]bool{}
	limit := len(d.lines)
	if limit > 400 {
		limit = 400
	}
	// 1. "X, ..., hierna te noemen: Verwerker" and "X ("Processor")"
	for i := 0; i < limit; i++ {
		t := d.lines[i].Text
		prevEnd := 0
		type mk struct{ a, b, c, d int }
		var marks []mk
		lt := strings.ToLower(t)
		for _, re := range []*lazyRegexp{reHierna, reParenRole} {
			if re == reHierna && !anyOf(lt, []string{"hierna", "hereinafter", "hereafter", "referred to as"}) || re == reParenRole && !strings.Contains(t, "(") {
				continue
			}
			for _, m := range re.FindAllStringSubmatchIndex(t, -1) {
				marks = append(marks, mk{m[0], m[1], m[2], m[3]})
			}
		}
		sort.Slice(marks, func(x, y int) bool { return marks[x].a < marks[y].a })
		for _, mm := range marks {
			m := []int{mm.a, mm.b, mm.c, mm.d}
			{
				start := prevEnd
				if start > m[0] {
					continue
				}
				prevEnd = m[1]
				role := roleOfWord(t[m[2]:m[3]])
				if role != "processor" && role != "controller" || seen[role] {
					continue
				}
				// the description runs from the start of the party block to the marker
				desc := t[start:m[0]]
				for _, sep := range []string{"between ", "tussen ", "Between ", "Tussen ", "between: ", "tussen: ", " and ", " en "} {
					k := strings.LastIndex(desc, sep)
					if k < 0 || len(strings.TrimSpace(desc[k+len(sep):])) <= 2 {
						continue
					}
					if sep == " and " || sep == " en " {
						// "Customer and Brightdesk Ltd", not "gevestigd en kantoorhoudende"
						if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(desc[k+len(sep):], ` "“*`)); !unicode.IsUpper(r) {
							continue
						}
					}
					desc = desc[k+len(sep):]
				}
				name := cleanName(desc)
				if name == "" {
					// the block started on an earlier line ("1. Het bevoegd gezag van" / name / address)
					j := i
					for j > 0 && j > i-8 {
						prev := strings.TrimSpace(d.lines[j-1].Text)
						if prev == "" || prev == "en" || prev == "and" || d.lines[j-1].Label != "" {
							break
						}
						j--
					}
					for k := j; k < i && name == ""; k++ {
						name = cleanName(d.lines[k].Text)
					}
				}
				if name != "" {
					seen[role] = true
					set(role, name)
				}
			}
		}
	}
	// 2. a table row "| Verwerker | Lesplanner B.V. |"
	for i := 0; i < limit; i++ {
		t := d.lines[i].Text
		if !strings.ContainsAny(t, "|\t") {
			continue
		}
		cells := splitCells(t)
		for k := 0; k+1 < len(cells); k++ {
			role := pureRole(cells[k])
			if role == "" || seen[role] {
				continue
			}
			if name := cleanName(cells[k+1]); name != "" {
				seen[role] = true
				set(role, name)
			}
			break
		}
	}
	// 3. "Opdrachtnemer/Verwerker:" followed by the name, also
	// "**Verwerker ("Leverancier"):**" with the name on the next line
	for i := 0; i < limit; i++ {
		lt := d.lines[i].Text
		if strings.Contains(lt, "*") {
			lt = strings.ReplaceAll(lt, "*", "")
		}
		m := reLabelRole.FindStringSubmatch(lt)
		if m == nil {
			continue
		}
		role := ""
		for _, w := range strings.Split(m[1], "/") {
			if r := pureRole(w); r == "processor" || r == "controller" {
				role = r
			}
		}
		if role == "" || seen[role] {
			continue
		}
		val := strings.TrimSpace(m[3])
		if val == "" {
			if j := d.nextNonEmpty(i); j >= 0 && (!reFormField.MatchString(d.lines[j].Text) || reNameField.MatchString(d.lines[j].Text)) {
				val = strings.TrimSpace(d.lines[j].Text)
			}
		}
		if f := reNameField.FindStringSubmatch(strings.ReplaceAll(val, "*", "")); f != nil {
			val = f[1] // "- Bedrijfsnaam: Lesplanner B.V."
		}
		seen[role] = true // a placeholder value means: not named
		name := cleanName(val)
		if name == "" && m[2] != "" && d.properName(m[2]) {
			// "**Verwerker ("Quillbox"):**" over a blank form: the defined
			// term is the name when the text never puts an article before it
			name = cleanName(m[2])
		}
		set(role, name)
	}
	// 3b. "De Klant stelt Jan Jansen aan als Verwerker"
	for i := range d.sents {
		if d.sents[i].Start > 20000 {
			break
		}
		if !anyOf(d.sents[i].Norm, []string{" als ", " as "}) {
			continue
		}
		if m := reAppointRole.FindStringSubmatch(d.sents[i].Text); m != nil {
			if role := roleOfWord(m[2]); (role == "processor" || role == "controller") && !seen[role] {
				if name := cleanName(m[1]); name != "" {
					seen[role] = true
					set(role, name)
				}
			}
		}
	}
	// 4. "ProBiblio is in de Overeenkomst de verwerker"
	for i := range d.sents {
		if d.sents[i].Start > 20000 {
			break
		}
		m := reIsRole.FindStringSubmatch(d.sents[i].Text)
		if m == nil {
			continue
		}
		role := roleOfWord(m[2])
		if role != "processor" && role != "controller" || seen[role] {
			continue
		}
		seen[role] = true
		set(role, cleanName(m[1]))
	}
	// 4b. "Northwind's rights and obligations in its capacity as data processor"
	if p.Processor == nil && !seen["processor"] {
		for i := range d.sents {
			if d.sents[i].Start > 20000 {
				break
			}
			if !strings.Contains(d.sents[i].Norm, "capacity as") {
				continue
			}
			if m := reCapacity.FindStringSubmatch(d.sents[i].Text); m != nil {
				set("processor", cleanName(m[1]))
				break
			}
		}
	}
	// 5. the signature block: "Namens Verwerker:" / "For and on behalf of
	// the Processor:" with the organisation on the same or the next line
	if p.Processor == nil || p.Controller == nil {
		for i := range d.lines {
			t := strings.ReplaceAll(d.lines[i].Text, "*", "")
			if len(t) > 120 || !anyOf(strings.ToLower(t), []string{"namens", "behalf", "voor ", "for "}) {
				continue
			}
			m := reSignature.FindStringSubmatch(t)
			if m == nil {
				continue
			}
			role := roleOfWord(m[1])
			if role != "processor" && role != "controller" {
				continue
			}
			val := strings.TrimSpace(m[2])
			if val == "" {
				if j := d.nextNonEmpty(i); j >= 0 && !reFormField.MatchString(d.lines[j].Text) {
					val = strings.TrimSpace(d.lines[j].Text)
				}
			}
			set(role, cleanName(val))
		}
	}
	if p.Processor == nil || p.Controller == nil {
		// "... die een Klant (verwerkingsverantwoordelijke) aan The Bridge
		// Group B.V. (verwerker) laat verwerken": a name with its role in
		// brackets right after it, in running text
		for i := range d.sents {
			if p.Processor != nil && p.Controller != nil || i > 80 {
				break
			}
			for _, m := range reNameThenRole.FindAllStringSubmatch(collapseSpaces(d.sents[i].Text), -1) {
				switch role := roleOfWord(m[2]); role {
				case "processor", "controller":
					if role == "processor" && p.Processor == nil || role == "controller" && p.Controller == nil {
						set(role, cleanName(m[1]))
					}
				}
			}
		}
	}
	return p
}

// reNameThenRole: a capitalised name followed by its role in brackets,
// "Acme B.V. (verwerker)", "Acme Ltd (as processor)".
var reNameThenRole = lazyCompile(`(\p{Lu}[\p{L}\d.&'-]*(?:\s+[\p{Lu}\d][\p{L}\d.&'-]*){0,4})\s+\((?:als\s+|as\s+)?(?:de\s+|the\s+)?(verwerker|verwerkingsverantwoordelijke|processor|controller|data processor|data controller)\)`)

var lawCountries = []struct {
	re   *lazyRegexp
	code string
}{
	{lazyCompile(`nederlands(?:e)? recht|dutch law|laws? of (?:the )?netherlands|recht van nederland|law of the kingdom of the netherlands`), "NL"},
	{lazyCompile(`belgisch(?:e)? recht|belgian law|laws? of belgium`), "BE"},
	{lazyCompile(`duits(?:e)? recht|german law|laws? of (?:the federal republic of )?germany|deutsche[ms]? recht`), "DE"},
	{lazyCompile(`engels(?:e)? recht|english law|laws? of england|scots law|laws? of scotland|laws? of the united kingdom|uk law`), "GB"},
	{lazyCompile(`iers(?:e)? recht|irish law|laws? of (?:the republic of )?ireland`), "IE"},
	{lazyCompile(`frans(?:e)? recht|french law|laws? of france`), "FR"},
	{lazyCompile(`luxemburgs(?:e)? recht|luxembourg law|laws? of luxembourg`), "LU"},
	{lazyCompile(`laws? of the state of|laws? of the united states|amerikaans(?:e)? recht|us law|u\.s\. law|californian law|laws? of california|laws? of new york|laws? of delaware|laws? of washington`), "US"},
	{lazyCompile(`zweeds(?:e)? recht|swedish law|laws? of sweden`), "SE"},
	{lazyCompile(`deens(?:e)? recht|danish law|laws? of denmark`), "DK"},
	{lazyCompile(`spaans(?:e)? recht|spanish law|laws? of spain`), "ES"},
	{lazyCompile(`italiaans(?:e)? recht|italian law|laws? of italy`), "IT"},
	{lazyCompile(`zwitsers(?:e)? recht|swiss law|laws? of switzerland`), "CH"},
	{lazyCompile(`fins(?:e)? recht|finnish law|laws? of finland`), "FI"},
	{lazyCompile(`oostenrijks(?:e)? recht|austrian law|laws? of austria`), "AT"},
}

var (
	reLawHeading    = lazyCompile(`toepasselijk recht|rechtskeuze|governing law|applicable law|choice of law|law and jurisdiction|recht en (?:geschillen|forum)|geschillen en toepasselijk`)
	reTransferInstr = lazyCompile(`uk addendum|\bidta\b|international data transfer (?:addendum|agreement)|standard contractual clauses|\bsccs?\b|\bthe clauses\b|modelcontractbepalingen|standaardcontractbepalingen|standaardbepalingen`)
	reUKHeading     = lazyCompile(`\buk\b|united kingdom|verenigd koninkrijk|swiss|zwitser`)
	reThisAgreement = lazyCompile(`this (?:dpa|agreement|data processing (?:agreement|addendum))|deze (?:verwerkers)?overeenkomst`)
)

var reGovWords = lazyCompile(`beheerst|toepasselijk|van toepassing|onderworpen|governed|governing|applicable|construed|subject to|exclusively|uitsluitend|geldt|is het .* recht`)

func detectGoverningLaw(d *doc, a *Analysis) *string {
	for i := range d.sents {
		s := &d.sents[i]
		n := s.Norm
		if !strings.Contains(n, "recht") && !strings.Contains(n, "law") {
			continue
		}
		if !reGovWords.MatchString(n) && !d.headMatch(reLawHeading, s.Heading) {
			continue
		}
		// the law of a transfer instrument (UK addendum, SCCs) is not the agreement's
		if (reTransferInstr.MatchString(n) || d.headMatch(reTransferInstr, s.Heading) || d.headMatch(reUKHeading, s.Heading)) && !reThisAgreement.MatchString(n) {
			continue
		}
		for _, lc := range lawCountries {
			if lc.re.MatchString(n) {
				a.Evidence["governing_law"] = addEvidence(a.Evidence["governing_law"], d.evidence(s), 2)
				return ptr(lc.code)
			}
		}
	}
	return nil
}

// properName reports a defined term used as a name: the text never puts an
// article before it ("BoekBrug", not "de Accountant"), and it is no role word.
func (d *doc) properName(term string) bool {
	term = strings.TrimSpace(term)
	if term == "" || roleOfWord(term) != "" || cleanName(term) == "" {
		return false
	}
	re, err := regexp.Compile(`(?i)(?:^|[^\p{L}])(?:de|het|een|the|a|an|onze|our|your|uw|jouw)\s+` + regexp.QuoteMeta(term) + `(?:$|[^\p{L}-])`)
	return err == nil && !re.MatchString(d.text)
}
