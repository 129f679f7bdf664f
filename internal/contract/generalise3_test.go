package contract_test

import (
	"slices"
	"testing"

	"privacyregister/internal/contract"
)

// Kinds of failure met on the held-apart part of the corpus (issue 14,
// third round), each in a text of our own writing.

// Transfers outside the EEA allowed on safeguards alone, however the rule is
// worded, give outside_allowed (and so the flag): a prohibition "without
// safeguards", "only with safeguards", the EEA or safeguards as
// alternatives, a permission with consent offered as one more way out, a
// hedged "in principle in the EU" beside sub-processors abroad. The text of
// the SCCs annexed is not the agreement's own rule, and a duty to use
// safeguards yields to an express prohibition.
func TestGeneraliseTransfersOnSafeguards(t *testing.T) {
	out := `{"data_location": "outside_allowed", "flags_include": ["outside_eea_without_consent"]}`
	runGeneralise(t, []generaliseCase{
		{name: "not without safeguards", text: `## 9. Doorgifte

9.1 Leverancier geeft geen persoonsgegevens door naar een land buiten de Europese Economische Ruimte zonder passende waarborgen.
`, want: out},
		{name: "only with safeguards under a transfer heading", text: `## 4. Doorgiften buiten de EU

- Enkel met passende waarborgen (modelcontractbepalingen van de Commissie).
`, want: out},
		{name: "EEA or safeguards as alternatives", text: `Hosting gebeurt uitsluitend in datacenters binnen de EER.
Onze subverwerkers zitten binnen de EER of hebben passende waarborgen voor doorgifte buiten de EER, zoals standaardcontractbepalingen.
`, want: out},
		{name: "consent as one more way out", text: `5.1 The Supplier may move Personal Data outside the EEA only where an approved transfer mechanism such as the Standard Contractual Clauses applies, or as the Client otherwise authorises in writing.
`, want: out},
		{name: "hedged inside and safeguards abroad", text: `### 3.2 Locatie
De Leverancier verwerkt de gegevens in beginsel binnen de Europese Unie. Voor zover subverwerkers buiten de EU verwerken, zijn passende waarborgen getroffen.
`, want: out},
		{name: "agreed in the agreement itself", text: `## 7. Transfers
The Customer agrees that the Vendor may transfer Customer Personal Data outside the EEA where needed to run the service.
`, want: out},
		{name: "duty yields to an express prohibition", text: `## 6. Location
6.1 The Vendor shall not process Personal Data outside the EU/EEA.
6.2 If SCCs are used, the Vendor shall ensure that the restricted transfer is subject to adequate safeguards.
`, want: `{"data_location": "eea_only", "flags_exclude": ["outside_eea_without_consent"]}`},
		{name: "annexed SCC text is not the rule", text: `## 5. Transfers
5.1 Personal Data shall be processed only within the EEA and shall not be transferred outside the EEA.

## Annex 3

Clause 1
(a) The purpose of these Clauses is to ensure the protection of data transferred to a third country.

Clause 8
(a) The data importer may transfer the data to a third country only with appropriate safeguards.
`, want: `{"data_location": "eea_only", "flags_exclude": ["outside_eea_without_consent"]}`},
	})
}

// A sub-processor table under a general authorisation that places one
// sub-processor in a third country is a transfer the controller has not
// consented to, even where no clause speaks of transfers; under specific
// consent the list is the consent.
func TestGeneraliseSubprocessorAbroad(t *testing.T) {
	table := `
| Subverwerker | Dienst | Vestiging |
|---|---|---|
| Wolkenbak B.V. | Opslag | Nederland |
| Postduif Inc. | Transactionele e-mail | VS (met SCC's) |
`
	runGeneralise(t, []generaliseCase{
		{name: "general authorisation", text: `## 5. Subverwerkers

5.1 De Verwerker mag subverwerkers inschakelen. Hij meldt een nieuwe subverwerker vooraf; de Klant kan binnen 14 dagen bezwaar maken.
5.2 De huidige subverwerkers zijn:
` + table, want: `{"subprocessor_regime": "general_with_objection", "data_location": "outside_allowed", "flags_include": ["outside_eea_without_consent"]}`},
		{name: "specific consent", text: `## 5. Subverwerkers

5.1 De Verwerker schakelt geen subverwerker in zonder voorafgaande schriftelijke toestemming van de Klant. De Klant stemt in met de volgende subverwerkers:
` + table, want: `{"subprocessor_regime": "specific_consent", "flags_exclude": ["outside_eea_without_consent"]}`},
	})
}

