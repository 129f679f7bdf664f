package contract

import (
	"regexp"
	"sort"
	"strings"
)

// reRoleAlias: a role with the defined term the agreement uses for it,
// "Verwerkingsverantwoordelijke ("Accountant")", "Processor (the "Vendor")".
var reRoleAlias = lazyCompile(`(?i)\b(` + procWords + `|` + ctrlWords + `)\**\s*\(\s*(?:hierna:?\s*|hereinafter:?\s*)?(?:de\s+|het\s+|the\s+)?["“'‘]+\s*([^"”'’()]{3,30}?)\s*["”'’]+\s*\)`)

// aliasHints: a bracket opening a defined term.
var aliasHints = []string{"(\"", "(“", "('", "(‘", "( \"", "(the ", "(de ", "(het ", "(hierna", "(hereinafter", "(The ", "(De ", "(Hierna", "(Hereinafter"}

// resolveAliases rewrites, in the normalised text the rules read, the
// defined terms and names of the parties into their role words, so that
// "De Accountant heeft het recht om BoekBrug te controleren" is read as the
// controller's right to audit the processor. Quotes and offsets keep the
// original text.
func resolveAliases(d *doc, p Parties, lang string) {
	words := map[string]string{"processor": "processor", "controller": "controller"}
	if lang == "nl" {
		words = map[string]string{"processor": "verwerker", "controller": "verwerkingsverantwoordelijke"}
	}
	alias := map[string]string{} // normalised alias -> role word
	addAlias := func(name, role string) {
		n := strings.Trim(normalize(name), ` .,:;"'`)
		if len([]rune(n)) < 3 || roleOfWord(n) != "" || rePlaceholder.MatchString(n) {
			return
		}
		if prev, ok := alias[n]; ok && prev != words[role] {
			alias[n] = "" // used for both: leave it alone
			return
		}
		alias[n] = words[role]
	}
	limit := min(len(d.lines), 400)
	for i := 0; i < limit; i++ {
		t := d.lines[i].Text
		if !anyOf(t, aliasHints) {
			continue
		}
		for _, m := range reRoleAlias.FindAllStringSubmatch(t, -1) {
			role := roleOfWord(m[1])
			if (role == "processor" || role == "controller") && roleOfWord(m[2]) == "" && !strings.Contains(m[2], " or ") {
				addAlias(m[2], role)
			}
		}
	}
	if p.Processor != nil {
		addAlias(*p.Processor, "processor")
	}
	if p.Controller != nil {
		addAlias(*p.Controller, "controller")
	}
	var keys, plain []string
	for k, v := range alias {
		if v != "" {
			keys = append(keys, regexp.QuoteMeta(k))
			plain = append(plain, k)
		}
	}
	if len(keys) == 0 {
		return
	}
	sort.Slice(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
	re, err := regexp.Compile(`(?:^|\b)(?:` + strings.Join(keys, "|") + `)(?:\b|$)`)
	if err != nil {
		return
	}
	replace := func(s string) string {
		if !anyOf(s, plain) {
			return s // the cheap test first: most sentences name no party
		}
		return re.ReplaceAllStringFunc(s, func(m string) string {
			if w := alias[m]; w != "" {
				return w
			}
			return m
		})
	}
	for i := range d.sents {
		s := &d.sents[i]
		if n := replace(s.Norm); n != s.Norm {
			s.Norm = n
			s.Topics = topicsOf(n)
			d.paras[s.Para].Topics |= s.Topics
		}
	}
	for i := range d.paras {
		if d.paras[i].Norm != "" {
			d.paras[i].Norm = replace(d.paras[i].Norm)
		}
	}
	clear(d.paraCache)
}
