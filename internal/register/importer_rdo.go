package register

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"path"
	"sort"
	"strings"

	"privacyregister/internal/apperr"
	"privacyregister/internal/country"
)

// The export of the Dutch government's processing register
// (minvws/nl-rdo-dataprocessing-register): a zip with a folder per
// register ("AVG Verantwoordelijke Verwerkingen", "AVG Verwerker
// Verwerkingen", "WPG Verantwoordelijke Verwerkingen"), under it JSON
// files, each an array of processing records (verwerkingen) in Dutch
// field names. Files in other folders are skipped, as that register's own
// import does. The zip is read in memory, never unpacked to disk; its
// limits are checked before (checkZip), and a name that climbs out of its
// folder refuses the file.

var rdoRegisters = map[string]bool{
	"AVG Verantwoordelijke Verwerkingen": true,
	"AVG Verwerker Verwerkingen":         true,
	"WPG Verantwoordelijke Verwerkingen": true,
}

func isRDOExport(zr *zip.Reader) bool {
	for _, f := range zr.File {
		top, _, _ := strings.Cut(f.Name, "/")
		if rdoRegisters[top] && strings.EqualFold(path.Ext(f.Name), ".json") {
			return true
		}
	}
	return false
}

type rdoParty struct {
	Naam, Functie, Land string
}

type rdoText struct{ Omschrijving string }

type rdoRecord struct {
	Status, Naam, Nummer, Dienst string
	Verantwoordelijken           []rdoParty
	Contactpersonen              []rdoParty
	Verwerkers                   []rdoParty
	Doelen                       []map[string]any
	Betrokkenen                  json.RawMessage // AVG: a list; WPG: an object of yes/no
	Betrokkene                   map[string]any  // WPG
	Categorien                   []rdoText
	Systemen                     []rdoText
	Ontvangers                   []rdoText
	Ontvanger                    map[string]any // WPG
	BijzondereGegevens           map[string]any // WPG
	Beveiliging                  struct {
		Pseudonimisering, Encryptie            string
		ElectronischeWeg, Toegang, Maatregelen []string
	}
	Doorgifte struct {
		BuitenEu                                                            *bool
		BuitenEuOmschrijving, BuitenEuPassendBeschermingsniveauOmschrijving string
	}
}

type rdoSubject struct {
	Omschrijving string
	Gegevens     []struct{ Omschrijving, Bewaartermijn string }
	special      map[string]bool
}

// rdoSpecial are the yes/no fields of special categories of data, with the
// name of the category (art. 9 GDPR).
var rdoSpecial = []struct{ key, name string }{
	{"RasOfEtniciteit", "ras of etnische afkomst"}, {"PolitiekeGezindheid", "politieke opvattingen"},
	{"GodsdienstOfLevensovertuiging", "godsdienst of levensovertuiging"}, {"LidmaatschapVakvereniging", "lidmaatschap van een vakbond"},
	{"Genetisch", "genetische gegevens"}, {"Biometrisch", "biometrische gegevens"}, {"Gezondheid", "gezondheid"},
	{"SeksueleLeven", "seksueel gedrag of seksuele gerichtheid"}, {"Strafrechtelijk", "strafrechtelijke gegevens"},
}

func parseRDO(zr *zip.Reader, l Limits) (*Table, error) {
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	ft := newFlat(l, "Number", "Processing activity", "Register", "Department", "Status", "Controller", "Contact person",
		"Purposes and lawful basis", "Categories of data subjects", "Categories of personal data", "Retention period",
		"Systems", "Processors", "Recipients", "Transfers outside the EEA", "Other transfers", "Security measures", "Security notes")
	var notes []Issue
	var read []string
	num := 0
	for _, f := range files {
		name := f.Name
		if strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || strings.Contains("/"+name+"/", "/../") {
			return nil, apperr.Invalidf("file", "The ZIP file holds a path outside its folder (%q): refused.", name)
		}
		top, _, _ := strings.Cut(name, "/")
		if !rdoRegisters[top] || !strings.EqualFold(path.Ext(name), ".json") || f.FileInfo().IsDir() {
			continue
		}
		data, err := readZipFile(f)
		if err != nil {
			return nil, err
		}
		var recs []rdoRecord
		if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), &recs); err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "%s is not a list of processing records in JSON.", name)
		}
		read = append(read, name)
		for _, r := range recs {
			num++
			vals, n := rdoRow(top, r, num)
			notes = append(notes, n...)
			if err := ft.add(num, vals); err != nil {
				return nil, err
			}
		}
	}
	if num == 0 {
		return nil, errNoProcessing()
	}
	return ft.table(LayoutRDO, read, notes)
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The ZIP file could not be read.")
	}
	defer rc.Close()
	// archive/zip fails an entry that inflates beyond its declared size,
	// which checkZip has already bounded.
	data, err := io.ReadAll(io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The ZIP file could not be read.")
	}
	return data, nil
}

func names(ps []rdoParty) []string {
	var out []string
	for _, p := range ps {
		if p.Functie != "" {
			out = append(out, p.Naam+" ("+p.Functie+")")
		} else {
			out = append(out, p.Naam)
		}
	}
	return out
}

func texts(ts []rdoText) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Omschrijving)
	}
	return out
}

