package contract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	reConsent         = lazyCompile(`(?:voorafgaande?|vooraf|prior|specifieke?|specific|express|uitdrukkelijke?)\s+(?:\w+\s+){0,3}(?:toestemming|goedkeuring|instemming|consent|approval|authori[sz]ation|akkoord)|(?:na|met|zonder)\s+(?:de\s+)?(?:\w+\s+){0,2}(?:toestemming|goedkeuring|instemming)|(?:only|solely)\s+with\s+(?:the\s+)?(?:\w+\s+){0,3}(?:consent|approval|authori[sz]ation)|without\s+(?:the\s+)?(?:\w+\s+){0,3}(?:consent|approval|authori[sz]ation)`)
	reGeneralAuth     = lazyCompile(`algemene (?:\w+\s+)?(?:toestemming|machtiging|goedkeuring)|general (?:\w+\s+)?(?:authori[sz]ation|consent|approval)|generally authori[sz]ed`)
	reNoConsent       = lazyCompile(`(?:zonder|without|in the absence of)\s+(?:\S+\s+){0,3}(?:toestemming|goedkeuring|instemming|consent|approval|authori[sz]ation)`)
	reObjection       = lazyCompile(`bezwaar|\bobject(?:ions?|s|ing|ed)?\b|verzet|\bopzeg|\bbeëindig|\bbeeindig|\bontbind|terminat|aanvaard|akkoord gaan|\baccept|\bkeuze\b|weiger|refuse|reject`)
	reInformWord      = lazyCompile(`inform|geïnformeerd|geinformeerd|meld|gemeld|kennis|mededeling|aankondig|op de hoogte|notif|notice|bericht|publish|publiceer|lijst|list`)
	rePermission      = lazyCompile(`\b(?:mag|mogen|kan|kunnen|is gerechtigd|zijn gerechtigd|is bevoegd|is toegestaan|heeft het recht|may|can|is entitled|is permitted|is authori[sz]ed|is allowed|hereby authori[sz]es|machtigt|geeft .{0,40}toestemming)\b`)
	reEngageVerb      = lazyCompile(`inschakel|in te schakelen|inzet|in te zetten|gebruik (?:te )?maken|gebruik maakt|engage|appoint|use|subcontract|uitbested|betrekken`)
	reSubListIntro    = lazyCompile(`volgende|following|below|hieronder|onderstaande|hierna|listed|list of|lijst|zijn:|are:|namelijk|as follows|overzicht|bijlage|goedgekeurde|approved|authori[sz]ed|huidige|current|toegestane|permitted`)
	reLegalForm       = lazyCompile(`(?i)\b(?:b\.?v\.?|n\.?v\.?|gmbh|ltd\.?|limited|inc\.?|llc|s\.a\.?|s\.r\.l\.?|sarl|ag|plc|sas|bvba|corp\.?|corporation|oy|ab|a/s|aps|se|v\.o\.f\.?|vof|stichting|holding|group|groep)\b`)
	reListItem        = lazyCompile(`^\s*(?:(?:[-*•o▪◦\x{f0b7}●■➢►–]|\(?[a-zA-Z0-9]{1,3}[.)]{1,2}\)?)(?:\*\*)?\s+){1,2}(.+)$`)
	reFieldLine       = lazyCompile(`^\s*[-*•]?\s*([^:|]{2,70}?)\s*:\s*\|?\s*(.*?)\s*\|?\s*$`)
	reLetterHead      = lazyCompile(`^\s*(?:[A-Z]|[IVX]{1,4})\.\s+\p{Lu}`)
	reNameCutSub      = lazyCompile(`(?i),?\s+(?:gevestigd|located|based|established|statutair|te\s+\p{Lu}|in\s+\p{Lu})|\s+\(|\s+[-–—]\s+|:\s|;|,\s`)
	reLocPrefix       = lazyCompile(`(?i)^(?:,?\s*(?:gevestigd|located|based|established)\s+(?:te|in|at)?\s*|te\s+|in\s+|\(|[-–—]\s*)`)
	reLocLabel        = lazyCompile(`plaats|land|locatie|location|country|opslag|vestiging|where|regio|region`)
	reObligationIntro = lazyCompile(`\b(?:shall|must|will|should|zal|zullen|moet|moeten|dient|dienen|vermelden|vermeldt|bevat|bevatten|includes?|contains?)\s*:?\**$`)
	reHeaderCell      = lazyCompile(`^(?:naam|name|sub|partij|party|leverancier|vendor|supplier|locatie|location|land|country|dienst|service|purpose|doel|activiteit|activity|plaats|verwerking|processing|entity)`)
	reListNotice      = lazyCompile(`(?:bekendgemaakte|gepubliceerde|gepubliceerd|published|disclosed|notified)\s+(?:\w+\s+)?(?:lijst|list)|(?:lijst|list)\b.{0,30}\b(?:bekendgemaakt|gepubliceerd|published|disclosed)`)
	reAddressLike     = lazyCompile(`\d|@|www\.|https?://|^\+`)
)

