package contract

import (
	"sort"
	"strings"
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
	reHierna      = lazyCompile(`(?i)(?:hierna\s*(?:te\s+noemen|genoemd|verder)?\s*:?|hereinafter(?:\s+referred\s+to\s+as|\s+called)?:?|hereafter(?:\s+referred\s+to\s+as)?|referred to as:?)\s*(?:de\s+|het\s+|the\s+)?["“'*(]*\s*([\p{L}\-/]+)`)
	reParenRole   = lazyCompile(`\(\s*(?:hereinafter(?:\s+referred\s+to\s+as)?:?\s*|hierna(?:\s+te\s+noemen)?:?\s*)?(?:the\s+|de\s+|het\s+)?["“'*]+\s*(?:the\s+|de\s+)?([\p{L}\-/]+)\s*["”'*]+\s*\)`)
	reLabelRole   = lazyCompile(`(?i)^[\s\-*•]*((?:[\p{L}]+\s*/\s*)*[\p{L}]+)\s*:\s*(.*)$`)
	reIsRole      = lazyCompile(`(?i)^[\s\-*•]*(.{2,60}?)\s+(?:is|treedt op als|acts as|geldt als|fungeert als|is hierbij)\s+(?:in (?:de|deze) overeenkomst\s+)?(?:de\s+|the\s+|a\s+|an\s+)?["“]?([\p{L}\-]+)`)
	reNamePrefix  = lazyCompile(`(?i)^(?:[\s\-*•"“(]|\d{1,2}[.)]|\(\d{1,2}\)|en\s|and\s|between\s|tussen\s|partijen:?\s|parties:?\s)*(?:het bevoegd gezag van|de besloten vennootschap(?: met beperkte aansprakelijkheid)?|de naamloze vennootschap|de stichting|de vereniging|de coöperatie|the (?:private |public )?(?:limited )?company|the foundation|the association|de rechtspersoon)?\s*`)
	reNameCut     = lazyCompile(`(?i),|;|\s+gevestigd|\s+ingeschreven|\s+inschreven|\s+met (?:zetel|statutaire|kantoor|adres)|\s+kantoorhoudende|\s+with (?:its )?(?:registered )?(?:office|seat|address|principal)|\s+having|\s+located|\s+registered|\s+incorporated|\s+\(|\s+te\s+\p{Lu}|\s+hierna|\s+hereinafter|\s+rechtsgeldig|\s+vertegenwoordigd|\s+represented|\s+kvk|\s+a company|\s+een (?:besloten|naamloze)`)
	rePlaceholder = lazyCompile(`(?i)ondertekenende|ondertekenaar|\[|\]|xxx|…|\.\.\.|<|>|___|invullen|in te vullen|naam (?:organisatie|klant|opdrachtgever)|^(?:de |het |the )?(?:klant|gebruiker|opdrachtgever|opdrachtnemer|verwerker|bewerker|verantwoordelijke|verwerkingsverantwoordelijke|onderwijsinstelling|instelling|partij|partijen|customer|client|controller|processor|party|parties|supplier|leverancier|organisatie|organisation|organization|company|user|licensee)$`)
)

// cleanName turns the start of a party description into a name, or "".
func cleanName(s string) string {
	s = strings.NewReplacer("**", "", "*", "", "\u00a0", " ").Replace(s)
	s = collapseSpaces(s)
	s = reNamePrefix.ReplaceAllString(s, "")
	if m := reNameCut.FindStringIndex(s); m != nil {
		s = s[:m[0]]
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
				for _, sep := range []string{" and ", " en ", "between ", "tussen ", "Between ", "Tussen "} {
					if start == 0 && (sep == " and " || sep == " en ") {
						continue // "gevestigd en kantoorhoudende"
					}
					if k := strings.LastIndex(desc, sep); k >= 0 && len(strings.TrimSpace(desc[k+len(sep):])) > 2 {
						desc = desc[k+len(sep):]
					}
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
	// 2. "Opdrachtnemer/Verwerker:" followed by the name
	for i := 0; i < limit; i++ {
		m := reLabelRole.FindStringSubmatch(d.lines[i].Text)
		if m == nil {
			continue
		}
		role := ""
		for _, w := range strings.Split(m[1], "/") {
			if r := roleOfWord(w); r == "processor" || r == "controller" {
				role = r
			}
		}
		if role == "" || seen[role] {
			continue
		}
		val := strings.TrimSpace(m[2])
		if val == "" && i+1 < len(d.lines) {
			val = strings.TrimSpace(d.lines[i+1].Text)
		}
		seen[role] = true // a placeholder value means: not named
		set(role, cleanName(val))
	}
	// 3. "ProBiblio is in de Overeenkomst de verwerker"
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
	return p
}

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

var reGovWords = lazyCompile(`beheerst|toepasselijk|van toepassing|onderworpen|governed|governing|applicable|construed|subject to|exclusively|uitsluitend|geldt|is het .* recht`)

func detectGoverningLaw(d *doc, a *Analysis) *string {
	for i := range d.sents {
		s := &d.sents[i]
		n := s.Norm
		if !strings.Contains(n, "recht") && !strings.Contains(n, "law") {
			continue
		}
		if !reGovWords.MatchString(n) {
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
