package contract

import (
	"strings"

	"privacyregister/internal/country"
)

// ---- data location ----

var (
	reRegion            = `(?:eer|eea|e\.e\.r\.|europese economische ruimte|european economic area|eu|e\.u\.|europese unie|european union|europa|europe)`
	reInside            = lazyCompile(`(?:binnen|within|inside|in)\s+(?:de\s+|het\s+|the\s+)?(?:grenzen van de\s+|territory of the\s+|landen (?:binnen|van) de\s+|countries (?:of|within) the\s+|lidstaten van de\s+|member states of the\s+)?` + reRegion + `\b`)
	reOutside           = lazyCompile(`(?:buiten|outside(?: of)?|niet-|non-)\s*(?:de\s+|het\s+|the\s+)?` + reRegion + `\b|derde land|derde landen|third countr|landen buiten|countries outside|doorgifte|transfer`)
	reEUOnly            = lazyCompile(`\b(?:eu|e\.u\.|europese unie|european union)\b`)
	reEEA               = lazyCompile(`\b(?:eer|eea|e\.e\.r\.|europese economische ruimte|european economic area)\b`)
	reAdequate          = lazyCompile(`passend beschermingsniveau|passend niveau van bescherming|adequa\w* (?:level|protection|countr|jurisdiction|beschermingsniveau|decision|besluit)|adequacy|adequaatheid|gelijkwaardig beschermingsniveau`)
	reLocConsent        = lazyCompile(`toestemming|instemming|goedkeuring|geautoriseerd|geïnstrueerd|geinstrueerd|instructie|consent|approv|authori[sz]|instruct|akkoord`)
	reRestrict          = lazyCompile(`verboden|prohibited|forbidden|uitsluitend|louter|alleen|enkel|slechts|only|solely|exclusively|niet buiten|not outside|geen .{0,60}buiten|no .{0,60}outside|shall not|zal niet|mag niet|may not|garandeert|guarantees|ensures?`)
	reInstrTransfer     = lazyCompile(`(?:with regard to|ten aanzien van|met betrekking tot|inzake|including) (?:de |the )?(?:transfers?|doorgifte)`)
	reSafeguards        = lazyCompile(`wettelijke voorschriften|wettelijke vereisten|conform de wet|in overeenstemming met (?:de )?(?:wet|avg|toepasselijke)|passende waarborgen|appropriate safeguards|standaard ?(?:contract)?bepalingen|standard contractual clauses|\bscc|binding corporate rules|\bbcr|privacy shield|data privacy framework|applicable (?:data protection )?law|chapter v|hoofdstuk v|legal requirements|modelcontract|(?:valid|approved|recognised|recognized|lawful) (?:data )?transfer mechanism|standaardcontract|model clauses`)
	reSafeguardsTail    = lazyCompile(reSafeguards.String() + `|passende (?:maatregelen|waarborgen)|appropriate (?:measures|safeguards)|adequate safeguards|(?:andere|een) (?:wettelijke )?grondslag|toegestaan (?:op grond|op basis) van|permitted under|article 49|artikel 49|derogation`)
	reNoneWithout       = lazyCompile(`\s(?:zonder|without)\s*:\**$`)
	reLocHedge          = lazyCompile(`\b(?:in beginsel|in principe|waar mogelijk|zo veel mogelijk|zoveel mogelijk|bij voorkeur|where possible|wherever possible|in principle|as far as possible|preferably|primarily|by default)\b`)
	reNegTransfer       = lazyCompile(`\b(?:niet|geen|not|no|never|nooit)\s+(?:\S+\s+){0,3}?(?:transfer|process|doorg|verwerk|opsla|opgeslagen|stor|host|export|move|verplaats|overdr)`)
	reOnlyWord          = lazyCompile(`\b(?:alleen|uitsluitend|slechts|enkel|only|solely|exclusively)\b`)
	reDefinition        = lazyCompile(`^[\d.\s]*["“'‘]?[\p{L} ]{2,60}["”'’]?\s+(?:\([^)]*\)\s+)?(?:means|betekent|has the meaning|heeft de betekenis)\b|^[\d.\s]*["“][^"”]{2,60}["”]\s*(?:or|of)\s*["“][^"”]{2,20}["”]\s+(?:means|betekent)\b`)
	reLocOr             = lazyCompile(`\s(?:of|or|dan wel|ofwel)\s`)
	reWithoutSafeguards = lazyCompile(`\b(?:zonder|without)\s+(?:\S+\s+){0,3}?(?:passende|appropriate|adequate|geschikte|suitable|valid|geldige)\s+(?:waarborgen|safeguards|transfer mechanism|doorgiftemechanism)`)
	reLocUnless         = lazyCompile(`\b(?:tenzij|unless|except|behalve|met uitzondering)\b`)
)