// subHints finds candidate lines for a sub-processor list without
// normalising every line (the first letter may be upper or lower case).
var subHints = []string{"ub", "UB", "ulpleveranc", "ULPLEVERANC", "nderaannem", "NDERAANNEM", "erden", "ERDEN", "hird", "HIRD", "ndere verwerker", "ther processor", "evenverwerk"}

var objectionWords = []string{"bezwaar", "object", "verzet", "opzeg", "beëindig", "beeindig", "ontbind", "terminat", "aanvaard", "akkoord", "accept", "keuze", "weiger", "refuse", "reject"}

// isSubContext reports whether sentence s is about sub-processors.
func isSubContext(d *doc, s *sentence) bool {
	if s.has(tSub) && subMatch(s.Norm) {
		return true
	}
	v, ok := d.subHeading[s.Heading]
	if !ok {
		v = reSubHeading.MatchString(s.Heading) && !strings.Contains(s.Heading, "definitie")
		d.subHeading[s.Heading] = v
	}
	return v
}

func analyseSubprocessors(d *doc, a *Analysis) {
	sp := &a.Subprocessors
	var specific, objection, general, generalAuth bool
	var objDays, noticeDays *int
	// the objection window wins over a notice period: "notify 30 days
	// before ...; Customer may object within 10 days"
	readDays := func(s *sentence, n string, objOnly bool) {
		if objDays == nil && s.has(tTime) && (reObjection.MatchString(n) || reInformWord.MatchString(n)) {
			objs := reObjection.FindAllStringIndex(n, -1)
			best, bestDist := -1, 1<<30
			for _, du := range durations(n) {
				days, ok := du.days()
				if !ok || du.Unit == "year" {
					continue
				}
				if noticeDays == nil && !objOnly {
					noticeDays = ptr(days)
				}
				for _, o := range objs {
					dist := du.Pos - o[1]
					if dist < 0 {
						dist = o[0] - du.End
					}
					if dist < 0 {
						dist = 0
					}
					if dist < bestDist && dist < 80 {
						best, bestDist = days, dist
					}
				}
			}
			if best >= 0 {
				objDays = ptr(best)
			}
		}
	}
	for i := range d.sents {
		s := &d.sents[i]
		if !isSubContext(d, s) {
			// "Customer has 30 days after notice to object" in a paragraph
			// about sub-processors: its window, not its regime
			if s.has(tTime) && d.paraHas(s, tSub) && anyOf(s.Norm, objectionWords) && d.paraMatch(reSub, s) {
				readDays(s, s.Norm, true)
			}
			continue
		}
		n := s.Norm
		if strings.Contains(s.Heading, "definitie") || strings.Contains(s.Heading, "definition") {
			continue
		}
		hit := false
		if strings.Contains(n, "[") && strings.Contains(n, "]") {
			continue // a template option not chosen: "[If applicable, list ...]"
		}
		if d.subHeading[s.Heading] && anyOf(n, []string{"lijst", "list"}) && reListNotice.MatchString(n) && !reConsent.MatchString(n) {
			// "Alleen met vooraf bekendgemaakte lijst": notice, no consent
			general = true
			sp.Evidence = addEvidence(sp.Evidence, d.evidence(s), 4)
		}
		if s.has(tLoc) && isTransferRule(n) {
			continue // "no sub-processors outside the EEA without approval" is a location rule
		}
		if m := noConsent(n); m != nil && !reNegation.MatchString(n[:m[0]]) {
			// "mag ... gebruik maken van een derde partij, zonder voorafgaande
			// toestemming": permission without consent (but "geen ... zonder
			// toestemming" is a consent rule)
			general = true
			sp.Evidence = addEvidence(sp.Evidence, d.evidence(s), 4)
			continue
		}
		if reConsent.MatchString(n) && !reGeneralAuth.MatchString(n) {
			specific, hit = true, true
		}
		if reGeneralAuth.MatchString(n) && !reNegation.MatchString(n) {
			general, generalAuth, hit = true, true, true
		}
		hasSub := subMatch(n)
		subHead := d.subHeading[s.Heading]
		if subHead && !hasSub && reCtrl.MatchString(n) && anyOf(n, objectionWords) && reObjection.MatchString(n) && !reNegation.MatchString(n) {
			// under "Wijzigingen in subverwerkers": "- Klant heeft recht om
			// bezwaar te maken"
			objection, hit = true, true
		}

		if anyOf(n, objectionWords) && reObjection.MatchString(n) && (hasSub || d.paraMatch(reInformWord, s)) ||
			hasSub && d.paraMatch(reObjection, s) && d.paraMatch(reInformWord, s) {
			objection, hit = true, true
		}
		if rePermission.MatchString(n) && reEngageVerb.MatchString(n) && !reNegation.MatchString(n) {
			general, hit = true, true
		}
		if hasSub && reInformWord.MatchString(n) && reSubChange.MatchString(n) && !reNegation.MatchString(n) && !reConsent.MatchString(n) {
			general, hit = true, true // "stelt ... in kennis van wijzigingen in sub-verwerkers": notice of changes
		}
		if hasSub && reListed.MatchString(n) && !reNegation.MatchString(n) {
			general, hit = true, true // "Subprocessors are listed in ...": used, at most with notice
		}
		if hit {
			sp.Evidence = addEvidence(sp.Evidence, d.evidence(s), 4)
		}
		readDays(s, n, false)
	}
	sp.ObjectionDays = objDays
	if objDays == nil {
		sp.ObjectionDays = noticeDays
	}
	switch {
	case generalAuth && objection:
		// "Klant geeft algemene schriftelijke toestemming" with an objection
		// window is the regime chosen; a restated "met voorafgaande
		// toestemming" elsewhere is satisfied by it (art. 28(2))
		sp.Regime = RegimeGeneralObjection
	case specific:
		sp.Regime = RegimeSpecific
	case objection:
		sp.Regime = RegimeGeneralObjection
	case general:
		sp.Regime = RegimeGeneralNoObjection
	default:
		sp.Regime = NotAddressed
	}
	sp.Named = namedSubprocessors(d)
}

