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
	},
	"b": {
		{rx(`geheimhoud|vertrouwelijk|geheim (?:te )?houden|confidential|geheimhoudingsplicht|geheimhoudingsverklaring|geheimhoudingsovereenkomst`), rx(`medewerker|werknemer|personen|personeel|een ieder|ieder die|onder (?:zijn|haar|het) gezag|employees|staff|personnel|persons|individuals|authori[sz]ed|vertegenwoordigers|voor hen werkzame`)},
		{rx(`geheimhoudingsplicht|duty of confidentiality|confidentiality obligation|obligation of confidentiality|geheimhouding betrachten|geheim houden`), rx(`persoonsgegevens|personal data|gegevens|informatie|information`)},
	},
	"c": {
		{rx(`technische en organisatorische|technical and organi[sz]ational|technische- en organisatorische|beveiligingsmaatregelen|security measures|passend beveiligingsniveau|passend beschermingsniveau verzekeren|artikel 32|article 32|art\. 32|iso ?27001|nen ?7510|\bbio\b.{0,20}(?:baseline|informatiebeveiliging)|passende maatregelen|appropriate measures`)},
	},
	"d": {
		{rx(subWords + `|inschakel\w* (?:van )?derden|derden .{0,40}(?:in te schakelen|inschakelen)|gebruik (?:te )?maken van derden`), rx(`toestemming|bezwaar|consent|object|authori[sz]|inschakel|in te schakelen|engage|dezelfde|same|verplicht|obligat|aansprakelijk|liable|schriftelijke overeenkomst|written (?:contract|agreement)|gemeld|inform|notif|opgenomen|listed`)},
	},
	"e": {
		{rx(`rechten van (?:de )?betrokkenen?|verzoek(?:en)? van (?:een |de )?betrokkenen?|betrokkenen?\b.{0,80}\b(?:rechten|verzoek)|data subjects?'? (?:rights|requests)|rights of (?:the )?data subjects?|requests? from (?:a |the )?data subjects?|data subject .{0,60}(?:request|exercis)`), rx(`verzoek|request|medewerking|bijstand|assist|help|ondersteun|afhandel|uitoefen|exercis|respond|beantwoord|doorgestuurd|doorsturen|forward|procedure|termijn`)},
		{rx(`\b(?:inzage|rectificatie|correctie|verbetering|dataportabiliteit|overdraagbaarheid|access|rectification|erasure|portability)\b`), rx(`betrokkene|data subject`), rx(`verzoek|request|medewerking|assist|bijstand`)},
	},
	"f": {
		{rx(`artikelen? 32 (?:tot en met|t/m|-) ?36|articles? 32 (?:to|-) ?36`)},
		{rx(`gegevensbeschermingseffectbeoordeling|\bdpia|\bpia'?s?\b|data protection impact assessment|privacy impact assessment|voorafgaande raadpleging|prior consultation`)},
		{rx(`datalek|data breach|personal data breach|inbreuk|beveiligingsincident|security incident|meldplicht`), rx(`meld|inform|notif|kennis|op de hoogte|mededel|medegedeeld|bijstand|assist|medewerking|ondersteun`)},
	},
	"g": {}, // from the end-of-contract finding
	"h": {}, // from the audit finding, plus information to demonstrate compliance
}

var reInfoCompliance = lazyCompile(`(?:alle|all)\s+(?:\w+\s+){0,3}(?:informatie|information)\b.{0,160}(?:aan (?:te )?tonen|naleving|demonstrat|compliance|nakoming)|(?:informatie|information)\b.{0,80}(?:nodig|necessary|needed)\b.{0,60}(?:aan te tonen|demonstrate)|certific|\btpm\b|\bisae\b|soc ?2|third party memorandum|derdenverklaring|derden-verklaring`)

var art28Gate = map[string]uint32{"a": tA, "b": tB, "c": tC, "d": tSub, "e": tE, "f": tF, "g": tEnd, "h": tH | tAudit}

var (
	reRightsHeading = rx(`rechten van (?:de )?betrokkene|verzoeken van betrokkene|data subjects?'? rights|rights of data subjects|betrokkenen`)
	reAssist        = rx(`medewerking|bijstand|assist|ondersteun|help|afhandel|cooperat`)
)

func rx(s string) *lazyRegexp { return lazyCompile(s) }

func analyseArt28(d *doc, a *Analysis) {
	for _, letter := range Art28Letters {
		el := Element{Evidence: []Evidence{}}
		for i := range d.sents {
			s := &d.sents[i]
			if strings.Contains(s.Heading, "definitie") || strings.Contains(s.Heading, "definition") {
				continue
			}
			if letter == "e" && reRightsHeading.MatchString(s.Heading) && reAssist.MatchString(s.Norm) {
				el.Evidence = addEvidence(el.Evidence, d.evidence(s), 3)
				continue
			}
			if !s.has(art28Gate[letter]) {
				continue
			}
			for _, rule := range art28Rules[letter] {
				ok := true
				for _, re := range rule {
					if !re.MatchString(s.Norm) {
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
