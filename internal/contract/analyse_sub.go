package contract

import (
	"strings"
	"unicode/utf8"
)

var (
	reConsent      = lazyCompile(`(?:voorafgaande?|vooraf|prior|specifieke?|specific|express|uitdrukkelijke?)\s+(?:\w+\s+){0,3}(?:toestemming|goedkeuring|instemming|consent|approval|authori[sz]ation|akkoord)|(?:na|met|zonder)\s+(?:de\s+)?(?:\w+\s+){0,2}(?:toestemming|goedkeuring|instemming)|(?:only|solely)\s+with\s+(?:the\s+)?(?:\w+\s+){0,3}(?:consent|approval|authori[sz]ation)|without\s+(?:the\s+)?(?:\w+\s+){0,3}(?:consent|approval|authori[sz]ation)`)
	reGeneralAuth  = lazyCompile(`algemene (?:\w+\s+)?(?:toestemming|machtiging|goedkeuring)|general (?:\w+\s+)?(?:authori[sz]ation|consent|approval)|generally authori[sz]ed`)
	reObjection    = lazyCompile(`bezwaar|\bobject(?:ion|s|ing)?\b|verzet|\bopzeg|\bbeëindig|\bbeeindig|\bontbind|terminat|aanvaard|akkoord gaan|\baccept|\bkeuze\b|weiger|refuse|reject`)
	reInformWord   = lazyCompile(`inform|geïnformeerd|geinformeerd|meld|gemeld|kennis|mededeling|aankondig|op de hoogte|notif|notice|bericht|publish|publiceer|lijst|list`)
	rePermission   = lazyCompile(`\b(?:mag|mogen|kan|kunnen|is gerechtigd|zijn gerechtigd|is bevoegd|is toegestaan|heeft het recht|may|can|is entitled|is permitted|is authori[sz]ed|is allowed|hereby authori[sz]es|machtigt|geeft .{0,40}toestemming)\b`)
	reEngageVerb   = lazyCompile(`inschakel|in te schakelen|inzet|in te zetten|gebruik (?:te )?maken|gebruik maakt|engage|appoint|use|subcontract|uitbested|betrekken`)
	reSubListIntro = lazyCompile(`volgende|following|below|hieronder|onderstaande|hierna|listed|list of|lijst|zijn:|are:|namelijk|as follows|overzicht|bijlage`)
	reLegalForm    = lazyCompile(`(?i)\b(?:b\.?v\.?|n\.?v\.?|gmbh|ltd\.?|limited|inc\.?|llc|s\.a\.?|s\.r\.l\.?|sarl|ag|plc|sas|bvba|corp\.?|corporation|oy|ab|a/s|aps|se|v\.o\.f\.?|vof|stichting|holding|group|groep)\b`)
	reListItem     = lazyCompile(`^\s*(?:(?:[-*•o▪◦]|\(?[a-zA-Z0-9]{1,3}[.)]{1,2}\)?)(?:\*\*)?\s+){1,2}(.+)$`)
	reFieldLine    = lazyCompile(`^\s*[-*•]?\s*([^:|]{2,70}?)\s*:\s*\|?\s*(.*?)\s*\|?\s*$`)
	reLetterHead   = lazyCompile(`^\s*(?:[A-Z]|[IVX]{1,4})\.\s+\p{Lu}`)
	reNameCutSub   = lazyCompile(`(?i),?\s+(?:gevestigd|located|based|established|statutair|te\s+\p{Lu}|in\s+\p{Lu})|\s+\(|\s+[-–—]\s+|:\s|;|,\s`)
	reLocPrefix    = lazyCompile(`(?i)^(?:,?\s*(?:gevestigd|located|based|established)\s+(?:te|in|at)?\s*|te\s+|in\s+|\(|[-–—]\s*)`)
	reLocLabel     = lazyCompile(`plaats|land|locatie|location|country|opslag|vestiging|where|regio|region`)
	reHeaderCell   = lazyCompile(`^(?:naam|name|sub|partij|party|leverancier|vendor|supplier|locatie|location|land|country|dienst|service|purpose|doel|activiteit|activity|plaats|verwerking|processing|entity)`)
	reAddressLike  = lazyCompile(`\d|@|www\.|https?://|^\+`)
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
	var specific, objection, general bool
	for i := range d.sents {
		s := &d.sents[i]
		if !isSubContext(d, s) {
			continue
		}
		n := s.Norm
		if strings.Contains(s.Heading, "definitie") || strings.Contains(s.Heading, "definition") {
			continue
		}
		hit := false
		if reConsent.MatchString(n) && !reGeneralAuth.MatchString(n) {
			specific, hit = true, true
		}
		if reGeneralAuth.MatchString(n) {
			general, hit = true, true
		}
		hasSub := subMatch(n)
		if anyOf(n, objectionWords) && reObjection.MatchString(n) && (hasSub || d.paraMatch(reInformWord, s)) ||
			hasSub && d.paraMatch(reObjection, s) && d.paraMatch(reInformWord, s) {
			objection, hit = true, true
		}
		if rePermission.MatchString(n) && reEngageVerb.MatchString(n) && !reNegation.MatchString(n) {
			general, hit = true, true
		}
		if hit {
			sp.Evidence = addEvidence(sp.Evidence, d.evidence(s), 4)
		}
		if sp.ObjectionDays == nil && s.has(tTime) && (reObjection.MatchString(n) || reInformWord.MatchString(n)) {
			for _, du := range durations(n) {
				if days, ok := du.days(); ok && du.Unit != "year" {
					sp.ObjectionDays = ptr(days)
					break
				}
			}
		}
	}
	switch {
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
		if n := utf8.RuneCountInString(name); n < 2 || n > 80 || len(strings.Fields(name)) > 7 || seen[strings.ToLower(name)] || len(out) >= 60 {
			return
		}
		low := normalize(name)
		if rePlaceholder.MatchString(name) && !strings.Contains(low, "x") || subMatch(low) || roleOfWord(name) != "" {
			return
		}
		seen[strings.ToLower(name)] = true
		ns := NamedSubprocessor{Name: name}
		setLocation(&ns, loc)
		out = append(out, ns)
	}
	inBlock, lastItem := false, false
	blockLines := 0
	var header []string
	for _, l := range d.lines {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			if inBlock && lastItem {
				inBlock = false // a list or table ends at a blank line
			}
			continue
		}
		if !inBlock && (!strings.HasSuffix(t, ":") && !strings.HasSuffix(t, ":**") && utf8.RuneCountInString(t) >= 60 || !anyOf(t, subHints)) {
			continue
		}
		n := normalize(t)
		if !inBlock {
			isHead := utf8.RuneCountInString(t) < 60 && !strings.Contains(n, ".") && subMatch(n) && !strings.Contains(n, ".") && !strings.Contains(n, "|") && !reListItem.MatchString(t) ||
				reLetterHead.MatchString(t) && subMatch(n) && utf8.RuneCountInString(t) < 60
			isIntro := (strings.HasSuffix(t, ":") || strings.HasSuffix(t, ":**")) && subMatch(n) && reSubListIntro.MatchString(n)
			if isHead || isIntro {
				inBlock, blockLines, header, lastItem = true, 0, nil, false
			}
			continue
		}
		blockLines++
		lastItem = false
		if blockLines > 120 || l.Label != "" || reLetterHead.MatchString(t) && !subMatch(n) {
			inBlock = false
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
			if header == nil && looksLikeHeader(cells) {
				header = cells
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
	return out
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