// A remark or another name in brackets after a sub-processor's name is kept
// apart as its note: the name is what a register would match on.
func TestGeneraliseSubprocessorBracketNote(t *testing.T) {
	text := `## 6. Subverwerkers

De Verwerker schakelt de volgende subverwerkers in:

| Subverwerker | Doel | Land |
|---|---|---|
| **Kaartenbak GmbH** (alleen bij de agenda-koppeling) | Agenda | Duitsland |
| Rekenwerk Software Inc. (Teller) | Foutmeldingen | VS |
`
	a := contract.Analyse(text)
	var names, notes []string
	for _, n := range a.Subprocessors.Named {
		names = append(names, n.Name)
		if n.Note != nil {
			notes = append(notes, *n.Note)
		}
	}
	if !slices.Equal(names, []string{"Kaartenbak GmbH", "Rekenwerk Software Inc."}) || !slices.Equal(notes, []string{"alleen bij de agenda-koppeling", "Teller"}) {
		t.Errorf("names %q, notes %q", names, notes)
	}
}

// Parties: a defined term over a blank form is the name when the text never
// puts an article before it; a "Naam:" field under a role label; "X stelt Y
// aan als Verwerker"; "hereinafter will be referred to as: the Data
// Processor"; a bracket with two defined terms; a description ending in a
// role word is no name.
func TestGeneralisePartiesUnseen(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "defined term over a blank form", text: `## 1. Partijen

**Verwerkingsverantwoordelijke ("Praktijkhouder"):**
- Bedrijfsnaam: ______________
- Adres: ______________

**Verwerker ("Zorgrooster"):**
- Bedrijfsnaam: [NAAM INVULLEN]
- Adres: [ADRES]

Zorgrooster verwerkt persoonsgegevens in opdracht van de Praktijkhouder, ook via Zorgrooster-koppelingen.
`, want: `{"processor": "Zorgrooster", "controller": null}`},
		{name: "name field under a role label", text: `**Verwerker:**
Naam: Anna de Vries (eenmanszaak)
Adres: ______________
`, want: `{"processor": "Anna de Vries"}`},
		{name: "appointed as processor", text: `1.1 De Opdrachtgever stelt Pieter Bakker aan als Verwerker voor het beheer van de ledenadministratie.
`, want: `{"processor": "Pieter Bakker"}`},
		{name: "hereinafter will be referred to as", text: `And Quillnote Software Ltd, together with its affiliates (collectively "Quillnote") hereinafter will be referred to as: the "Data Processor".
`, want: `{"processor": "Quillnote Software Ltd"}`},
		{name: "two defined terms in one bracket", text: `This DPA is between: (1) Ferngrove LLC (the "Processor" or "Ferngrove"); and (2) the customer entity that accepted the Terms (the "Controller").
`, want: `{"processor": "Ferngrove LLC", "controller": null}`},
		{name: "a description ending in a role word", text: `**Data Processor:**
Harbour Logistics Platform Provider
[Address]
`, want: `{"processor": null}`},
	})
}

// A terse summary: a label over duties separated by semicolons is a list on
// one line, each duty read with the label ("Processor obligations:") as its
// subject; a label naming transfers gives the sentence its subject too.
func TestGeneraliseLabelList(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "obligations in one line", text: `# Processing terms

**Supplier obligations**: act only on documented instructions; confidentiality; appropriate security measures; sub-processors only with authorisation and the same terms; help with data subject requests; breach notification without undue delay; deletion or return at termination; audits.

**Data transfers**: standard contractual clauses where needed.
`, want: `{"art28": {"a": true, "b": true, "c": true, "d": true, "e": true, "f": true, "g": true, "h": true}, "breach_without_delay": true, "end_of_contract": "controller_choice", "audit_right": true, "data_location": "outside_allowed", "flags_exclude": ["no_audit_right", "notification_over_72h", "missing_art28_elements"]}`},
	})
}