// consentAlternative reports a consent word that only offers another way
// out besides the safeguards ("..., or as otherwise authorised by").
func consentAlternative(n string) bool {
	sm := reSafeguards.FindStringIndex(n)
	if sm == nil {
		return false
	}
	// "an approved transfer mechanism" before the safeguards is no consent
	// rule; a consent word after them must follow an "or"
	for _, cm := range reLocConsent.FindAllStringIndex(n[sm[1]:], -1) {
		between := n[sm[1] : sm[1]+cm[0]]
		if !reLocOr.MatchString(between) || reNegation.MatchString(between) {
			return false
		}
	}
	return true
}

func analyseLocation(d *doc, a *Analysis) {
	var inside, restrict, adequate, outConsent, outFree, outStrong, outMedium, restrictNeg, eea, eu, mentioned bool
	var ev []Evidence
	skipUntil := -1
	scc := sccHeadings(d)
	for i := range d.sents {
		s := &d.sents[i]
		if !s.has(tLoc) && !d.headMatch(reTransferHeading, s.Heading) || i <= skipUntil && s.Heading == d.sents[skipUntil-6].Heading {
			continue
		}
		if scc[s.Heading] {
			continue // the text of the SCCs annexed is the mechanism, not the agreement's rule
		}
		n := s.Norm
		in := reInside.MatchString(n)
		out := reOutside.MatchString(n) && (reEEA.MatchString(n) || reEUOnly.MatchString(n) || strings.Contains(n, "derde land") || strings.Contains(n, "third countr") || strings.Contains(n, "landen buiten") || strings.Contains(n, "countries outside"))
		// "## 5. International transfers / We rely on adequacy decisions
		// and/or SCCs": the heading says what the sentence is about
		transferHead := !in && !out && (d.headMatch(reTransferHeading, s.Heading) || reTransferHeading.MatchString(sentenceLabel(n))) && (reSafeguards.MatchString(n) || reLocConsent.MatchString(n))
		if transferHead {
			out = true
		}
		if !in && !out {
			continue
		}
		if strings.Contains(s.Heading, "definitie") || strings.Contains(s.Heading, "definition") || reInstrTransfer.MatchString(n) {
			continue
		}
		if out && !reDefinition.MatchString(n) {
			mentioned = true
		}
		// only sentences about where personal data are processed
		if !reLocVerb.MatchString(n) && !transferHead {
			continue
		}
		if in {
			inside = true
		}
		if reEEA.MatchString(n) {
			eea = true
		}
		if reEUOnly.MatchString(n) {
			eu = true
		}
		if reAdequate.MatchString(n) {
			adequate = true
		}
		// "only in the EEA, unless appropriate safeguards are in place":
		// the exception lets data go out without the controller's consent
		exceptFree := false
		m := reLocUnless.FindStringIndex(n)
		if m == nil {
			// "Geen doorgifte naar derde landen zonder:" followed by the
			// grounds as list items is "not outside, unless:"
			if k := reNoneWithout.FindStringIndex(n); k != nil && reNegation.MatchString(n[:k[0]]) {
				m = []int{k[0] + 1, k[1]}
			}
		}
		if m != nil && (in || out) {
			tail := n[m[0]:]
			list := false
			if strings.HasSuffix(strings.TrimRight(tail, " *"), ":") {
				// "unless:" followed by the grounds as list items
				tail, list = d.followingText(i, 6), true
				skipUntil = i + 6 // the grounds are part of this exception
			}
			alternatives := list || strings.Contains(tail, " or ") || strings.Contains(tail, " of ") || strings.Contains(tail, ";")
			exceptFree = reSafeguardsTail.MatchString(tail) && (!reLocConsent.MatchString(tail) || alternatives)
		}
		if !exceptFree && in && out && reSafeguards.MatchString(n) && !reLocConsent.MatchString(n) && reLocOr.MatchString(n) {
			// "binnen de EER of met passende waarborgen voor doorgifte
			// buiten de EER": the safeguards are an alternative to the EEA
			exceptFree = true
		}
		hedged := reLocHedge.MatchString(n)
		if exceptFree {
			outFree, outStrong = true, true
		} else if in && reRestrict.MatchString(n) && !hedged {
			restrict = true
		}
		if out && !exceptFree {
			safe := reSafeguards.MatchString(n)
			switch {
			case safe && reLocConsent.MatchString(n) && consentAlternative(n) && reLocConsent.MatchString(n[reSafeguards.FindStringIndex(n)[1]:]):
				// "only where a transfer mechanism such as the SCCs is in
				// place, or as otherwise authorised by the controller"
				outFree, outStrong = true, true
			case reLocConsent.MatchString(n):
				outConsent = true
			case safe && reNegation.MatchString(n) && reWithoutSafeguards.MatchString(n):
				// "zal niet doorgeven buiten de EER zonder passende
				// waarborgen": not without safeguards, so with them
				outFree, outStrong = true, true
			case reNegation.MatchString(n) || reRestrict.MatchString(n) && !safe:
				if !hedged {
					restrict = true
				}
				if reNegTransfer.MatchString(n) {
					restrictNeg = true // "shall not transfer ... outside the EEA"
				}
			case safe:
				// "Alleen met passende waarborgen (SCC's)" lets data out on
				// safeguards alone; "shall ensure the transfer is subject to
				// safeguards" is weaker: it yields to an express prohibition
				outFree = true
				if reDefinition.MatchString(n) {
					break
				}
				if reOnlyWord.MatchString(n) {
					outStrong = true
				} else {
					outMedium = true
				}
			case reMayWord.MatchString(n):
				outFree = true
				if !reDefinition.MatchString(n) {
					outMedium = true // "Customer agrees Provider may transfer outside the EEA"
				}
			}
		}
		ev = addEvidence(ev, d.evidence(s), 3)
	}
	region := LocEEAOnly
	if eu && !eea {
		region = LocEUOnly
	}
	switch {
	case outFree && !restrict && !outConsent, outStrong && !outConsent, outMedium && !outConsent && !restrictNeg:
		// a sentence that lets data out on safeguards alone outweighs a
		// general "processed in the EEA" elsewhere
		a.DataLocation = LocOutsideAllowed
	case (inside || restrict) && (restrict || outConsent):
		if adequate {
			a.DataLocation = LocEEAOrAdequate
		} else {
			a.DataLocation = region
		}
	case outConsent:
		a.DataLocation = LocOutsideConsent
	case outFree:
		a.DataLocation = LocOutsideAllowed
	case inside && adequate:
		a.DataLocation = LocEEAOrAdequate
	case inside, restrict && !outFree:
		// "shall not transfer Personal Data outside the EEA": inside only
		a.DataLocation = region
	default:
		a.DataLocation = NotAddressed
	}
	if len(ev) > 0 && a.DataLocation != NotAddressed {
		a.Evidence["data_location"] = ev
	}
	subprocessorsAbroad(a)
	if a.DataLocation == NotAddressed && mentioned {
		// transfers outside the EEA are spoken of, but no rule reads
		// whether or on what terms they are allowed: say so
		a.Unclear = append(a.Unclear, "data_location")
	}
}