// namedSubprocessors reads the sub-processors listed in the text: list items
// after an introducing sentence, "Naam: X" blocks, tables and annex sections.
func namedSubprocessors(d *doc) []NamedSubprocessor {
	var out []NamedSubprocessor
	seen := map[string]bool{}
	add := func(name, loc string) {
		name = strings.Trim(collapseSpaces(strings.NewReplacer("**", "", "*", "").Replace(name)), ` ,;:"“”'`)
		if strings.HasSuffix(name, ".") {
			f := strings.Fields(name)
			if last := f[len(f)-1]; !strings.Contains(strings.TrimSuffix(last, "."), ".") && !reLegalForm.MatchString(last) {
				name = strings.TrimSuffix(name, ".")
			}
		}
		// "Google LLC (bij Gmail-koppeling)", "Functional Software Inc.
		// (Sentry)": the bracket is a remark or another name, kept apart
		note := ""
		if k := strings.LastIndex(name, " ("); k >= 2 && strings.HasSuffix(name, ")") && !strings.Contains(name[:k], "(") {
			name, note = strings.TrimSpace(name[:k]), strings.TrimSpace(name[k+2:len(name)-1])
		}
		if n := utf8.RuneCountInString(name); n < 2 || n > 80 || len(strings.Fields(name)) > 7 || seen[strings.ToLower(name)] || len(out) >= 60 {
			return
		}
		low := normalize(name)
		if rePlaceholder.MatchString(name) && !strings.Contains(low, "x") || subMatch(low) || roleOfWord(name) != "" {
			return
		}
		if !reLegalForm.MatchString(name) && lowerWords(name) >= 2 {
			return // "de aard van de inbreuk", "Conduct appropriate due diligence": a phrase, not a name
		}
		seen[strings.ToLower(name)] = true
		ns := NamedSubprocessor{Name: name}
		if note != "" {
			ns.Note = ptr(note)
		}
		setLocation(&ns, loc)
		out = append(out, ns)
	}
	inBlock, lastItem := false, false
	blockLines := 0
	var header []string
	kv := false // key-value tables: "| Full legal name of sub-processor | X |"
	for li, l := range d.lines {
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.Text), "&#x20;"))
		if t == "" {
			nextTable := li+1 < len(d.lines) && strings.HasPrefix(strings.TrimSpace(d.lines[li+1].Text), "|")
			if inBlock && lastItem && !(nextTable && (kv || header != nil)) {
				inBlock = false // a list or table ends at a blank line, unless the next table follows
			}
			continue
		}
		if !inBlock && (!strings.HasSuffix(t, ":") && !strings.HasSuffix(t, ":**") && utf8.RuneCountInString(t) >= 60 || !anyOf(t, subHints)) {
			continue
		}
		n := normalize(t)
		startsBlock := func() bool {
			isHead := utf8.RuneCountInString(t) < 60 && !strings.Contains(n, ".") && subMatch(n) && !strings.Contains(n, ".") && !strings.Contains(n, "|") && !reListItem.MatchString(t) ||
				reLetterHead.MatchString(t) && subMatch(n) && utf8.RuneCountInString(t) < 60
			isIntro := false
			if strings.HasSuffix(t, ":") || strings.HasSuffix(t, ":**") {
				// the sentence that ends in ":" speaks of sub-processors and
				// introduces names, not obligations ("Processor shall:") or
				// the content of a notice ("het volgende vermelden:")
				last := n
				if k := strings.LastIndex(last, ". "); k >= 0 {
					last = last[k+2:]
				}
				isIntro = subMatch(last) && reSubListIntro.MatchString(last) && !reObligationIntro.MatchString(last)
			}
			return isHead || isIntro
		}
		if !inBlock {
			if startsBlock() {
				inBlock, blockLines, header, lastItem, kv = true, 0, nil, false, false
			} else if strings.Contains(t, "|") && subHeaderCell(splitCells(l.Text)) {
				// "| Subverwerker | Dienst | Locatie |": a table whose first
				// column is headed by the word sub-processor is the list
				inBlock, blockLines, header, lastItem, kv = true, 0, splitCells(l.Text), false, false
			}
			continue
		}
		blockLines++
		lastItem = false
		if blockLines > 120 || l.Label != "" || reLetterHead.MatchString(t) && !subMatch(n) {
			inBlock = false
			if startsBlock() { // "## SCHEDULE 3: LIST OF SUB-PROCESSORS" right after another list
				inBlock, blockLines, header, lastItem = true, 0, nil, false
			}
			continue
		}
		if reObligationIntro.MatchString(n) && strings.HasSuffix(t, ":") {
			inBlock = false // "All Sub-processors must:" introduces duties, not names
			continue
		}
		if subMatch(n) && reSubListIntro.MatchString(n) && strings.HasSuffix(t, ":") {
			continue // intro sentence after a heading
		}
		// "Label: | value |" fields
		if m := reFieldLine.FindStringSubmatch(t); m != nil && !strings.Contains(m[1], "|") {
			label := normalize(m[1])
			val := m[2]
			switch {
			case strings.Contains(label, "naam") || strings.Contains(label, "name") || label == "organisatie" || label == "bedrijf" || label == "company" || subMatch(label):
				name, loc := splitNameLocation(val)
				add(name, loc)
			case reLocLabel.MatchString(label):
				if len(out) > 0 && strings.TrimSpace(val) != "" {
					setLocation(&out[len(out)-1], val)
				}
			default:
				if reListMark.MatchString(t) {
					// "- **Supabase Inc.**: hosting (Frankfurt)": a list item
					// that gives a name and, after the colon, its task
					add(strings.TrimLeft(strings.TrimSpace(m[1]), "-*• "), "")
					lastItem = true
				}
			}
			continue
		}
		if m := reListItem.FindStringSubmatch(t); m != nil {
			name, loc := splitNameLocation(m[1])
			add(name, loc)
			lastItem = true
			continue
		}
		// tables
		if strings.Contains(t, "|") || strings.Contains(l.Text, "\t") {
			cells := splitCells(l.Text)
			if isSeparatorRow(cells) {
				continue // "|---|:---|"
			}
			if len(cells) == 2 && reKVName.MatchString(normalize(cells[0])) {
				name, loc := splitNameLocation(cells[1])
				add(name, loc)
				kv, lastItem = true, true
				continue
			}
			if kv {
				if len(cells) == 2 && reLocLabel.MatchString(normalize(cells[0])) && len(out) > 0 {
					setLocation(&out[len(out)-1], cells[1])
				}
				lastItem = true
				continue // other fields of the same sub-processor
			}
			if header == nil && (looksLikeHeader(cells) || li+1 < len(d.lines) && isSeparatorRow(splitCells(d.lines[li+1].Text))) {
				header = cells // a markdown header row stands above its separator row
				continue
			}
			if len(cells) > 0 {
				nameCol, locCol := 0, -1
				for i, h := range header {
					hn := normalize(h)
					if strings.Contains(hn, "naam") || strings.Contains(hn, "name") || subMatch(hn) || strings.Contains(hn, "partij") || strings.Contains(hn, "entity") {
						nameCol = i
					}
					if reLocLabel.MatchString(hn) {
						locCol = i
					}
				}
				if nameCol < len(cells) {
					loc := ""
					if locCol >= 0 && locCol < len(cells) {
						loc = cells[locCol]
					} else {
						for i, c := range cells {
							if i != nameCol && countryOf(c) != "" {
								loc = c
								break
							}
						}
					}
					name := cells[nameCol]
					if header == nil && len(cells) == 2 && !strings.Contains(normalize(cells[1]), " ") {
						name = strings.Join(cells, " | ") // "OCLC | HKA"
					}
					add(name, loc)
					lastItem = true
				}
			}
			continue
		}
		if reLegalForm.MatchString(t) && utf8.RuneCountInString(t) < 70 && !strings.HasSuffix(t, ".") {
			name, loc := splitNameLocation(t)
			add(name, loc)
			continue
		}
		if reAddressLike.MatchString(t) || utf8.RuneCountInString(t) > 60 {
			continue
		}
		if len(out) > 0 && !strings.Contains(t, ":") {
			inBlock = false // a heading of the next section
		}
	}
	if len(out) == 0 {
		inlineSubprocessors(d, add)
	}
	return out
}