// Defined terms resolve to roles: a controller called "Praktijkhouder" and a
// processor called by its name are read as the controller and the
// processor in every clause.
func TestGeneraliseDefinedTermsResolve(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "defined terms in the rules", text: `## 1. Partijen

**Verwerkingsverantwoordelijke ("Praktijkhouder"):**
- Bedrijfsnaam: ______________

**Verwerker ("Zorgrooster"):**
- Bedrijfsnaam: [NAAM]

## 8. Controle

De Praktijkhouder heeft het recht om Zorgrooster te controleren op de naleving van deze overeenkomst, hooguit eens per jaar.
Controles zijn voor rekening van de Praktijkhouder, tenzij een tekortkoming van Zorgrooster blijkt.
`, want: `{"audit_right": true, "audit_frequency_months": 12, "audit_cost": "depends", "flags_exclude": ["no_audit_right"]}`},
	})
}

// Dutch audit wordings: a separable verb ("staat audits toe") and "in staat
// stellen ... audits uit te voeren".
func TestGeneraliseAuditSeparable(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "staat audits toe", text: `3.6 **Controle** — De Verwerker geeft alle informatie die nodig is om de naleving aan te tonen en staat audits toe op redelijk verzoek.
`, want: `{"audit_right": true, "flags_exclude": ["no_audit_right"]}`},
		{name: "in staat stellen", text: `De Verwerker zal:
   g. **Controle**: de Opdrachtgever in staat stellen audits uit te voeren of te laten uitvoeren, en daaraan meewerken.
`, want: `{"audit_right": true, "flags_exclude": ["no_audit_right"]}`},
	})
}

// Sub-processor regime: an express general authorisation with an objection
// window is the regime, even where a summary of art. 28 elsewhere restates
// "only with prior written consent"; under a sub-processor heading an item
// giving the controller a right to object counts, and "only with a list made
// known in advance" is notice without consent.
func TestGeneraliseSubprocessorRegimeUnseen(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "general authorisation beats a restated consent", text: `## 3. Verplichtingen
De Verwerker zal:
   d. **Subverwerkers**: alleen subverwerkers inschakelen met voorafgaande schriftelijke toestemming van de Opdrachtgever;

## 7. Subverwerkers
7.1 De Opdrachtgever geeft de Verwerker algemene schriftelijke toestemming voor het inschakelen van subverwerkers.
7.2 De Verwerker meldt een nieuwe subverwerker 14 dagen vooraf. De Opdrachtgever kan binnen 14 dagen na de melding bezwaar maken.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 14}`},
		{name: "objection item under the heading", text: `## 7. Subverwerkers

### 7.1 Huidige subverwerkers
De Opdrachtgever geeft hierbij algemene toestemming voor de subverwerkers in bijlage 2.

### 7.2 Wijzigingen
- De Verwerker meldt wijzigingen 30 dagen vooraf
- De Opdrachtgever heeft het recht om gemotiveerd bezwaar te maken
`, want: `{"subprocessor_regime": "general_with_objection"}`},
		{name: "list made known in advance", text: `## 5. Subverwerkers
- Enkel met een vooraf bekendgemaakte lijst; passende waarborgen.
`, want: `{"subprocessor_regime": "general_without_objection"}`},
		{name: "retour and deletion", text: `## 11. Einde overeenkomst
- Verwijdering/retour van de persoonsgegevens volgens het bewaarbeleid.
`, want: `{"end_of_contract": "controller_choice"}`},
	})
}

