package contract

import (
	"strings"
)

// art28Rules: a sentence supports an element when it matches every
// pattern of one of the element's rules.
var art28Rules = map[string][][]*lazyRegexp{
	"a": {
		{rx(`(?:schriftelijke|gedocumenteerde|documented|written)\s+(?:\w+\s+){0,2}instructi`)},
		{rx(`(?:uitsluitend|alleen|enkel|slechts|only|solely)\b.{0,80}(?:instructi|opdracht van|in opdracht|on behalf of|namens|opgedragen)`)},
		{rx(`(?:overeenkomstig|volgens|conform|in accordance with|on the basis of|op basis van)\s+(?:de\s+|the\s+)?(?:\w+\s+){0,2}instructi`)},
		{rx(`in opdracht van\s+(?:de\s+)?(?:` + ctrlWords + `)`), rx(`verwerk|process`)},
		{rx(`(?:niet toegestaan|not permitted|not allowed)\b.{0,120}(?:opgedragen|instructed)`)},
		{rx(`instructions? (?:of|from) the (?:controller|customer)`)},
		{rx(`(?:only|solely|uitsluitend|alleen)\b.{0,80}(?:as directed|directions? (?:of|from)|as instructed)`)},
		{rx(`\b(?:` + ctrlWords + `)s? instructs? (?:the )?(?:` + procWords + `|us|we)\b.{0,40}\bprocess`)},
	},
	"b": {
		{rx(`geheimhoud|vertrouwelijk|geheim (?:te )?houden|confidential|geheimhoudingsplicht|geheimhoudingsverklaring|geheimhoudingsovereenkomst`), rx(`medewerker|werknemer|personen|personeel|een ieder|ieder die|iedereen|eenieder|everyone|anyone|onder (?:zijn|haar|het) gezag|employees|staff|personnel|persons|individuals|authori[sz]ed|vertegenwoordigers|voor hen werkzame`)},
		{rx(`(?:hold|keep|treat)\s+(?:\w+\s+){0,4}in (?:strict(?:est)? )?confidence|strictly confidential|strikt vertrouwelijk`)},
		{rx(`\b(?:ensure|maintain|guarantee|waarborg\w*|zorg\w* voor)\s+(?:the\s+)?(?:confidentiality|geheimhouding|vertrouwelijkheid)\b`)},
		// Dutch word order: "geheimhouding (van de gegevens) te waarborgen"
		{rx(`\b(?:geheimhouding|vertrouwelijkheid)\s+(?:\S+\s+){0,6}?(?:te\s+)?(?:waarborgen|garanderen|betrachten|in acht (?:te )?nemen)\b`)},
		{rx(`secrecy|non-?disclosure|geheimhoudingsverplichting`), rx(`personnel|staff|employees|persons|medewerkers|personeel|werknemers`)},
		// "Processor obligations: instructions; confidentiality; ...": the
		// bare duty as an item under the processor's obligations
		{rx(`\b(?:` + procWords + `)(?:'s)?\s+(?:obligations?|duties|verplichtingen|plichten)\s*:\s*(?:confidentiality|geheimhouding|vertrouwelijkheid)\b`)},
		{rx(`geheimhoudingsplicht|duty of confidentiality|duty of non-?disclosure|confidentiality obligation|obligation of confidentiality|geheimhouding betrachten|geheim houden`), rx(`persoonsgegevens|personal data|gegevens|informatie|information`)},
	},
	"c": {
		{rx(`\b(?:ensure|maintain|guarantee|waarborg\w*|zorg\w* voor)\s+(?:\w+\s+){0,2}(?:security|beveiliging)\b`)},
		{rx(`technische en organisatorische|technical and organi[sz]ational|technische- en organisatorische|beveiligingsmaatregelen|security measures|passend beveiligingsniveau|passend beschermingsniveau verzekeren|artikel 32|article 32|art\. 32|iso ?27001|nen ?7510|\bbio\b.{0,20}(?:baseline|informatiebeveiliging)|passende maatregelen|appropriate measures`)},
	},
	"d": {
		{rx(subWords + `|inschakel\w* (?:van )?derden|derden .{0,40}(?:in te schakelen|inschakelen)|gebruik (?:te )?maken van derden|(?:performed|carried out) by third parties|uitgevoerd door derden|uitbested\w* aan derden`), rx(`toestemming|bezwaar|consent|object|authori[sz]|inschakel|in te schakelen|engage|dezelfde|same|verplicht|obligat|aansprakelijk|liable|schriftelijke overeenkomst|written (?:contract|agreement)|gemeld|inform|notif|opgenomen|listed|\blist\b|lijst|\buse\b|gebruik|performed|uitgevoerd`)},
	},
	"e": {
		{rx(`rechten van (?:de )?betrokkenen?|verzoek(?:en)? van (?:een |de )?betrokkenen?|betrokkenen?\b.{0,80}\b(?:rechten|verzoek)|data subjects?(?:'s?|s')? (?:rights|requests)|rights of (?:the )?data subjects?|requests? from (?:a |the )?data subjects?|data subjects?\b.{0,60}(?:request|exercis)`), rx(`verzoek|request|medewerking|bijstand|assist|help|ondersteun|afhandel|uitoefen|exercis|respond|beantwoord|doorgestuurd|doorsturen|forward|procedure|termijn`)},
		{rx(`(?:interested part(?:y|ies)|person concerned|individuals?)\b.{0,80}\brequests?\b`), rx(`forward|doorsturen|doorgestuurd|assist|help|respond`)},
		{rx(`\b(?:inzage|rectificatie|correctie|verbetering|dataportabiliteit|overdraagbaarheid|access|rectification|erasure|portability)\b`), rx(`betrokkene|data subject`), rx(`verzoek|request|medewerking|assist|bijstand`)},
	},
	"f": {
		{rx(`(?:artikelen?|articles?|arts?\.?) 32 ?(?:tot en met|t/m|-|to|through|until|up to and including|and) ?36`)},
		{rx(`gegevensbeschermingseffectbeoordeling|\bdpia|\bpia'?s?\b|data protection impact assessment|privacy impact assessment|voorafgaande raadpleging|prior consultation`)},
		{rx(`datalek|data breach|personal data breach|\bbreach notifications?\b|\bincident notifications?\b|inbreuk|beveiligingsincident|security incident|meldplicht|breach(?:es)? (?:affecting|involving|concerning|of (?:personal|security|customer))|(?:discover\w*|aware of|detect\w*) (?:a|any|the) breach|notif\w* (?:\w+ ){0,2}(?:of )?(?:any )?breach(?:es)?\b`), rx(`meld|inform|notif|kennis|op de hoogte|mededel|medegedeeld|bijstand|assist|medewerking|ondersteun`)},
	},
	"g": {}, // from the end-of-contract finding
	"h": {}, // from the audit finding, plus information to demonstrate compliance
}