// subHeaderCell reports a table header row with a cell that is only the
// word sub-processor ("Subverwerker", "**Sub-processor**").
func subHeaderCell(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		n := strings.Trim(normalize(c), ` *:`)
		if utf8.RuneCountInString(n) <= 20 && subMatch(n) && !strings.Contains(n, " ") {
			return true
		}
	}
	return false
}

var (
	// "maakt gebruik van Google Cloud (inclusief Firebase) als subverwerker",
	// "uses Acme Mail as a sub-processor"
	reUsesAsSub = lazyCompile(`(?i)(?:maakt gebruik van|gebruikt|schakelt|uses|engages)\s+(\p{Lu}[^()\n]{1,60}?)\s*(?:\([^)]*\)\s*)?(?:in\s+)?(?:als|as)\s+(?:een\s+|a\s+|de\s+|its\s+)?(?:sub-?verwerker|sub-?processor|subprocessor)`)
	// "de volgende subverwerkers: A (hosting), B en C." in running text
	reInlineSubList = lazyCompile(`(?i)(?:sub-?verwerkers|sub-?processors|subprocessors)\s*(?:\([^)]*\))?\s*:\s*([^.\n]+(?:\.[a-z][^.\n]*)*)`)
	reDashAside     = lazyCompile(`\s[—–-]\s[^—–]*?\s[—–-]\s`)
	reParenAside    = lazyCompile(`\([^)]*\)`)
	reSubChange     = lazyCompile(`wijziging|verander|toevoeg|vervang|nieuwe|\bchanges?\b|\badd(?:s|ing|ition)|\breplac|\bnew\b`)
	reItemSplit     = lazyCompile(`,|;|\s(?:en|and)\s`)
	reItemLead      = lazyCompile(`^(?:(?:en|and|of|or|optioneel|optionally|ook|also)\b\s*)+`)
)