// subprocessorsAbroad: the agreement's own list of sub-processors, engaged
// under a general authorisation, puts one in a country that needs a
// safeguard (a table row "Resend Inc. | e-mail | VS (SCCs)"). Then data do
// leave the EEA without the controller's consent to that transfer,
// whatever a general clause elsewhere says. Under specific consent the list
// is the consent, so nothing changes there.
func subprocessorsAbroad(a *Analysis) {
	if a.Subprocessors.Regime != RegimeGeneralObjection && a.Subprocessors.Regime != RegimeGeneralNoObjection {
		return
	}
	switch a.DataLocation {
	case NotAddressed, LocEEAOnly, LocEUOnly, LocEEAOrAdequate:
	default:
		return
	}
	for _, sp := range a.Subprocessors.Named {
		if sp.Country != nil && country.StandingOf(*sp.Country).NeedsSafeguard() {
			a.DataLocation = LocOutsideAllowed
			return
		}
	}
}

// ---- audit ----

var (
	reAuditWord  = lazyCompile(`audit|\bauditor|inspecti|\binspect|controleren|(?:\b|conformiteits|nalevings|compliance)controles?\b|te (?:laten )?toetsen|laten toetsen|edp-auditor|third party memorandum|\btpm\b|\bisae\b|soc ?2|onderzoek|examination|review of the processor|on-site|ter plaatse`)
	reAuditRight = lazyCompile(`(?:` + ctrlWords + `)s?\b.{0,100}?\b(?:is gerechtigd|heeft\b.{0,30}\brecht|mag|mogen|kan|kunnen|may|is entitled|has the right|shall have the right|is allowed|is permitted|can|reserves the right|is bevoegd)\b.{0,200}?(?:audit|controle|controleren|inspect|toetsen|onderzoek|examin|laten uitvoeren)|(?:heeft|has|have)\s+(?:de\s+|the\s+)?(?:` + ctrlWords + `)\b.{0,60}\b(?:recht|right)\b.{0,200}?(?:audit|controle|controleren|inspect|toetsen|onderzoek)|(?:staat toe|maakt mogelijk|werkt mee aan|(?:verleent|verlenen|verleen) (?:\w+\s+){0,3}medewerking aan|allow(?:s)? for|shall allow|shall permit|contribute(?:s)? to|submit(?:s)? to|cooperate with|make available .{0,80} for)\b.{0,80}(?:audit|inspecti|controle)|(?:op verzoek|on request|at the request|upon request)\b.{0,120}(?:audit|onderzoek|inspect)|(?:audit|onderzoek|inspectie)\w*\s+op verzoek|audit .{0,30}(?:mag|may) .{0,40}plaatsvinden|(?:stelt|stellen|enables?|allows?)\b.{0,60}\b(?:in staat|to)\b.{0,80}(?:audit|controle|controleren|inspect|onderzoek)|(?:audit|inspecti|controle|onderzoek)\w*\b.{0,80}\b(?:door|by)\b(?: of namens| or on behalf of)?\s+(?:de |the |een |an? )?(?:door |by )?(?:\w+\s+)?(?:` + ctrlWords + `)\b|(?:onderwerpt|onderwerpen) zich aan .{0,40}(?:audit|controle|inspect)|\b(?:je|jij|u|you)\s+(?:mag|mogen|kunt|kan|may|can|are entitled to|have the right to)\b.{0,100}?(?:audit|controle|controleren|inspect|toetsen)|(?:audit|controle|inspectie)\w*\b.{0,80}\b(?:werken|werkt)\b.{0,30}\bmee\b|\b(?:` + procWords + `)(?:'s)?\s+(?:obligations?|duties|verplichtingen|plichten)\s*:\s*(?:\w+\s+){0,3}(?:audits?|inspecties?|inspections?)\b|\b(?:staat|staan)\s+(?:\S+\s+){0,3}?(?:audits?|inspecties?|controles?)\s+toe\b|\bin staat (?:te )?stellen\b.{0,60}(?:audit|controle|inspect)`)
	reNoAudit    = lazyCompile(`(?:geen|no|not)\s+(?:\w+\s+){0,3}(?:recht op|right to)\s+(?:\w+\s+){0,2}(?:audit|inspect|controle)|in plaats van (?:een )?audit|instead of (?:an )?(?:on-site )?audit|niet gerechtigd .{0,60}(?:audit|controle)|not (?:be )?entitled to .{0,40}audit|(?:kan|kunnen|mag|mogen)\s+geen\s+(?:\w+\s+){0,2}(?:audit|inspectie|controle)|(?:may|can|shall)\s+not\s+(?:\w+\s+){0,3}(?:audit|inspect)|cannot\s+(?:\w+\s+){0,3}(?:audit|inspect)`)
	reFreq       = lazyCompile(`(?:eens|een keer|één keer|eenmaal|1 keer|1x|once|one time|maximaal een keer|ten hoogste een keer)\s+(?:per|every|in|a|each|elk|ieder|iedere|om de)\s+(?:(\w+)\s+)?(jaar|jaren|year|years|maanden|months|maand|month|kalenderjaar|calendar year)|(?:om de|every|elke|iedere)\s+(\w+)\s+(jaar|years|maanden|months)|(halfjaarlijks|semi-annual|twice a year|twee keer per jaar|tweemaal per jaar|per kwartaal|quarterly|driejaarlijks|tweejaarlijks|jaarlijks\b|annually|yearly|per jaar|each year|every year|per year|elk jaar|ieder jaar)`)
	reCostWord   = lazyCompile(`kosten|voor rekening van|\bcost|expense|kosteloos|free of charge|at no (?:additional )?(?:cost|charge)|vergoed|\bfee|in rekening|charge|tarie|betaal|\bpay`)
	rePayer      = lazyCompile(`\b([\p{L}]+)\s+(?:is|are|shall be|will be|remains)\s+responsible for (?:all |any )?(?:the )?(?:costs|expenses)|\b([\p{L}]+)\s+is verantwoordelijk voor (?:alle |de )?kosten|^[\d.\s]*(?:de\s+|het\s+|the\s+)?([\p{L}]+)\s+(?:zal|zullen|shall|will|must|moet)\b.{0,80}\b(?:kosten|costs|expenses)\b.{0,80}\b(?:betalen|dragen|vergoeden|voldoen|pay|bear|reimburse)\b|(?:op kosten van|kosten\b.{0,40}?\b(?:zijn|komen|blijven) voor(?: rekening van)?|voor rekening van|gedragen door|betaald door|ten laste van|in rekening (?:worden |wordt )?(?:ge)?br[ae]cht bij|in rekening brengen bij|borne by|paid by|charged to|at the expense of|reimbursed by|vergoed door)\s+(?:de\s+|het\s+|the\s+)?([\p{L}]+)|door\s+(?:de\s+)?([\p{L}]+)\s+(?:worden\s+|wordt\s+)?gedragen|\b([\p{L}]+)'?s?\s+(?:own\s+)?(?:cost|expense)|(?:de\s+|the\s+)?([\p{L}]+)\s+(?:draagt|betaalt|vergoedt|bears|pays|shall bear|shall pay|will bear|will pay|reimburses)\b`)
	reOwnCost    = lazyCompile(`op eigen kosten|voor eigen rekening|at (?:its|their|his|her) own (?:cost|expense)|own costs`)
	reFreeCost   = lazyCompile(`kosteloos|free of charge|at no (?:additional )?(?:cost|charge)|zonder (?:extra |bijkomende )?kosten|without (?:additional )?charge`)
	reUnless     = lazyCompile(`tenzij|unless|save (?:for|where|when|if)|except (?:where|if|when)|behalve|behoudens|indien .{0,80}(?:tekortkom|niet (?:is )?nagekomen|niet conform|non-compliance|fout|schending)|if .{0,80}(?:non-compliance|breach|fails|failure)`)
	reCostHead   = lazyCompile(`^(?:artikel|article|art\.|clause)\s*\d+[.:]?\s*(?:kosten|costs|vergoeding|vergoedingen|fees|charges|tarieven)`)
)

