package contract_test

import "testing"

// Kinds of failure met in the second development corpus (issue 14,
// analyser2), each in a text of our own writing.

// Breach clauses written as a list under a lead-in: the processor named in
// the lead-in is the subject of every item, and a paragraph after the list
// is a clause of its own (HTML pages close the list before it), so the
// controller's own 72 hours towards the authority never become the
// processor's deadline.
func TestGeneraliseBreachListLeadIn(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "html list then controller's own duty", file: "x.html", text: `<h2>Artikel 5 - Beveiligingsincidenten</h2>
<p>Bij een inbreuk in verband met persoonsgegevens zal de verwerker:</p>
<ul>
<li>De verwerkingsverantwoordelijke zonder onredelijke vertraging inlichten</li>
<li>Alle gegevens aanleveren die nodig zijn om aan de meldplicht te voldoen</li>
</ul>
<p>De verwerkingsverantwoordelijke meldt het lek zelf binnen 72 uur aan de Gegevensbeschermingsautoriteit indien nodig.</p>
`, want: `{"breach_hours": null, "breach_without_delay": true, "flags_exclude": ["notification_over_72h"]}`},
		{name: "markdown list with lead-in", text: `## 6. Datalekken

Wanneer Leverancier een datalek ontdekt, zal Leverancier als verwerker:

- de Opdrachtgever als verwerkingsverantwoordelijke onverwijld op de hoogte brengen;
- de gevolgen zoveel mogelijk beperken.
`, want: `{"breach_without_delay": true, "flags_exclude": ["notification_over_72h"]}`},
		{name: "the controller as subject still counts as the controller", text: `## 6. Datalekken

De verwerkingsverantwoordelijke meldt een datalek binnen 72 uur aan de toezichthouder.
`, want: `{"breach_hours": null}`},
	})
}

// Audit clauses as a list under a lead-in, in the second person, or as a
// compound noun ("conformiteitscontrole"): each is an audit right, so
// no_audit_right is not raised.
func TestGeneraliseAuditForms(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "list under lead-in", text: `## Artikel 9 - Controle

9.1 De Opdrachtgever heeft recht op:
- een jaarlijkse beveiligingsaudit
- inzage in de rapportages van de Leverancier

9.2 Audits gebeuren:
- na 20 werkdagen aankondiging
- hooguit 1x per jaar
- op kosten van de Opdrachtgever
`, want: `{"audit_right": true, "audit_frequency_months": 12, "audit_cost": "controller", "flags_exclude": ["no_audit_right"]}`},
		{name: "second person", text: `## 11. Toezicht

11.1 Je mag één keer per jaar nagaan of wij deze afspraken nakomen door een controle te laten doen.
11.2 Wil je een audit door een onafhankelijke partij, dan werken wij daaraan mee. De kosten daarvan zijn voor jou, behalve als blijkt dat wij tekortschieten.
`, want: `{"audit_right": true, "audit_frequency_months": 12, "audit_cost": "depends", "flags_exclude": ["no_audit_right"]}`},
		{name: "compound noun with cooperation", text: `## 8. Medewerking

Wij verlenen redelijke medewerking aan een nalevingscontrole door of namens de Klant, mits die twee weken vooraf schriftelijk is aangekondigd.
`, want: `{"audit_right": true, "flags_exclude": ["no_audit_right"]}`},
		{name: "access control is no audit", text: `## 5. Beveiliging

Wij passen toegangscontrole toe op basis van rollen. De Klant kan geen audit laten uitvoeren.
`, want: `{"audit_right": false}`},
	})
}