// inlineSubprocessors reads sub-processors named in running text: "X als
// subverwerker" and a list after "de volgende subverwerkers:" inside a
// sentence, split at commas and "en"/"and" outside brackets.
func inlineSubprocessors(d *doc, add func(name, loc string)) {
	for i := range d.sents {
		s := &d.sents[i]
		if !subMatch(s.Norm) {
			continue
		}
		t := collapseSpaces(s.Text)
		for _, m := range reUsesAsSub.FindAllStringSubmatch(t, -1) {
			add(m[1], "")
		}
		m := reInlineSubList.FindStringSubmatch(t)
		if m == nil || !reSubListIntro.MatchString(normalize(t)) {
			continue
		}
		list := reDashAside.ReplaceAllString(" "+m[1]+" ", " ")
		list = reParenAside.ReplaceAllString(list, "")
		for _, part := range reItemSplit.Split(list, -1) {
			part = strings.TrimSpace(reItemLead.ReplaceAllString(strings.TrimSpace(part), ""))
			if part == "" {
				continue
			}
			if !unicode.IsUpper([]rune(part)[0]) {
				// "alleen als de Klant dat aanzet Taalbrug": the name is the
				// run of capitalised words that ends the item
				f := strings.Fields(part)
				k := len(f)
				for k > 0 && len(f)-k < 3 && unicode.IsUpper([]rune(f[k-1])[0]) {
					k--
				}
				if k == len(f) || k == 0 {
					continue
				}
				part = strings.Join(f[k:], " ")
			}
			if len(strings.Fields(part)) > 4 {
				continue
			}
			add(part, "")
		}
	}
}