var reInfoCompliance = lazyCompile(`(?:information|informatie)\b.{0,40}\b(?:to demonstrate|om .{0,30}aan te tonen)|(?:informeren|inform\w*|notify|informatie verstrekken)\s+(?:\w+\s+){0,4}(?:over|on|about|regarding|in regard to) (?:de |the )?(?:door (?:haar|hem|verwerker) )?(?:genomen |getroffen )?(?:maatregelen|measures)|(?:alle|all)\s+(?:\w+\s+){0,3}(?:informatie|information)\b.{0,160}(?:aan (?:te )?tonen|naleving|demonstrat|compliance|nakoming)|(?:informatie|information)\b.{0,80}(?:nodig|necessary|needed)\b.{0,60}(?:aan te tonen|demonstrate)|certific|\btpm\b|\bisae\b|soc ?2|third party memorandum|derdenverklaring|derden-verklaring`)

var art28Gate = map[string]uint32{"a": tA, "b": tB, "c": tC, "d": tSub, "e": tE, "f": tF, "g": tEnd, "h": tH | tAudit}

var (
	reRightsHeading = rx(`rechten van (?:de )?betrokkene|verzoeken van betrokkene|data subjects?'? rights|rights of (?:the )?data subjects|betrokkenen`)
	reAssist        = rx(`medewerking|bijstand|assist|ondersteun|help|afhandel|cooperat`)
)

func rx(s string) *lazyRegexp { return lazyCompile(s) }

// isPlaceholderSentence reports a drafting note left in a template, wholly
// in square brackets: "[Noem subverwerkers en de voorwaarden.]". It says
// what the clause should hold, not that it holds it.
func isPlaceholderSentence(n string) bool {
	t := strings.TrimRight(strings.TrimSpace(n), ".;")
	return strings.HasPrefix(t, "[") && strings.HasSuffix(strings.TrimRight(t, "."), "]") && strings.Count(t, "[") == 1
}

func analyseArt28(d *doc, a *Analysis) {
	for _, letter := range Art28Letters {
		el := Element{Evidence: []Evidence{}}
		for i := range d.sents {
			s := &d.sents[i]
			if strings.Contains(s.Heading, "definitie") || strings.Contains(s.Heading, "definition") {
				continue
			}
			if letter == "e" && d.headMatch(reRightsHeading, s.Heading) && reAssist.MatchString(s.Norm) {
				el.Evidence = addEvidence(el.Evidence, d.evidence(s), 3)
				continue
			}
			if !s.has(art28Gate[letter]) || isPlaceholderSentence(s.Norm) {
				continue
			}
			n := s.Norm
			if li := d.leadIn(s); li != "" {
				// "Processor shall ensure that persons authorised ...:" /
				// "- are bound by confidentiality obligations"
				n = li + " " + n
			}
			for _, rule := range art28Rules[letter] {
				ok := true
				for _, re := range rule {
					if !re.MatchString(n) {
						ok = false
						break
					}
				}
				if ok {
					el.Evidence = addEvidence(el.Evidence, d.evidence(s), 3)
					break
				}
			}
			if len(el.Evidence) >= 3 {
				break
			}
		}
		switch letter {
		case "g":
			if a.EndOfContract != NotAddressed {
				el.Evidence = append(el.Evidence, a.Evidence["end_of_contract"]...)
			}
		case "h":
			if a.Audit.Excluded && !a.Audit.Right {
				// audits excluded: a report instead of an audit is not art. 28(3)(h)
				a.Art28[letter] = Element{Evidence: []Evidence{}}
				continue
			}
			if a.Audit.Right {
				for _, e := range a.Audit.Evidence {
					el.Evidence = addEvidence(el.Evidence, e, 3)
				}
			}
			for i := range d.sents {
				s := &d.sents[i]
				if s.has(tH) && len(el.Evidence) < 4 && reInfoCompliance.MatchString(s.Norm) {
					el.Evidence = addEvidence(el.Evidence, d.evidence(s), 4)
				}
			}
		}
		el.Present = len(el.Evidence) > 0
		a.Art28[letter] = el
	}
}