// A use for own purposes that the sentence itself rules out after naming it
// ("... voorwaarden die het gebruik voor het trainen van modellen
// uitsluiten") is no own purpose.
func TestGeneraliseOwnPurposeRuledOutAfter(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "excluded after the use", text: `## 6. Subverwerkers

Wij nemen de vertaaldienst alleen af onder voorwaarden die het gebruik van klantgegevens voor het trainen van modellen uitsluiten.
`, want: `{"flags_exclude": ["processor_own_purposes"]}`},
		{name: "english prohibited after", text: `## 4. Use of data

Use of Customer Data by Vendor for the improvement of its services is prohibited.
`, want: `{"flags_exclude": ["processor_own_purposes"]}`},
		{name: "still an own purpose", text: `## 4. Gebruik

Verwerker mag de persoonsgegevens gebruiken voor het trainen van zijn eigen modellen.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
	})
}

// A party line that holds a template expression or a description of who
// the party is ("de ... die ...") names no one.
func TestGeneralisePartyDescriptions(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "template expressions", file: "x.html", text: `<h2>Partijen</h2>
<p>Verwerker: {site.legalName}, KvK {site.kvk}, gevestigd te {site.city}.</p>
<p>Verwerkingsverantwoordelijke: {site.tradeName} klant.</p>
<p>Verwerker verwerkt persoonsgegevens uitsluitend in opdracht van de verwerkingsverantwoordelijke.</p>
`, want: `{"processor": null, "controller": null}`},
		{name: "description with relative clause", text: `# Verwerkersovereenkomst

- Verwerkingsverantwoordelijke: de fysiotherapeut of praktijk die Beweegplan gebruikt
- Verwerker: Beweegplan B.V., Gent

Verwerker verwerkt persoonsgegevens uitsluitend in opdracht van de verwerkingsverantwoordelijke.
`, want: `{"processor": "Beweegplan B.V.", "controller": null}`},
		{name: "a name stays a name", text: `# Verwerkersovereenkomst

- Verwerkingsverantwoordelijke: Fysiopraktijk De Linde
- Verwerker: Beweegplan B.V.
`, want: `{"processor": "Beweegplan B.V.", "controller": "Fysiopraktijk De Linde"}`},
	})
}

// Sub-processor lists as a table headed "Subverwerker | ..." without an
// introducing line, under a short heading-like intro ("4.1 Goedgekeurde
// subverwerkers:"), named in running text ("X als subverwerker") or listed
// inside a sentence after a colon.
func TestGeneraliseSubprocessorInline(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "numbered approved intro and table", text: `## Artikel 5 - Subverwerkers

5.1 **Toegestane subverwerkers:**
| Subverwerker | Taak | Vestiging |
|---|---|---|
| Noordhost B.V. | Hosting | Groningen, NL |
| Postbode Mail GmbH | E-mail | Berlijn, DE |
`, want: `{"subprocessors_named": ["Noordhost B.V.", "Postbode Mail GmbH"]}`},
		{name: "html table after a sentence", file: "x.html", text: `<h3>Artikel 7 - Subverwerkers</h3>
<p>Je geeft ons toestemming om de hieronder genoemde partijen in te schakelen.</p>
<table><tr><th>Subverwerker</th><th>Waarvoor</th><th>Locatie</th></tr>
<tr><td>Wolkenbank</td><td>Opslag</td><td>Ierland</td></tr>
<tr><td>Postduif</td><td>E-mail</td><td>Verenigde Staten (SCC's)</td></tr></table>
`, want: `{"subprocessors_named": ["Wolkenbank", "Postduif"]}`},
		{name: "as a sub-processor in running text", text: `## Artikel 5: Subverwerkers

De Verwerker maakt gebruik van Rekenwolk Europa (inclusief de back-updienst) als subverwerker. Andere subverwerkers worden niet ingeschakeld zonder voorafgaande schriftelijke toestemming.
`, want: `{"subprocessors_named": ["Rekenwolk Europa"]}`},
		{name: "list inside a sentence", text: `## 3. Subverwerkers

De Klant stemt in met de volgende subverwerkers: Wolkenbank (opslag, EU), Postduif (e-mail), en alleen als de Klant dat aanzet — zoals bij vertalingen — Taalbrug (vertaling) en Betaalpunt (betalingen).
`, want: `{"subprocessors_named": ["Wolkenbank", "Postduif", "Taalbrug", "Betaalpunt"]}`},
	})
}

// Confidentiality in Dutch word order ("geheimhouding ... te waarborgen")
// and for "iedereen die toegang heeft" is art. 28(3)(b).
func TestGeneraliseConfidentialityDutchOrder(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "object before verb", text: `## Artikel 3 - Plichten van de verwerker

De verwerker verbindt zich:
- de vertrouwelijkheid van de verwerkte gegevens te garanderen;
- passende beveiligingsmaatregelen te treffen.
`, want: `{"art28": {"b": true}}`},
		{name: "everyone with access", text: `## 5. Geheimhouding

Iedereen die bij ons met jouw gegevens werkt, is tot geheimhouding verplicht.
`, want: `{"art28": {"b": true}}`},
		{name: "no confidentiality", text: `## 5. Beveiliging

Wij treffen passende technische en organisatorische maatregelen.
`, want: `{"art28": {"b": false}}`},
	})
}

// "No transfer outside the EEA without:" followed by grounds that need no
// consent (adequacy, SCCs) lets data leave the EEA without consent; with
// consent as the only ground it stays inside.
func TestGeneraliseLocationWithoutList(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "without: safeguards", text: `## Artikel 6 - Doorgifte

6.1 De persoonsgegevens worden opgeslagen binnen de EER.

6.2 Er vindt geen doorgifte naar landen buiten de EER plaats zonder:
- een adequaatheidsbesluit, of
- passende waarborgen zoals standaardcontractbepalingen
`, want: `{"data_location": "outside_allowed", "flags_include": ["outside_eea_without_consent"]}`},
		{name: "without: consent", text: `## Artikel 6 - Doorgifte

6.1 De persoonsgegevens worden uitsluitend binnen de EER verwerkt.

6.2 Er vindt geen doorgifte naar landen buiten de EER plaats zonder:
- voorafgaande schriftelijke toestemming van de Opdrachtgever
`, want: `{"data_location": "eea_only", "flags_exclude": ["outside_eea_without_consent"]}`},
	})
}

// Notice of changes in sub-processors without any consent or objection is
// the general regime without objection.
func TestGeneraliseSubprocessorNoticeOnly(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "notice of changes only", text: `## Artikel 4 - Sub-verwerkers

De leverancier werkt met Wolkenbank en Postduif. De leverancier brengt de klant op de hoogte van wijzigingen in deze sub-verwerkers.
`, want: `{"subprocessor_regime": "general_without_objection"}`},
		{name: "notice with objection stays with objection", text: `## Artikel 4 - Sub-verwerkers

De leverancier informeert de klant over nieuwe sub-verwerkers; de klant kan daartegen binnen 10 dagen bezwaar maken.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 10}`},
	})
}

// A party named in running text with its role in brackets right after the
// name; a role word in the same position is no name.
func TestGeneralisePartyRoleInBrackets(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "role in brackets after the name", text: `# Verwerkersovereenkomst

Deze overeenkomst geldt voor de persoonsgegevens die een Klant (verwerkingsverantwoordelijke) via de app aan Roosterwerk B.V. (verwerker) laat verwerken.

1. Roosterwerk B.V. verwerkt de persoonsgegevens uitsluitend in opdracht van de Klant.
`, want: `{"processor": "Roosterwerk B.V.", "controller": null}`},
		{name: "english", text: `# Data Processing Agreement

This DPA applies when Fieldnote Ltd (as processor) processes personal data for the Customer.
`, want: `{"processor": "Fieldnote Ltd"}`},
	})
}

// A drafting note in square brackets left in a template ("[Noem de
// subverwerkers.]") does not make an art. 28(3) element present.
func TestGeneraliseArt28PlaceholderNote(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "bracketed note", text: `## 4. Subverwerkers

[Vermeld de subverwerkers en de voorwaarden voor hun inschakeling.]
`, want: `{"art28": {"d": false}}`},
		{name: "a real clause with a bracketed blank", text: `## 4. Subverwerkers

Verwerker schakelt geen subverwerkers in zonder voorafgaande schriftelijke toestemming van [naam klant].
`, want: `{"art28": {"d": true}}`},
	})
}

// An HTML heading whose number stands in its own inline element
// ("<span>Art. 6</span>Subverwerkers") is a heading with its words apart;
// list items "Name: task" under an intro name sub-processors; "behoudens"
// is an exception like "tenzij".
func TestGeneraliseHTMLInlineHeadingAndNameColonItems(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "glued heading number, name: task items", file: "x.html", text: `<h2><span class="n">Art. 4</span>Subverwerkers</h2>
<ol><li>De klant stemt in met de inzet van de volgende subverwerkers:
<ul><li><strong>Wolkenbank B.V.</strong>: opslag (Amsterdam);</li>
<li><strong>Postduif GmbH</strong>: e-mail (Berlijn).</li></ul></li>
<li>De klant kan binnen 21 dagen na een aankondiging bezwaar maken tegen een nieuwe subverwerker.</li></ol>
`, want: `{"subprocessors_named": ["Wolkenbank B.V.", "Postduif GmbH"], "subprocessor_regime": "general_with_objection", "objection_days": 21}`},
		{name: "behoudens as an exception to who pays", text: `## 9. Audit

De klant mag eenmaal per jaar een audit laten uitvoeren. De kosten van de audit zijn voor rekening van de klant, behoudens wanneer tekortkomingen worden vastgesteld.
`, want: `{"audit_right": true, "audit_cost": "depends"}`},
	})
}

// "No own purposes, except ..." with an own purpose in the exception
// (quality monitoring, improving the service) is an own purpose; an
// exception for delivering the service is not.
func TestGeneraliseOwnPurposeException(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "exception names quality work", text: `## 3. Doel

De leverancier gebruikt de persoonsgegevens niet voor eigen doeleinden, behoudens voor de administratie en de kwaliteitscontrole van de eigen dienst.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
		{name: "english exception improves", text: `## 3. Purpose

Provider does not process Customer Personal Data for its own purposes, other than statistics used to improve the platform.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
		{name: "exception for the service only", text: `## 3. Doel

De leverancier gebruikt de persoonsgegevens niet voor eigen doeleinden, behoudens voor zover nodig om de dienst te leveren.
`, want: `{"flags_exclude": ["processor_own_purposes"]}`},
	})
}

// An article headed "Bewaartermijn, retour en verwijdering" is about the end
// of the agreement, so "op verzoek geretourneerd, of vernietigd" in it is
// the controller's choice.
func TestGeneraliseEndReturnHeading(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "retour in the heading", text: `## Art. 8 Bewaartermijn, retour en verwijdering

Op schriftelijk verzoek van de klant worden de persoonsgegevens binnen 14 dagen als bestand geretourneerd, of vernietigd met een bevestiging.
`, want: `{"end_of_contract": "controller_choice"}`},
	})
}