func splitCells(s string) []string {
	var cells []string
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '\t' }) {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	return cells
}

func looksLikeHeader(cells []string) bool {
	hits := 0
	for _, c := range cells {
		if reHeaderCell.MatchString(normalize(c)) {
			hits++
		}
	}
	return hits >= 2 || hits == 1 && len(cells) == 1
}

// splitNameLocation cuts "Flores BV, gevestigd te Amsterdam" into name and place.
func splitNameLocation(s string) (string, string) {
	s = strings.TrimSpace(strings.NewReplacer("**", "", "*", "").Replace(s))
	m := reNameCutSub.FindStringIndex(s)
	if m == nil {
		return s, ""
	}
	name := s[:m[0]]
	rest := strings.TrimSpace(s[m[0]:])
	rest = strings.TrimLeft(rest, ",;: ")
	rest = reLocPrefix.ReplaceAllString(rest, "")
	rest = strings.Trim(rest, " ()")
	if countryOf(rest) == "" && !strings.Contains(strings.ToLower(rest), "eu") {
		rest = ""
	}
	return name, rest
}

func setLocation(ns *NamedSubprocessor, loc string) {
	loc = strings.Trim(collapseSpaces(loc), " |.;")
	if loc == "" {
		return
	}
	ns.Location = ptr(loc)
	if c := countryOf(loc); c != "" {
		ns.Country = ptr(c)
	} else {
		ns.Country = nil
	}
}

// isSeparatorRow reports a markdown table separator row ("---", ":---:").
func isSeparatorRow(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" || !strings.Contains(c, "--") {
			return false
		}
	}
	return true
}

var nameConnectors = map[string]bool{"van": true, "de": true, "der": true, "den": true, "het": true, "en": true, "of": true, "and": true, "the": true, "für": true, "und": true, "y": true, "et": true, "la": true, "le": true, "des": true, "du": true, "&": true, "von": true, "zu": true}

// lowerWords counts the words of s that start with a lower-case letter and
// are not connectors of names ("van", "and", "de").
func lowerWords(s string) int {
	k := 0
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !nameConnectors[w] {
			k++
		}
	}
	return k
}

// noConsent finds "zonder (voorafgaande) toestemming" and the like.
func noConsent(n string) []int {
	if !strings.Contains(n, "zonder") && !strings.Contains(n, "without") && !strings.Contains(n, "absence") {
		return nil
	}
	return reNoConsent.FindStringIndex(n)
}

// reKVName: the name row of a key-value table per sub-processor.
var reKVName = lazyCompile(`\b(?:legal name|full name|company name|name of (?:the )?(?:subprocessor|subverwerker|company|entity)|bedrijfsnaam|naam (?:van de )?(?:subverwerker|organisatie))\b`)

// isTransferRule reports a sentence about processing outside the EEA/EU.
func isTransferRule(n string) bool {
	return reOutside.MatchString(n) && (reEEA.MatchString(n) || reEUOnly.MatchString(n) || strings.Contains(n, "third countr") || strings.Contains(n, "derde land"))
}

var reListed = lazyCompile(`\b(?:are|is) listed\b|\bzijn (?:vermeld|opgenomen)\b|\bstaan vermeld\b`)