var rightWords = []string{"obligation", "verplichting", " toe", "mee", "recht", "right", "gerechtigd", "mag", "may", "kan", "can", "entitled", "allow", "permit", "contribut", "submit", "cooperat", "staat toe", "mogelijk", "medewerking", "verzoek", "request", "bevoegd", "mogen", "kunnen", "available", "in staat", "enable", "mee aan", "onderwerp", "door", " by "}

func analyseAudit(d *doc, a *Analysis) {
	au := &a.Audit
	au.Cost = CostNotStated
	var ctrlPays, procPays, conditional bool
	auditParas := map[int]bool{}
	neg := false
	auditLeadIns := matchCache{re: reAuditWord, seen: map[string]bool{}}
	for i := range d.sents {
		s := &d.sents[i]
		n := s.Norm
		// a list item reads with its lead-in: "De klant heeft recht op:" /
		// "- een jaarlijkse audit"; "Audits worden uitgevoerd:" / "- 1x per jaar"
		if li := d.leadIn(s); li != "" && (s.has(tAudit) || auditLeadIns.match(li)) {
			n = li + " " + n
		} else if !s.has(tAudit) {
			continue
		}
		if !reAuditWord.MatchString(n) && !d.paraMatch(reAuditWord, s) {
			continue
		}
		isAudit := reAuditWord.MatchString(n)
		if isAudit && reNoAudit.MatchString(n) {
			neg = true
			au.Evidence = addEvidence(au.Evidence, d.evidence(s), 4)
		} else if isAudit && anyOf(n, rightWords) && reAuditRight.MatchString(n) && !reNotAuditCtx.MatchString(n) {
			au.Right = true
			auditParas[s.Para] = true
			au.Evidence = addEvidence(au.Evidence, d.evidence(s), 4)
		}
		if isAudit && au.FrequencyMonths == nil {
			if m := freqPeriod(n); m != nil {
				if k := atoiSafe(m[1]); k > 0 {
					au.FrequencyMonths = ptr(k)
					au.Evidence = addEvidence(au.Evidence, d.evidence(s), 5)
				}
			}
		}
		if isAudit && au.FrequencyMonths == nil {
			if m := reFreq.FindStringSubmatch(n); m != nil {
				if f := freqMonths(m); f > 0 {
					au.FrequencyMonths = ptr(f)
					au.Evidence = addEvidence(au.Evidence, d.evidence(s), 5)
				}
			}
		}
	}
	au.Excluded = neg && !au.Right
	if !au.Right && !neg {
		// an audit for or by the controller is mentioned in a wording no
		// rule reads: say so instead of claiming there is no audit right
		for i := range d.sents {
			s := &d.sents[i]
			if s.has(tAudit) && reAuditNoun.MatchString(s.Norm) && reCtrl.MatchString(s.Norm) && !reNotAuditCtx.MatchString(s.Norm) && !reNotAuditNoun.MatchString(s.Norm) {
				a.Unclear = append(a.Unclear, "audit_right")
				au.Evidence = addEvidence(au.Evidence, d.evidence(s), 4)
				break
			}
		}
	}
	// cost: sentences in audit paragraphs (or in the paragraph after one) that speak of costs
	classify := func(s *sentence) bool {
		n := s.Norm
		if !reCostWord.MatchString(n) {
			return false
		}
		found := false
		for _, m := range rePayer.FindAllStringSubmatch(n, -1) {
			w := strings.Join(m[1:], "")
			switch personRole(w) {
			case "controller":
				ctrlPays, found = true, true
			case "processor":
				procPays, found = true, true
			}
		}
		if reOwnCost.MatchString(n) {
			if role, _ := firstRole(n); role == "controller" {
				ctrlPays, found = true, true
			} else if role == "processor" {
				procPays, found = true, true
			}
		}
		if reFreeCost.MatchString(n) {
			procPays, found = true, true
		}
		if found && reUnless.MatchString(n) {
			conditional = true
		}
		return found
	}
	for i := range d.sents {
		s := &d.sents[i]
		if !s.has(tCost) {
			continue
		}
		auditLeadIn := auditLeadIns.match(d.leadIn(s))
		if !auditLeadIn && !s.has(tAudit) && !d.paraHas(s, tAudit) {
			continue
		}
		if !auditLeadIn && !reAuditWord.MatchString(s.Norm) && !d.paraMatch(reAuditWord, s) {
			continue
		}
		if !auditLeadIn && !reAuditWord.MatchString(s.Norm) && !d.paraMatch(reAuditPara, s) {
			continue
		}
		if classify(s) {
			au.Evidence = addEvidence(au.Evidence, d.evidence(s), 6)
		}
	}
	if !ctrlPays && !procPays && au.Right {
		// a general cost article covering assistance under the agreement
		for i := range d.sents {
			s := &d.sents[i]
			if s.has(tCost) && reCostHead.MatchString(s.Heading) && classify(s) {
				au.Evidence = addEvidence(au.Evidence, d.evidence(s), 6)
			}
		}
	}
	switch {
	case ctrlPays && procPays, ctrlPays && conditional:
		au.Cost = CostDepends
	case ctrlPays:
		au.Cost = CostController
	case procPays:
		au.Cost = CostProcessor
	}
}

