package contract

import "strings"

// Topic bits: a cheap keyword pass per sentence and paragraph, so that the
// (slower) regular expressions only run where they can match.
const (
	tBreach uint32 = 1 << iota
	tTime
	tSub
	tLoc
	tAudit
	tCost
	tEnd
	tMoney
	tLaw
	tOwn
	tChange
	tWbp
	tA
	tB
	tC
	tE
	tF
	tH
	tDelete
)

var topicWords = []struct {
	bit   uint32
	words []string
}{
	{tBreach, []string{"datalek", "breach", "inbreuk", "incident", "lek", "meldplicht"}},
	{tTime, []string{"uur", "uren", "hour", "hrs", "dag", "day", "week", "weken", "maand", "month", "jaar", "year", "onverwijld", "vertraging", "delay", "direct", "onmiddellijk", "spoedig", "snel", "prompt", "immediate", "asap", "forthwith", "terstond", "possible", "practicable", "z.s.m", " h "}},
	{tSub, []string{"sub", "hulpleverancier", "onderaannemer", "derden", "third part", "andere verwerker", "other processor", "another processor", "nevenverwerker"}},
	{tLoc, []string{" eer", "(eer", "eer)", "eea", "e.e.r", "europ", " eu", "(eu", "eu-", "derde land", "third countr", "buiten", "outside", "doorgifte", "transfer"}},
	{tAudit, []string{"audit", "inspect", "controle", "toets", "onderzoek", "tpm", "isae", "soc", "examin", "plaatse", "on-site", "memorandum"}},
	{tCost, []string{"kost", "cost", "expense", "vergoed", "fee", "rekening", "charge", "tarie", "betaal", "pay"}},
	{tEnd, []string{"beëindig", "beeindig", "einde", "afloop", "eindigt", "ontbinding", "expir", "terminat", "end of", "cease", "opzegging", "stopzetting", "upon the end", "ends", "ended", "after the contract", "after the agreement"}},
	{tDelete, []string{"vernietig", "verwijder", "wis", "delete", "deletion", "destr", "erase", "erasure", "inaccessible", "onbruikbaar", "terug", "retour", "return", "hand over", "overhandig", "overdragen", "overgedragen", "beschikking", "beschikbaar", "available", "export", "transfer", "opvolgend", "download", "retrieve", "ophalen", "op te halen"}},
	{tMoney, []string{"eur", "€"}},
	{tLaw, []string{"recht", "law"}},
	{tOwn, []string{"doel", "nut", "train", "optimi", "develop", "kwaliteit", "statist", "wetenschap", "marketing", "product", "verbeter", "purpose", "improv", "analytic", "benchmark", "research", "commercial", "reclame", "advertis"}},
	{tChange, []string{"wijzig", "herzien", "aanpas", "aan te pas", "amend", "modif", "change", "update", "revise"}},
	{tWbp, []string{"wbp", "wet bescherming", "34a"}},
	{tA, []string{"instruct", "directed", "direction", "opdracht", "opgedragen", "instructed", "on behalf", "namens"}},
	{tB, []string{"geheim", "vertrouwelijk", "confidential", "confidence", "confidentiality", "secrecy", "non-disclosure", "nondisclosure"}},
	{tC, []string{"maatregel", "measure", "32", "iso", "nen", "bio", "beveiliging", "security"}},
	{tE, []string{"betrokkene", "data subject", "interested part", "person concerned", "individual"}},
	{tF, []string{"32", "dpia", "pia", "effectbeoordeling", "impact assessment", "raadpleging", "consultation", "datalek", "breach", "inbreuk", "incident", "meldplicht"}},
	{tH, []string{"informatie", "information", "informeren", "inform", "notify", "certific", "tpm", "isae", "soc", "memorandum", "verklaring"}},
}

type topicWord struct {
	w   string
	bit uint32
}

// topicIndex lists the topic words by their first two bytes.
var topicIndex = func() map[uint16][]topicWord {
	idx := map[uint16][]topicWord{}
	for _, tw := range topicWords {
		for _, w := range tw.words {
			k := uint16(w[0])<<8 | uint16(w[1])
			idx[k] = append(idx[k], topicWord{w, tw.bit})
		}
	}
	return idx
}()

// topicsOf returns the topic bits of a normalised text.
func topicsOf(n string) uint32 {
	var t uint32
	for i := 0; i+1 < len(n); i++ {
		for _, tw := range topicIndex[uint16(n[i])<<8|uint16(n[i+1])] {
			if t&tw.bit == 0 && strings.HasPrefix(n[i:], tw.w) {
				t |= tw.bit
			}
		}
	}
	return t
}

// anyOf reports whether n contains one of words.
func anyOf(n string, words []string) bool {
	for _, w := range words {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func (s *sentence) has(bits uint32) bool { return s.Topics&bits != 0 }

// paraHas reports a topic in the paragraph of s.
func (d *doc) paraHas(s *sentence, bits uint32) bool { return d.paras[s.Para].Topics&bits != 0 }