// A JSX page writes the space before a bold deadline as {' '}: the hours
// are read, and no notification_over_72h is raised on a 72-hour clause.
func TestGeneraliseJSXSpace(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "jsx space before bold hours", file: "page.html", text: `<h3>5. Datalekken</h3>
<p>Bij een inbreuk op persoonsgegevens informeert de Verwerker de klant zo snel mogelijk, en uiterlijk binnen{' '}
<strong className="font-medium">48 uur</strong> na ontdekking.</p>
`, want: `{"breach_hours": 48, "flags_exclude": ["notification_over_72h"]}`},
	})
}

// Changing the service is not changing the agreement: "may implement changes
// in the Services during the term of the Agreement" raises no
// unilateral_changes, "may update this DPA" does.
func TestGeneraliseChangesToService(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "changes in the services", text: `4.1 The Processor may improve and implement changes in the Services during the term of the Agreement.
`, want: `{"flags_exclude": ["unilateral_changes"]}`},
		{name: "changes to the DPA", text: `4.1 The Processor may update this DPA from time to time by posting a new version.
`, want: `{"flags_include": ["unilateral_changes"]}`},
	})
}

// Transfers outside the EEA spoken of in a form no rule reads: the location
// is not_addressed, listed as unclear, and no flag is raised on it.
func TestGeneraliseLocationUnclear(t *testing.T) {
	text := `## 9. Internationaal
Gegevens kunnen in het kader van de dienstverlening ook in derde landen terechtkomen.
`
	a := contract.Analyse(text)
	if a.DataLocation != contract.NotAddressed || !slices.Contains(a.Unclear, "data_location") || slices.Contains(a.Flags, contract.FlagOutsideEEA) {
		t.Errorf("data_location %q, unclear %q, flags %q", a.DataLocation, a.Unclear, a.Flags)
	}
	// a clear rule is not unclear
	a = contract.Analyse("De Verwerker verwerkt de persoonsgegevens uitsluitend binnen de EER.\n")
	if slices.Contains(a.Unclear, "data_location") {
		t.Errorf("clear rule listed as unclear: %q", a.Unclear)
	}
}

// A liability cap as an item under a liability lead-in, and changes to the
// agreement that are announced rather than agreed.
func TestGeneraliseCapLeadInAndAnnouncedChanges(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "cap under lead-in", text: `## 13. Aansprakelijkheid

Voor de aansprakelijkheid van de Verwerker onder deze overeenkomst geldt:
- alleen directe schade
- ten hoogste het bedrag van 6 maanden abonnement, met een maximum van € 2.500
`, want: `{"liability_cap_eur": 2500, "flags_include": ["low_liability_cap"]}`},
		{name: "changes announced", text: `## 15. Wijzigingen
Wijzigingen van deze verwerkersovereenkomst worden twee maanden vooraf per e-mail aangekondigd. Wie niet akkoord is, kan opzeggen.
`, want: `{"flags_include": ["unilateral_changes"]}`},
		{name: "changes agreed", text: `## 15. Wijzigingen
Wijzigingen van deze verwerkersovereenkomst worden alleen in onderling overleg schriftelijk vastgelegd.
`, want: `{"flags_exclude": ["unilateral_changes"]}`},
	})
}

// Art. 28(3) elements in a list under a lead-in, and "the data subject's
// rights" with the possessive.
func TestGeneraliseArt28LeadInAndPossessive(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "confidentiality under a lead-in", text: `3.2 Staff

The Processor shall make sure that everyone it allows to process Personal Data:

- is bound by a duty of confidentiality
- processes Personal Data only as instructed
`, want: `{"art28": {"b": true}}`},
		{name: "possessive data subject's rights", text: `10.1 The Processor shall assist the Controller, as far as possible, in responding to requests for exercising the data subject's rights.
`, want: `{"art28": {"e": true}}`},
	})
}

// An objection window stated in a later sentence of a paragraph about
// sub-processors, after a notice period, is the window.
func TestGeneraliseObjectionWindowInParagraph(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "window after notice in one paragraph", text: `## 2. Processing

2.6 Subprocessors.

- (a) The Vendor tells the Client in writing at least 10 business days in advance of a new Subprocessor. The Client has 21 days after the notice to object; otherwise the change stands.
`, want: `{"objection_days": 21, "subprocessor_regime": "general_with_objection"}`},
	})
}