// matchCache remembers whether re matches a string met before (the lead-in
// of a list is asked once per item).
type matchCache struct {
	re   *lazyRegexp
	seen map[string]bool
}

func (c *matchCache) match(s string) bool {
	if s == "" {
		return false
	}
	v, ok := c.seen[s]
	if !ok {
		v = c.re.MatchString(s)
		c.seen[s] = v
	}
	return v
}

// personRole is roleOfWord that also reads the persons of an agreement
// written as "we" (the processor) and "you" (the controller): "de kosten
// daarvan zijn voor jou".
func personRole(w string) string {
	switch strings.ToLower(w) {
	case "jou", "jij", "je", "u", "you":
		return "controller"
	case "ons", "wij", "we", "us":
		return "processor"
	}
	return roleOfWord(w)
}

func freqMonths(m []string) int {
	unitMonths := func(num, unit string) int {
		k := 1
		if num != "" {
			if v, ok := numberWords[num]; ok {
				k = v
			} else if v := atoiSafe(num); v > 0 {
				k = v
			}
		}
		switch {
		case strings.HasPrefix(unit, "jaar") || strings.HasPrefix(unit, "year") || strings.Contains(unit, "year") || strings.Contains(unit, "jaar"):
			return 12 * k
		case strings.HasPrefix(unit, "maand") || strings.HasPrefix(unit, "month"):
			return k
		}
		return 0
	}
	switch {
	case m[2] != "":
		return unitMonths(m[1], m[2])
	case m[4] != "":
		return unitMonths(m[3], m[4])
	case m[5] != "":
		switch m[5] {
		case "halfjaarlijks", "semi-annual", "twice a year", "twee keer per jaar", "tweemaal per jaar":
			return 6
		case "per kwartaal", "quarterly":
			return 3
		case "driejaarlijks":
			return 36
		case "tweejaarlijks":
			return 24
		default:
			return 12
		}
	}
	return 0
}