// trueKeys lists the keys of m whose value is true, sorted: the WPG
// register answers its lists (suspects, victims; articles) with yes/no.
func trueKeys(m map[string]any) []string {
	var out []string
	for k, v := range m {
		if b, ok := v.(bool); ok && b {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func rdoRow(register string, r rdoRecord, num int) (map[string]string, []Issue) {
	var notes []Issue
	note := func(col, msg string, args ...any) {
		notes = append(notes, Issue{Row: num, Column: col, Msg: msg, Args: args})
	}
	var purposes []string
	for _, d := range r.Doelen {
		str := func(k string) string { v, _ := d[k].(string); return strings.TrimSpace(v) }
		desc := str("Doel")
		if desc == "" {
			desc = str("Omschrijving")
		}
		if desc == "" { // WPG: the purposes are articles of the Wpg, ticked
			var arts []string
			for _, k := range trueKeys(d) {
				arts = append(arts, "art. "+strings.TrimPrefix(k, "Artikel")+" Wpg")
			}
			desc = strings.Join(append(arts, str("Toelichting")), ", ")
		}
		basis := ""
		if rg := str("Rechtsgrond"); rg != "" {
			if b, err := parseBasis(rg); err == nil {
				basis = string(b)
			} else {
				desc += " (" + rg + ")"
				note("Purposes and lawful basis", "Unknown lawful basis %q: kept in the purpose's text; choose the basis after the import.", rg)
			}
		}
		purposes = append(purposes, joinParts(desc, basis))
	}
	var subjects, data, retention []string
	var list []rdoSubject
	if len(r.Betrokkenen) > 0 && r.Betrokkenen[0] == '[' {
		var raw []map[string]json.RawMessage
		if err := json.Unmarshal(r.Betrokkenen, &raw); err == nil {
			for _, m := range raw {
				var s rdoSubject
				b, _ := json.Marshal(m)
				_ = json.Unmarshal(b, &s)
				s.special = map[string]bool{}
				for _, sp := range rdoSpecial {
					var v bool
					if json.Unmarshal(m[sp.key], &v) == nil && v {
						s.special[sp.key] = true
					}
				}
				list = append(list, s)
			}
		}
	} else {
		var m map[string]any
		if json.Unmarshal(r.Betrokkenen, &m) == nil {
			subjects = append(subjects, trueKeys(m)...)
		}
		subjects = append(subjects, trueKeys(r.Betrokkene)...)
	}
	special := map[string]bool{}
	for _, s := range list {
		subjects = append(subjects, s.Omschrijving)
		for _, g := range s.Gegevens {
			data = append(data, joinParts(g.Omschrijving, kindLabels[guessKind(g.Omschrijving)].en, g.Bewaartermijn))
			retention = append(retention, g.Bewaartermijn)
		}
		for k := range s.special {
			special[k] = true
		}
	}
	for k := range r.BijzondereGegevens {
		if v, ok := r.BijzondereGegevens[k].(bool); ok && v {
			special[k] = true
		}
	}
	for _, sp := range rdoSpecial {
		if special[sp.key] {
			kind := KindSpecial
			if sp.key == "Strafrechtelijk" {
				kind = KindCriminal
			}
			data = append(data, joinParts(sp.name, kindLabels[kind].en))
		}
	}
	for _, c := range r.Categorien {
		data = append(data, joinParts(c.Omschrijving, kindLabels[guessKind(c.Omschrijving)].en))
	}
	recipients := texts(r.Ontvangers)
	for _, k := range trueKeys(r.Ontvanger) {
		if strings.HasPrefix(k, "Artikel") {
			recipients = append(recipients, "art. "+strings.TrimPrefix(k, "Artikel")+" Wpg")
		}
	}
	var transfers, other []string
	if d := r.Doorgifte; d.BuitenEu != nil && *d.BuitenEu {
		if _, ok := country.Lookup(d.BuitenEuOmschrijving); ok {
			transfers = append(transfers, joinParts(d.BuitenEuOmschrijving, d.BuitenEuPassendBeschermingsniveauOmschrijving))
		} else {
			other = append(other, joinParts(d.BuitenEuOmschrijving, d.BuitenEuPassendBeschermingsniveauOmschrijving))
			note("Transfers outside the EEA", "Transfer outside the EU to %q: not a country the import knows; kept as text under Other transfers.", d.BuitenEuOmschrijving)
		}
	}
	var measures []string
	b := r.Beveiliging
	for _, m := range b.Maatregelen {
		measures = append(measures, joinParts(m, measureKindLabels[Organisational].en))
	}
	// The other answers explain rather than name measures: kept as text.
	var security []string
	for _, m := range [][2]string{{"Pseudonimisering", b.Pseudonimisering}, {"Encryptie", b.Encryptie}} {
		if v := m[1]; v != "" && !isNone(v) {
			security = append(security, m[0]+": "+v)
		}
	}
	for _, v := range append(b.Toegang, b.ElectronischeWeg...) {
		if !isNone(v) {
			security = append(security, "Toegang: "+v)
		}
	}
	ret := strings.ReplaceAll(uniqueLines(retention), "\n", "; ")
	return map[string]string{
		"Number": r.Nummer, "Processing activity": r.Naam, "Register": register, "Department": r.Dienst, "Status": r.Status,
		"Controller": strings.Join(names(r.Verantwoordelijken), ", "), "Contact person": strings.Join(names(r.Contactpersonen), ", "),
		"Purposes and lawful basis": uniqueLines(purposes), "Categories of data subjects": uniqueLines(subjects),
		"Categories of personal data": uniqueLines(data), "Retention period": ret,
		"Systems": uniqueLines(texts(r.Systemen)), "Processors": uniqueLines(names(r.Verwerkers)),
		"Recipients": uniqueLines(recipients), "Transfers outside the EEA": uniqueLines(transfers),
		"Other transfers": uniqueLines(other), "Security measures": uniqueLines(measures), "Security notes": uniqueLines(security),
	}, notes
}