func atoiSafe(s string) int {
	v := 0
	for _, r := range s {
		if r < '0' || r > '9' || v > 1000 {
			return 0
		}
		v = v*10 + int(r-'0')
	}
	return v
}

// ---- end of contract ----

var (
	reEndCtx     = lazyCompile(`\bends\b|\bended\b|after the (?:contract|agreement)|beëindig|beeindig|\beinde\b|afloop|\beindigt\b|ontbinding|expir|terminat|\bend of\b|ceases?|upon the end|na afloop|opzegging|wanneer de (?:overeenkomst|dienstverlening) eindigt|stopzetting`)
	reDeleteWord = lazyCompile(`vernietig|verwijder|\bwis\b|wissen|uitwissen|gewist|delete|deletion|destroy|destruction|erase|erasure|render inaccessible|onbruikbaar|vernietiging`)
	reReturnWord = lazyCompile(`\bretour\b|terugbezorg|teruggave|terugleve|terug te leveren|teruggeleverd|retourne|teruggeven|terug te geven|teruggegeven|terugsturen|\breturn|hand over|overhandig|overdragen aan|overgedragen aan|ter beschikking (?:gesteld|stellen|worden gesteld)|beschikbaar (?:gesteld|stellen)|make available|made available|exporteren|export|download|retrieve|ophalen|op te halen|overdragen|overdracht|transfer .{0,30}to (?:the )?(?:controller|customer|a successor)|aan een opvolgend`)
	reCondReturn = lazyCompile(`(?:indien|if|where|als|wanneer)\s+(?:zo\s+|so\s+)?(?:\w+\s+){0,2}(?:overeengekomen|agreed)`)
	reChoice     = lazyCompile(`naar keuze|ter (?:vrije )?keuze|keuze van|at the (?:choice|option|election|discretion|request|instruction)|as (?:the )?(?:controller|customer) (?:chooses|elects|instructs|requests)|controller'?s? (?:choice|option|discretion|election)|customer'?s? (?:choice|option|discretion|election)|op (?:eerste )?verzoek van|in opdracht van|op instructie van|naar gelang|whichever|zoals (?:de )?(?:verwerkingsverantwoordelijke|verantwoordelijke|opdrachtgever) (?:bepaalt|aangeeft|wenst)`)
	reAltOr      = lazyCompile(`\b(?:of|or|dan wel|ofwel|either)\b`)
)

func analyseEnd(d *doc, a *Analysis) {
	var del, ret, choice bool
	var ev []Evidence
	for i := range d.sents {
		s := &d.sents[i]
		n := s.Norm
		if !s.has(tDelete) {
			continue
		}
		// the sentence, its paragraph or the heading of its article speaks of the end
		if !endHeading(d, s.Heading) && (!s.has(tEnd) && !d.paraHas(s, tEnd) || !reEndCtx.MatchString(n) && !d.paraMatch(reEndCtx, s)) {
			continue
		}
		if strings.Contains(s.Heading, "definitie") || strings.Contains(s.Heading, "definition") {
			continue
		}
		// art. 17 rights and retention rules are not about the end of the contract
		if reRightsCtx.MatchString(n) {
			continue
		}
		dm := reDeleteWord.FindStringIndex(n)
		rm := reReturnWord.FindStringIndex(n)
		if dm == nil && rm == nil {
			continue
		}
		if dm != nil && reNotEntitled.MatchString(n) {
			dm = nil
		}
		if rm != nil {
			before := n[:rm[0]]
			if len(before) > 90 {
				before = before[len(before)-90:]
			}
			if reCondReturn.MatchString(before) {
				rm = nil
			}
		}
		if dm == nil && rm == nil {
			continue
		}
		if dm != nil {
			del = true
		}
		if rm != nil {
			ret = true
		}
		if dm != nil && rm != nil && reChoice.MatchString(n) {
			choice = true
		}
		if dm != nil && rm != nil && reAltOr.MatchString(n) {
			choice = true
		}
		ev = addEvidence(ev, d.evidence(s), 3)
	}
	switch {
	case del && ret && choice, del && ret:
		a.EndOfContract = EndControllerChoice
	case del:
		a.EndOfContract = EndDelete
	case ret:
		a.EndOfContract = EndReturn
	default:
		a.EndOfContract = NotAddressed
	}
	if len(ev) > 0 {
		a.Evidence["end_of_contract"] = ev
	}
}

// ---- money ----

var (
	reLiability = lazyCompile(`aansprakelijk|liabilit|liable|schadevergoeding|damages`)
	reCap       = lazyCompile(`beperkt tot|beperkt|maximaal|ten hoogste|nooit meer (?:bedragen|zijn) dan|niet meer (?:bedragen|zijn)? ?dan|niet hoger dan|limited to|shall not exceed|will not exceed|does not exceed|not exceed|capped|\bcap\b|maximum|up to|tot een bedrag van|tot maximaal|in totaal|in aggregate|no more than|not more than|at most`)
	rePenalty   = lazyCompile(`\bboete|contractuele boete|boetebeding|\bpenalt|liquidated damages|dwangsom`)
	reRegFine   = lazyCompile(`bestuurlijke boete|administrative fine|toezichthoud|autoriteit|supervisory|regulator|artikel 83|article 83|\bap\b|overheids`)
)

func analyseMoney(d *doc, a *Analysis) {
	for i := range d.sents {
		s := &d.sents[i]
		if !s.has(tMoney) {
			continue
		}
		n := s.Norm
		ams := amounts(n)
		if len(ams) == 0 {
			continue
		}
		if rePenalty.MatchString(n) && !reRegFine.MatchString(n) {
			if a.PenaltyEUR == nil {
				a.PenaltyEUR = ptr(ams[0].EUR)
				a.Evidence["penalty"] = []Evidence{d.evidence(s)}
			}
			continue
		}
		// a list item reads with its lead-in: "Voor de aansprakelijkheid
		// geldt:" / "- met een maximum van € 1.000"
		liabLeadIn := false
		if li := d.leadIn(s); li != "" && reLiability.MatchString(li) && !reInsurance.MatchString(li) {
			liabLeadIn = true
		}
		if (reLiability.MatchString(n) || liabLeadIn) && reCap.MatchString(n) && !reInsurance.MatchString(n) || d.paraMatch(reLiability, s) && reCapStrong.MatchString(n) {
			v := ams[0].EUR
			for _, am := range ams[1:] {
				if am.EUR < v {
					v = am.EUR
				}
			}
			if a.LiabilityCapEUR == nil || v < *a.LiabilityCapEUR {
				a.LiabilityCapEUR = ptr(v)
				a.Evidence["liability"] = addEvidence(a.Evidence["liability"], d.evidence(s), 3)
			}
		}
	}
}

var (
	reLocVerb     = lazyCompile(`(?:geeft|geven|gaan|gaat)\b.{0,60}\bdoor\b|verwerk|opsla|opgeslagen|doorg|overdr|transfer|process|stor|host|toegankelijk|accessible|plaatsvind|plaats vind|locat`)
	reMayWord     = lazyCompile(`mag|mogen|kan|may|can|is toegestaan|allowed|permitted`)
	reNotAuditCtx = lazyCompile(`beveiligingsincident|toegekende bevoegdheden|access control|inspect (?:the |any |such |all )?(?:agreements?|contracts?|documents?|records?|invoices?)\b|(?:overeenkomsten|contracten|stukken) in te zien`)
	reAuditPara   = lazyCompile(`\baudit|\bonderzoek|\bcontrole|inspect`)
	reRightsCtx   = lazyCompile(`recht op|right to|verzoek(?:en)? van (?:een )?betrokkene|data subject`)
	reNotEntitled = lazyCompile(`niet gerechtigd|not entitled|not permitted|niet toegestaan|shall not`)
	reInsurance   = lazyCompile(`verzeker|insur`)
	reCapStrong   = lazyCompile(`nooit meer (?:bedragen|zijn) dan|shall not exceed|limited to|beperkt tot|capped`)
)

var reEndHeading = lazyCompile(`\bretour\b|retourner|beëindig|beeindig|\beinde\b|afloop|terminat|expir|\bend of\b|duur en|term and|teruggave|return (?:and|or) delet|delet\w* (?:and|or) return|deletion|vernietiging`)

// endHeading reports an article heading about the end of the agreement or
// the return and deletion of data (memoised per heading).
func endHeading(d *doc, h string) bool {
	if h == "" {
		return false
	}
	v, ok := d.endHeading[h]
	if !ok {
		v = reEndHeading.MatchString(h) && !strings.Contains(h, "definitie") && !strings.Contains(h, "definition")
		d.endHeading[h] = v
	}
	return v
}

// followingText returns the normalised text of up to n sentences after
// sentence i under the same heading.
func (d *doc) followingText(i, n int) string {
	var b strings.Builder
	for j := i + 1; j < len(d.sents) && j <= i+n; j++ {
		if d.sents[j].Heading != d.sents[i].Heading {
			break
		}
		b.WriteString(d.sents[j].Norm)
		b.WriteString(" ; ")
	}
	return b.String()
}

// reFreqPeriod: "once per 12-month period", "eens per 24 maanden".
var reFreqPeriod = lazyCompile(`(?:once|one time|eens|een keer|één keer|eenmaal|1 keer|1x)\s+(?:per|every|in|each|elke|iedere|in any|in a|om de)\s+(\d{1,2})[- ]?(?:months?|maanden|maand)\b`)

func freqPeriod(n string) []string {
	if !strings.Contains(n, "once") && !strings.Contains(n, "eens") && !strings.Contains(n, "keer") && !strings.Contains(n, "maal") && !strings.Contains(n, "1x") && !strings.Contains(n, "one time") {
		return nil
	}
	return reFreqPeriod.FindStringSubmatch(n)
}

var reTransferHeading = lazyCompile(`international (?:data )?transfers?|^(?:personal )?data transfers?$|transfers? (?:of personal data )?(?:outside|to third)|doorgifte|buiten de (?:eer|eu)|derde landen|third countr`)

var (
	reAuditNoun    = lazyCompile(`\baudits?\b|\binspecties?\b|\binspections?\b`)
	reNotAuditNoun = lazyCompile(`inspection requests?|requests? for inspection|data subjects?|betrokkenen?|interested part|audit (?:logs?|trails?)|auditlog`)
)

var (
	reSCCSelf     = lazyCompile(`\b(?:these|deze) (?:clauses|clausules|bepalingen)\b`)
	reClauseHead  = lazyCompile(`^(?:clause|clausule) \d+\b`)
	reSCCAnnexHdr = lazyCompile(`(?:annex|bijlage|appendix).*(?:standard contractual clauses|standaardcontractbepalingen|\bsccs?\b|transfer addendum|doorgifte-addendum)`)
)

// sccHeadings finds the headings under which the standard contractual
// clauses themselves are reproduced: "Clause 14" headings in a document
// whose "Clause" sections speak of "these Clauses", and annexes titled as
// the clauses or a transfer addendum.
func sccHeadings(d *doc) map[string]bool {
	out := map[string]bool{}
	selfRef := false
	for i := range d.sents {
		h := d.sents[i].Heading
		if reClauseHead.MatchString(h) && reSCCSelf.MatchString(d.sents[i].Norm) {
			selfRef = true
		}
		if reSCCAnnexHdr.MatchString(h) {
			out[h] = true
		}
	}
	if selfRef {
		for i := range d.sents {
			if h := d.sents[i].Heading; reClauseHead.MatchString(h) {
				out[h] = true
			}
		}
	}
	return out
}

// sentenceLabel returns the label a sentence starts with ("international
// transfers" in "International transfers: SCCs where applicable."), or "".
func sentenceLabel(n string) string {
	k := strings.Index(n, ": ")
	if k < 2 || k > 50 || strings.Count(n[:k], " ") > 4 {
		return ""
	}
	return n[:k]
}
