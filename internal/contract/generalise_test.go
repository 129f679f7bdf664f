package contract_test

import (
	"privacyregister/internal/contract"
	"slices"
	"strings"
	"testing"
)

// generaliseCase is a short text of our own writing in the structure of a
// kind of failure seen on real agreements (issue 14). want holds labels in
// the flattened names of seeds/expected.json; only the fields given are
// checked. file, when set, runs the text through Extract under that name
// (e.g. "x.html") first.
type generaliseCase struct {
	name string
	file string
	text string
	want string
}

func runGeneralise(t *testing.T, cases []generaliseCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := c.text
			if c.file != "" {
				doc, err := contract.Extract(c.file, strings.NewReader(c.text), 1<<20)
				if err != nil {
					t.Fatal(err)
				}
				text = doc.Text
			}
			a := contract.Analyse(text)
			checkLabelsJSON(t, text, a, []byte(c.want))
			if t.Failed() {
				t.Logf("text:\n%s", text)
			}
		})
	}
}

// Parties: the processor and controller named in a table, under a bold
// heading, in HTML or only in the signature block; roles, headings and
// sentence fragments are never names.
func TestGeneraliseParties(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "markdown table", text: `# Verwerkersovereenkomst

| Partij | Naam en vestiging |
|---|---|
| Verwerkingsverantwoordelijke | Stichting Openbaar Onderwijs Zuidrand, gevestigd te Breda |
| Verwerker | Lesplanner B.V., gevestigd te Utrecht |

Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van Verwerkingsverantwoordelijke.
`, want: `{"processor": "Lesplanner B.V.", "controller": "Stichting Openbaar Onderwijs Zuidrand"}`},
		{name: "markdown table bold roles", text: `## Partijen

| **Rol** | **Organisatie** |
| --- | --- |
| **Verwerker** | Roosterwolk B.V. |
| **Verwerkingsverantwoordelijke** | Gemeente Hoogeland |
`, want: `{"processor": "Roosterwolk B.V.", "controller": "Gemeente Hoogeland"}`},
		{name: "bold heading name on next line", text: `VERWERKERSOVEREENKOMST

**Verwerkingsverantwoordelijke ("Klant"):**
Gemeente Noorderveld
Postbus 12, 9400 AA Noorderveld

**Verwerker ("Leverancier"):**
Dataweide B.V.
Stationsplein 3, Zwolle

Leverancier verwerkt persoonsgegevens in opdracht van Klant.
`, want: `{"processor": "Dataweide B.V.", "controller": "Gemeente Noorderveld"}`},
		{name: "html table", file: "vo.html", text: `<html><body><h1>Verwerkersovereenkomst</h1>
<table><tr><th>Rol</th><th>Partij</th></tr>
<tr><td><strong>Verwerker</strong></td><td>Rekenwolk B.V., gevestigd te Delft</td></tr>
<tr><td><strong>Verwerkingsverantwoordelijke</strong></td><td>Stichting Kinderopvang De Boomhut</td></tr></table>
<p>Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van Verwerkingsverantwoordelijke.</p>
</body></html>`, want: `{"processor": "Rekenwolk B.V.", "controller": "Stichting Kinderopvang De Boomhut"}`},
		{name: "only in the signature block", text: `Verwerkersovereenkomst

1. Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van Verwerkingsverantwoordelijke.
2. Verwerker meldt een datalek binnen 24 uur.

Aldus overeengekomen en ondertekend,

Namens Verwerkingsverantwoordelijke:
Gemeente Zuiderhaven
Naam: J. Jansen
Functie: burgemeester

Namens Verwerker:
Cloudkluis B.V.
Naam: P. de Vries
Functie: directeur
`, want: `{"processor": "Cloudkluis B.V.", "controller": "Gemeente Zuiderhaven"}`},
		{name: "signature block english", text: `Data Processing Agreement

1. The Processor processes Personal Data only on documented instructions of the Controller.

Signed for and on behalf of the Controller:
Northwind Library Trust
Name: A. Smith

Signed for and on behalf of the Processor:
Fabrikam Analytics Ltd.
Name: B. Jones
`, want: `{"processor": "Fabrikam Analytics Ltd.", "controller": "Northwind Library Trust"}`},
		{name: "roles are not names", text: `Verwerkersovereenkomst

De School (hierna: "Verwerkingsverantwoordelijke") en de leverancier van het leerlingvolgsysteem (hierna: "Verwerker") spreken het volgende af.
1. Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van de School.
`, want: `{"processor": null, "controller": null}`},
		{name: "klant is a role", text: `Verwerkersovereenkomst

Klant (hierna: "Verwerkingsverantwoordelijke") en Boekhoudgemak B.V. (hierna: "Verwerker") sluiten deze overeenkomst.
`, want: `{"processor": "Boekhoudgemak B.V.", "controller": null}`},
		{name: "headings and fragments are not names", text: `Juridisch · Verwerking persoonsgegevens
Deze Verwerkersovereenkomst (hierna: "Overeenkomst") is van toepassing op alle verwerkingen door Verwerker.
Hierna: Verwerker
In het geval Verantwoordelijke bezwaar maakt, is Verwerker gerechtigd de overeenkomst te beëindigen.
Verwerker verwerkt de persoonsgegevens uitsluitend in opdracht van Verantwoordelijke.
`, want: `{"processor": null, "controller": null}`},
		{name: "processor name is not the controller", text: `Verwerkersovereenkomst

Tussen:
Planmaat B.V., gevestigd te Amersfoort,
(hierna: "Verwerker")

en

de ondertekenende onderwijsinstelling
(hierna: "Verwerkingsverantwoordelijke")
`, want: `{"processor": "Planmaat B.V.", "controller": null}`},
		{name: "defined term hierna", text: `Verwerkersovereenkomst

Ondergetekenden:
Gemeente Lindewaard, hierna: 'Verwerkingsverantwoordelijke',
en
Parkeerdata B.V., hierna: 'Verwerker',
komen het volgende overeen.
`, want: `{"processor": "Parkeerdata B.V.", "controller": "Gemeente Lindewaard"}`},
	})
}

// Breach deadlines in hours in all their wordings; a missing or unread
// deadline never raises notification_over_72h when the text states one.
func TestGeneraliseBreach(t *testing.T) {
	const head = "Verwerkersovereenkomst\n\nArtikel 5 Datalekken\n"
	runGeneralise(t, []generaliseCase{
		{name: "undue delay and in any case 24", text: head + `5.1 Verwerker informeert Verwerkingsverantwoordelijke zonder onredelijke vertraging, en in elk geval binnen 24 uur na ontdekking, over een inbreuk in verband met persoonsgegevens.
`, want: `{"breach_hours": 24, "breach_without_delay": true, "flags_exclude": ["notification_over_72h"]}`},
		{name: "bold hours", text: head + `5.1 Verwerker meldt een Datalek **binnen 24 uur** aan Verwerkingsverantwoordelijke.
`, want: `{"breach_hours": 24, "flags_exclude": ["notification_over_72h"]}`},
		{name: "bold number", text: head + `5.1 Verwerker meldt een Datalek binnen **36** uur na ontdekking aan Verwerkingsverantwoordelijke.
`, want: `{"breach_hours": 36, "flags_exclude": ["notification_over_72h"]}`},
		{name: "number in brackets", text: head + `5.1 Verwerker stelt Verwerkingsverantwoordelijke binnen (24) uur na ontdekking van een Datalek op de hoogte.
`, want: `{"breach_hours": 24, "flags_exclude": ["notification_over_72h"]}`},
		{name: "number then word in brackets", text: head + `5.1 Verwerker informeert Verwerkingsverantwoordelijke binnen 48 (achtenveertig) uur nadat hij kennis heeft genomen van een Datalek.
`, want: `{"breach_hours": 48, "flags_exclude": ["notification_over_72h"]}`},
		{name: "english word and digits", text: "Data Processing Agreement\n\n7. Personal Data Breach\n" + `7.1 Processor shall notify Customer without undue delay and in any event within twenty-four (24) hours after becoming aware of a Personal Data Breach.
`, want: `{"breach_hours": 24, "breach_without_delay": true, "flags_exclude": ["notification_over_72h"]}`},
		{name: "square bracket hours", text: head + `5.1 Verwerker meldt ieder Datalek uiterlijk [48] uur na ontdekking aan Verwerkingsverantwoordelijke.
`, want: `{"breach_hours": 48, "flags_exclude": ["notification_over_72h"]}`},
		{name: "hours in a table", text: head + `| Onderwerp | Afspraak |
|---|---|
| Melding datalek aan Verwerkingsverantwoordelijke | binnen 24 uur na ontdekking |
`, want: `{"breach_hours": 24, "flags_exclude": ["notification_over_72h"]}`},
		{name: "unreadable deadline is unclear not over 72", text: head + `5.1 Verwerker meldt een Datalek aan Verwerkingsverantwoordelijke binnen een termijn van vierentwintig klokuren.
`, want: `{"breach_hours": null, "unclear": ["breach_hours"], "flags_exclude": ["notification_over_72h"]}`},
		{name: "no deadline at all", text: head + `5.1 Verwerker meldt een Datalek aan Verwerkingsverantwoordelijke.
`, want: `{"breach_hours": null, "breach_without_delay": false, "unclear": [], "flags_include": ["notification_over_72h"]}`},
		{name: "longer deadline", text: head + `5.1 Verwerker meldt een Datalek binnen 96 uur aan Verwerkingsverantwoordelijke.
`, want: `{"breach_hours": 96, "flags_include": ["notification_over_72h"]}`},
	})
}

// TestNoOver72FlagWhenStated: no agreement that states a breach deadline of
// 72 hours or less gets notification_over_72h, whatever else it says.
func TestNoOver72FlagWhenStated(t *testing.T) {
	for _, h := range []string{"24 uur", "48 (achtenveertig) uur", "**72** uur", "twee dagen", "(36) uur", "72 hours"} {
		text := "Verwerkersovereenkomst\n\nDatalekken\nVerwerker meldt een Datalek aan Verwerkingsverantwoordelijke uiterlijk binnen " + h + " na ontdekking.\n"
		a := contract.Analyse(text)
		if slices.Contains(a.Flags, contract.FlagOver72h) {
			t.Errorf("%q: notification_over_72h raised (hours %v)", h, a.BreachNotification.Hours)
		}
	}
}

// Sub-processor lists in tables and lists; headers, separator rows and
// numbered headings are never names.
func TestGeneraliseSubprocessorLists(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "markdown table", text: `Verwerkersovereenkomst

## Subverwerkers

Verwerker schakelt de volgende subverwerkers in:

| Subverwerker | Dienst | Locatie |
|---|---|---|
| Hostingbedrijf Noord B.V. | hosting | Groningen, Nederland |
| Mailgun Technologies Inc. | e-mail | Verenigde Staten |
`, want: `{"subprocessors_named": ["Hostingbedrijf Noord B.V.", "Mailgun Technologies Inc."], "subprocessors_countries": ["NL", "US"]}`},
		{name: "markdown table odd header", text: `## Bijlage 2: Sub-verwerkers

| Bedrijfsnaam | Activiteit | Vestigingsland |
| :--- | :--- | :--- |
| TransIP B.V. | serverhosting | Nederland |
| Twilio Ireland Ltd | sms-berichten | Ierland |
`, want: `{"subprocessors_named": ["TransIP B.V.", "Twilio Ireland Ltd"], "subprocessors_countries": ["NL", "IE"]}`},
		{name: "html table", file: "sub.html", text: `<h2>Subverwerkers</h2>
<p>Verwerker maakt gebruik van de volgende subverwerkers:</p>
<table><thead><tr><th>Naam</th><th>Doel</th><th>Land</th></tr></thead>
<tbody><tr><td>Leaseweb Netherlands B.V.</td><td>hosting</td><td>Nederland</td></tr>
<tr><td>Zendesk Inc.</td><td>klantenservice</td><td>Verenigde Staten</td></tr></tbody></table>
<h2>Doorgifte buiten de EER</h2>
<p>Verwerker geeft geen persoonsgegevens door buiten de EER.</p>`, want: `{"subprocessors_named": ["Leaseweb Netherlands B.V.", "Zendesk Inc."]}`},
		{name: "bullet list and glued headings", text: `6Subverwerkers
Verwerker maakt gebruik van de volgende subverwerkers:
• Hetzner Online GmbH, Duitsland
• Postmark (ActiveCampaign LLC), Verenigde Staten
7Doorgifte buiten de EER
Verwerker geeft persoonsgegevens alleen door met toestemming.
9Datalekken
Verwerker meldt datalekken binnen 24 uur.
`, want: `{"subprocessors_named": ["Hetzner Online GmbH", "Postmark"]}`},
		{name: "pdf bullets", text: "Subverwerkers\nVerwerker maakt gebruik van de volgende subverwerkers:\n\uf0b7 Hetzner Online GmbH, Duitsland\n\u25cf Mollie B.V., Nederland\n\u25a0 Twilio Inc., Verenigde Staten\n",
			want: `{"subprocessors_named": ["Hetzner Online GmbH", "Mollie B.V.", "Twilio Inc."], "subprocessors_countries": ["DE", "NL", "US"]}`},
		{name: "english table in annex", text: `Annex 3 – Sub-processors

| Entity | Purpose | Country |
|--------|---------|---------|
| Amazon Web Services EMEA SARL | cloud hosting | Luxembourg |
| Stripe Payments Europe Ltd | payments | Ireland |

Annex 4 – Security measures
`, want: `{"subprocessors_named": ["Amazon Web Services EMEA SARL", "Stripe Payments Europe Ltd"], "subprocessors_countries": ["LU", "IE"]}`},
	})
}

// Sub-processor regime and objection window.
func TestGeneraliseSubprocessorRegime(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "specifically authorizes the following is a general authorisation", text: `Data Processing Agreement

6. Sub-processors
6.1 Customer specifically authorizes the following Sub-processors: Amazon Web Services EMEA SARL and Twilio Inc.
6.2 Processor shall inform Customer of any intended addition or replacement of Sub-processors. Customer may object to the change within fourteen (14) days of the notice.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 14}`},
		{name: "objection shorter than notice", text: `Data Processing Agreement

6. Sub-processors
6.1 Processor may engage Sub-processors. Processor will notify Customer at least 30 days before a new Sub-processor starts processing Personal Data.
6.2 Customer may object to a new Sub-processor within 10 days of the notice.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 10}`},
		{name: "five working days dutch", text: `Verwerkersovereenkomst

Artikel 6 Subverwerkers
6.1 Verwerker mag subverwerkers inschakelen en informeert Verwerkingsverantwoordelijke daarover vooraf.
6.2 Verwerkingsverantwoordelijke kan binnen vijf werkdagen na deze kennisgeving bezwaar maken.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 5}`},
		{name: "fourteen days in next paragraph", text: `Verwerkersovereenkomst

Artikel 6 Inschakelen van derden
6.1 Verwerker is gerechtigd andere verwerkers in te schakelen. Verwerker stelt Verwerkingsverantwoordelijke hiervan op de hoogte.
6.2 Verwerkingsverantwoordelijke kan binnen 14 dagen na ontvangst van het bericht schriftelijk bezwaar maken.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 14}`},
		{name: "thirty days english", text: `Data Processing Agreement

Sub-processing
Supplier may appoint new sub-processors. Supplier will give Customer notice of a new sub-processor and Customer may object in writing within thirty (30) days after receipt of that notice.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 30}`},
		{name: "prior written consent stays specific", text: `Verwerkersovereenkomst

Artikel 6 Subverwerkers
6.1 Verwerker schakelt uitsluitend subverwerkers in met voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke.
`, want: `{"subprocessor_regime": "specific_consent"}`},
	})
}

// Audit clauses in several Dutch wordings, with cost and frequency.
func TestGeneraliseAudit(t *testing.T) {
	const head = "Verwerkersovereenkomst\n\nArtikel 9 Audit\n"
	runGeneralise(t, []generaliseCase{
		{name: "stelt in staat", text: head + `9.1 Verwerker stelt Verwerkingsverantwoordelijke in staat om maximaal één keer per jaar een audit uit te voeren. De audit vindt plaats op kosten van Verwerkingsverantwoordelijke, tenzij uit de audit blijkt dat Verwerker deze overeenkomst niet nakomt.
`, want: `{"audit_right": true, "audit_frequency_months": 12, "audit_cost": "depends", "flags_exclude": ["no_audit_right"]}`},
		{name: "te laten controleren", text: head + `9.1 Verwerkingsverantwoordelijke heeft het recht de naleving van deze verwerkersovereenkomst eens per twee jaar door een onafhankelijke deskundige te (laten) controleren. De kosten van de controle zijn voor Verwerkingsverantwoordelijke.
`, want: `{"audit_right": true, "audit_frequency_months": 24, "audit_cost": "controller", "flags_exclude": ["no_audit_right"]}`},
		{name: "meewerken aan audits", text: head + `9.1 Verwerker werkt mee aan audits die door of namens Verwerkingsverantwoordelijke worden uitgevoerd, ten hoogste eenmaal per kalenderjaar.
9.2 Elke partij draagt de eigen kosten van een audit.
`, want: `{"audit_right": true, "audit_frequency_months": 12, "flags_exclude": ["no_audit_right"]}`},
		{name: "onderzoek door deskundige", text: head + `9.1 Verwerkingsverantwoordelijke is bevoegd een onafhankelijke registeraccountant een onderzoek te laten instellen naar de naleving van deze overeenkomst. De kosten van het onderzoek komen voor rekening van Verwerker indien blijkt dat Verwerker tekortschiet, en anders voor rekening van Verwerkingsverantwoordelijke.
`, want: `{"audit_right": true, "audit_cost": "depends", "flags_exclude": ["no_audit_right"]}`},
		{name: "een audit laten uitvoeren", text: head + `9.1 Een audit kan worden uitgevoerd door een door Verwerkingsverantwoordelijke aangewezen onafhankelijke auditor, niet vaker dan 1 keer per jaar.
`, want: `{"audit_right": true, "audit_frequency_months": 12, "flags_exclude": ["no_audit_right"]}`},
		{name: "inspectie ter plaatse", text: head + `9.1 Verwerkingsverantwoordelijke mag de verwerking bij Verwerker ter plaatse inspecteren na een aankondiging van tien werkdagen.
`, want: `{"audit_right": true, "flags_exclude": ["no_audit_right"]}`},
		{name: "an audit mentioned in a way no rule reads is unclear", text: head + `9.1 Een jaarlijkse audit ten behoeve van Verwerkingsverantwoordelijke maakt deel uit van de dienstverlening.
`, want: `{"unclear": ["audit_right"], "flags_exclude": ["no_audit_right"]}`},
		{name: "no audit clause at all", text: "Verwerkersovereenkomst\n\nVerwerker verwerkt de persoonsgegevens uitsluitend in opdracht van Verwerkingsverantwoordelijke.\n",
			want: `{"audit_right": false, "flags_include": ["no_audit_right"]}`},
	})
}

// Location, end of contract and governing law.
func TestGeneraliseTerms(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "eea unless safeguards", text: `Data Processing Agreement

8. International transfers
8.1 Processor shall process Personal Data only in the EEA, unless appropriate safeguards (such as the Standard Contractual Clauses) are in place for a transfer outside the EEA.
`, want: `{"data_location": "outside_allowed", "flags_include": ["outside_eea_without_consent"]}`},
		{name: "eer tenzij passende waarborgen", text: `Verwerkersovereenkomst

Artikel 8 Locatie
8.1 Verwerker verwerkt de persoonsgegevens uitsluitend binnen de EER, tenzij passende waarborgen zoals de modelcontractbepalingen van de Europese Commissie zijn getroffen.
`, want: `{"data_location": "outside_allowed"}`},
		{name: "eea only stays", text: `Verwerkersovereenkomst

Artikel 8 Locatie
8.1 Verwerker verwerkt de persoonsgegevens uitsluitend binnen de EER, tenzij Verwerkingsverantwoordelijke vooraf schriftelijk toestemming geeft.
`, want: `{"data_location": "eea_only"}`},
		{name: "op verzoek retourneren of verwijderen", text: `Verwerkersovereenkomst

Artikel 12 Einde
12.1 Deze overeenkomst eindigt van rechtswege bij het einde van de hoofdovereenkomst.
12.2 Verwerker zal de persoonsgegevens op verzoek van Verwerkingsverantwoordelijke retourneren of verwijderen.
`, want: `{"end_of_contract": "controller_choice"}`},
		{name: "export window then deletion", text: `Data Processing Agreement

12. Term and termination
12.1 After termination of the Agreement Customer can download its data for 30 days. After that period Processor deletes all Personal Data.
`, want: `{"end_of_contract": "controller_choice"}`},
		{name: "export window dutch", text: `Verwerkersovereenkomst

Artikel 12 Beëindiging
12.1 Na beëindiging van de overeenkomst kan Klant gedurende 30 dagen haar gegevens exporteren. Daarna worden alle persoonsgegevens door Verwerker verwijderd.
`, want: `{"end_of_contract": "controller_choice"}`},
		{name: "nederlands recht under heading", text: `Verwerkersovereenkomst

Artikel 14 Toepasselijk recht
Nederlands recht.
`, want: `{"governing_law": "NL"}`},
		{name: "nederlands recht in table", text: `Verwerkersovereenkomst

| Onderwerp | Afspraak |
|---|---|
| Toepasselijk recht | Nederlands recht. |
| Bevoegde rechter | Rechtbank Amsterdam |
`, want: `{"governing_law": "NL"}`},
		{name: "uk addendum law is not the agreement's", text: `Data Processing Agreement

14. Governing law
14.1 This DPA is governed by the laws of the Netherlands.

Annex 4 – UK Addendum
This UK Addendum to the Standard Contractual Clauses is governed by the laws of England and Wales.
`, want: `{"governing_law": "NL"}`},
		{name: "uk addendum only", text: `Data Processing Agreement

1. The Processor processes Personal Data only on documented instructions of the Controller.

Annex 4 – International Data Transfer Addendum (UK)
Part 2: The Addendum is governed by the laws of England and Wales.
`, want: `{"governing_law": null}`},
	})
}

// English DPAs: art. 28(3) elements in their usual wordings; (h) absent when
// audits are excluded.
func TestGeneraliseArt28English(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "a b e f g", text: `Data Processing Agreement

2. Processing
2.1 Customer instructs Provider to process Customer Personal Data to provide the Services. Provider shall process Customer Personal Data only as directed by Customer.
3. Personnel
3.1 Provider ensures that all personnel who have access to Customer Personal Data are bound by a duty of secrecy.
4. Data subject requests
4.1 Taking into account the nature of the processing, Provider shall assist Customer in responding to requests for exercising the data subject's rights.
5. Assistance
5.1 Provider shall assist Customer in ensuring compliance with its obligations under Articles 32 through 36 of the GDPR.
6. Deletion or return
6.1 Upon Customer's written request Provider shall delete or return all Customer Personal Data.
`, want: `{"art28": {"a": true, "b": true, "e": true, "f": true, "g": true}}`},
		{name: "audit excluded means no h", text: `Data Processing Agreement

9. Audits
9.1 Customer shall not have the right to audit Provider. Instead, Provider shall provide Customer with a copy of its most recent SOC 2 Type II report on request.
`, want: `{"audit_right": false, "art28": {"h": false}, "flags_include": ["no_audit_right", "missing_art28_elements"]}`},
	})
}

// Own purposes and unilateral changes, also with the processor's name or
// "we" as the subject.
func TestGeneraliseFlags(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "may update this DPA", text: `Data Processing Agreement

This Data Processing Agreement is entered into between Customer and Brightdesk Ltd (the "Processor").
12.1 Brightdesk may update this DPA from time to time and will publish the current version on its website.
`, want: `{"flags_include": ["unilateral_changes"]}`},
		{name: "we may update", text: `Data Processing Addendum

We may update this DPA from time to time. The current version is always available on our website.
`, want: `{"flags_include": ["unilateral_changes"]}`},
		{name: "aggregated analysis to improve", text: `Data Processing Agreement

5.3 Processor may use Customer Personal Data for aggregated and anonymised analysis to improve our services.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
		{name: "usage data for our own purposes", text: `Data Processing Addendum

We collect usage data about how the Services are used and we use such usage data for our own purposes.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
		{name: "no own purposes", text: `Verwerkersovereenkomst

Verwerker zal de persoonsgegevens niet voor eigen doeleinden gebruiken.
`, want: `{"flags_exclude": ["processor_own_purposes", "unilateral_changes"]}`},
		{name: "changes only together", text: `Data Processing Agreement

This DPA may only be amended in writing signed by both parties.
`, want: `{"flags_exclude": ["unilateral_changes"]}`},
	})
}

// Structures met in the development corpus, on texts of our own.
func TestGeneraliseDevelopment(t *testing.T) {
	runGeneralise(t, []generaliseCase{
		{name: "processor informs after hearing from its sub-processor", text: "Verwerkersovereenkomst\n\nArtikel 6 Meldplicht datalekken\n" +
			`6.1 Nadat Verwerker een Datalek heeft ontdekt of daarover door zijn subverwerker is geïnformeerd stelt Verwerker de Verwerkingsverantwoordelijke zo spoedig mogelijk, uiterlijk binnen 36 uur, daarvan in kennis.
`, want: `{"breach_hours": 36, "breach_without_delay": true, "subprocessor_notification_hours": null}`},
		{name: "sub-processor informs the processor", text: "Verwerkersovereenkomst\n\nArtikel 6 Datalekken\n" +
			`6.4 Verwerker spreekt met subverwerkers af dat de subverwerker de Verwerker direct, maar uiterlijk binnen 12 uur na ontdekking over een datalek informeert.
`, want: `{"subprocessor_notification_hours": 12, "breach_hours": null}`},
		{name: "imperative list item under a breach heading", text: `# Data Processing Agreement

## 7. Data breach notification

Upon becoming aware of a Personal Data Breach, Processor shall:

- Notify Controller without undue delay and within 48 hours
- Provide updates as more information becomes available
`, want: `{"breach_hours": 48, "breach_without_delay": true}`},
		{name: "two-word role label", text: `# Data Processing Agreement

**Data Controller:**
[CUSTOMER NAME]

**Data Processor:**
Fernwood Analytics Inc.
[ADDRESS]
`, want: `{"processor": "Fernwood Analytics Inc.", "controller": null}`},
		{name: "roman numbered party", text: `DE ONDERGETEKENDEN:
I. de verwerkingsverantwoordelijke, hierna te noemen "Verwerkingsverantwoordelijke";
II. De besloten vennootschap Netwerkhulp Noord B.V., statutair gevestigd te Assen, hierna te noemen "Verwerker".
`, want: `{"processor": "Netwerkhulp Noord B.V.", "controller": null}`},
		{name: "considered as processor", text: `Data Processing Agreement

WHEREAS
* the Client may be deemed the controller;
* Brightline can be considered as a processor in accordance with the law;
`, want: `{"processor": "Brightline"}`},
		{name: "aangemerkt als verwerker", text: `Verwerkersovereenkomst

* Klant aangemerkt kan worden als verwerkingsverantwoordelijke;
* Lichtlijn aangemerkt kan worden als verwerker;
`, want: `{"processor": "Lichtlijn"}`},
		{name: "comma before legal form", text: `Data Processing Agreement

**Data Processor:** Quillbox, Inc. ("Processor" or "Company")
`, want: `{"processor": "Quillbox, Inc."}`},
		{name: "without prior consent is general", text: `Verwerkersovereenkomst

Artikel 5 Inschakelen van derden
5.1 Verwerker mag in het kader van de Overeenkomst gebruik maken van een derde partij, zonder voorafgaande toestemming van Klant.
`, want: `{"subprocessor_regime": "general_without_objection"}`},
		{name: "template option for specific authorisation is no choice", text: `# Data Processing Agreement

## 5. Sub-processors

Controller provides:
- **General Authorization**: Processor may engage Sub-processors subject to the requirements below
- **Specific Authorization**: [If applicable, list specific Sub-processors requiring individual approval]

Processor shall notify Controller of intended changes to Sub-processors at least 14 days in advance and give Controller the opportunity to object.
`, want: `{"subprocessor_regime": "general_with_objection", "objection_days": 14}`},
		{name: "markdown heading gives the context", text: `# Data Processing Addendum

## 4. Sub-Processors
We use subprocessors such as datacenters. We will notify changes and allow objections.
`, want: `{"subprocessor_regime": "general_with_objection", "art28": {"d": true}}`},
		{name: "lists that are no sub-processor lists", text: `Verwerkersovereenkomst

Artikel 6 Meldplicht
6.1 Nadat een subverwerker Verwerker heeft geïnformeerd, zal Verwerker per e-mail het volgende vermelden:
a.) de aard van de inbreuk;
b.) de aanbevolen maatregelen.

## 5. Sub-processors
When engaging Sub-processors, Processor shall:
- Enter into written agreements with each Sub-processor
- Conduct appropriate due diligence before engagement
`, want: `{"subprocessors_named": []}`},
		{name: "table in a schedule after an obligations list", text: `# Data Processing Agreement

## 5. Sub-processors
All Sub-processors must:
- Sign appropriate data protection agreements
- Allow for audits and inspections

## SCHEDULE 3: LIST OF SUB-PROCESSORS

### Approved Sub-processors

| Sub-processor | Service Provided | Location |
|---------------|------------------|----------|
| Northbeam Hosting | Cloud Infrastructure | EU (Frankfurt) |
| Mailroute | Email Services | United States |
`, want: `{"subprocessors_named": ["Northbeam Hosting", "Mailroute"]}`},
		{name: "transfer forbidden unless appropriate measures", text: `Verwerkersovereenkomst

Artikel 3 Doorgifte
3.1 Verwerker mag de persoonsgegevens verwerken in landen binnen de Europese Unie. Doorgifte naar landen buiten de Europese Unie is verboden, tenzij passende maatregelen zijn genomen.
`, want: `{"data_location": "outside_allowed"}`},
		{name: "not outside unless a list of grounds", text: `# Data Processing Agreement

## 6. International transfers
Processor shall not transfer Personal Data outside the EEA unless:
- The transfer is to a country with an adequacy decision
- Appropriate safeguards are in place (e.g., Standard Contractual Clauses)
- Controller has provided prior written consent
`, want: `{"data_location": "outside_allowed"}`},
		{name: "not outside the EEA", text: `# Data Processing Agreement

## 6. International transfers
Processor shall not transfer Personal Data outside the EEA.
`, want: `{"data_location": "eea_only"}`},
		{name: "controller pays the investigation", text: "Verwerkersovereenkomst\n\nArtikel 7 Controle\n" +
			`7.1 Verantwoordelijke is gerechtigd de naleving van de beveiligingsmaatregelen te (laten) onderzoeken.
7.4 Verantwoordelijke zal alle kosten, vergoedingen en onkosten in verband met het Onderzoek betalen.
`, want: `{"audit_right": true, "audit_cost": "controller"}`},
		{name: "inspecting agreements is no audit", text: `Data Processing Agreement

Article 5. Third parties
5.2 Starling shall ensure that these third parties comply with the same duties. The Client has the right to inspect agreements entered into in this regard.
`, want: `{"audit_right": false}`},
		{name: "documents handed over then destroyed", text: "Verwerkersovereenkomst\n\nArtikel 13 Duur en beëindiging\n" +
			`13.2 Na beëindiging van de Overeenkomst zal Verwerker alle relevante documenten aan Verwerkingsverantwoordelijke overdragen. Daarnaast zal Verwerker alle databestanden en back-ups vernietigen.
`, want: `{"end_of_contract": "controller_choice"}`},
		{name: "after the contract ends", text: `# Data Processing Addendum

## 7. Termination
After the contract ends, we will delete or return personal data unless retention is legally required.
`, want: `{"end_of_contract": "controller_choice", "art28": {"g": true}}`},
		{name: "art 28 in older wordings", text: `Data Processing Agreement

Article 5. Third parties
5.1 Some of Brightline's obligations under the Agreement may be performed by third parties in the absence of the Client's prior consent.
Article 7. Notification
7.1 We will notify you within 72 hours of discovering a breach affecting your personal data.
Article 8. Requests
8.1 If an interested party files an inspection request, Brightline shall forward the request to the Client.
Article 9. Confidentiality
9.1 This duty of nondisclosure applies to all employees of Brightline.
`, want: `{"art28": {"b": true, "d": true, "e": true, "f": true}}`},
		{name: "an annual audit is no frequency limit", text: `# Data Processing Agreement

## 9. Audits
Processor shall allow for and contribute to audits by Controller.

### Costs
- First annual audit: Processor's cost
- Additional audits: Controller's cost
`, want: `{"audit_right": true, "audit_frequency_months": null, "audit_cost": "depends"}`},
		{name: "in the absence of the client's prior consent", text: `Data Processing Agreement

Article 5. Engaging third parties
5.1 Some of Brightline's obligations under the Agreement may be performed by third parties in the absence of the Client's prior consent.
`, want: `{"subprocessor_regime": "general_without_objection"}`},
		{name: "notify on request in regard to the measures", text: `Data Processing Agreement

Article 2. Obligations
2.2 Brightline shall notify the Client on request in regard to the measures taken in compliance with its obligations under this Data Processing Agreement.
Article 9. Confidentiality
9.2 This duty of nondisclosure will not apply if the Client gives explicit permission to pass on the information to third parties.
`, want: `{"art28": {"b": true, "h": true}}`},
		{name: "a clause id that says DPA is no authority", text: `# Data Processing Agreement

## 7. Data Breach Notifications
[Ref: DPA-7.1] Northwind shall inform the Subscriber without undue delay and at the latest within 36 hours from becoming aware of a Personal Data breach.
`, want: `{"breach_hours": 36, "breach_without_delay": true, "flags_exclude": ["notification_over_72h"]}`},
		{name: "in its capacity as data processor", text: `# Data Processing Agreement

This DPA regulates the Subscriber's rights and obligations as data controller as well as Northwind's rights and obligations in its capacity as data processor.
`, want: `{"processor": "Northwind"}`},
		{name: "two-word role in brackets after between:", text: `# Data Processing Agreement

This Data Processing Agreement ("**DPA**") forms part of the Services Agreement between: Fjordtech ("**Data Processor**") and the Licensee ("**Data Controller**").
`, want: `{"processor": "Fjordtech", "controller": null}`},
		{name: "html entity after the intro colon", text: "# Data Processing Agreement\n\n## 5. Sub-processors\nThe following Sub-processor(s) are approved by the Data Controller:&#x20;\n* Amazon Web Services EMEA SARL\n",
			want: `{"subprocessors_named": ["Amazon Web Services EMEA SARL"]}`},
		{name: "a transfer rule is no sub-processor regime", text: `# Data Processing Agreement

## 5. Sub-processors
The Data Processor may use Sub-processors. The Data Processor shall inform the Data Controller of intended changes; if the Data Controller does not consent, it may terminate the Agreement.

## 6. Transfers
The Data Processor shall not process Personal Data outside the EU/EEA. The Data Processor may not use Sub-processors that process Personal Data outside the EU/EEA without prior written approval from the Data Controller.
`, want: `{"subprocessor_regime": "general_with_objection", "data_location": "eea_only"}`},
		{name: "rights of the data subjects heading", text: `# Data Processing Agreement

## 11. Fulfilling the rights of the data subjects
To the extent the Data Controller requires assistance, the Data Processor will offer such assistance as a separately paid service.
`, want: `{"art28": {"e": true}}`},
		{name: "data subjects requesting information", text: `# Data Processing Agreement

2.4 If data subjects, competent authorities or any other third parties request information from Northwind regarding the processing, Northwind shall refer such requests to the Subscriber.
`, want: `{"art28": {"e": true}}`},
		{name: "once per 12-month period and who is responsible for costs", text: `# Data Processing Agreement

## 9. Audit Rights
9.1 Subscriber shall have the right to perform audits of Northwind's processing. This audit right is limited to once per 12-month period.
9.4 The Subscriber is responsible for all costs associated with audits, save for when an audit concludes a material breach by Northwind.
`, want: `{"audit_right": true, "audit_frequency_months": 12, "audit_cost": "depends"}`},
		{name: "held in strict confidence", text: `# Data Processing Agreement

2.1 The Processor shall hold in strict confidence any and all Personal Data disclosed to or accessed by Processor.
`, want: `{"art28": {"b": true}}`},
		{name: "use of derived information to improve the service", text: `# Data Processing Agreement

1.4 For the avoidance of doubt, the obligations of the Processor in this DPA are without prejudice to the use of information by the Processor that is derived from any Personal Data for optimisation, improvement and development of the service offerings of the Processor.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
		{name: "training models", text: `# Data Processing Agreement

The Data Processor shall only process Personal Data for the following purposes:
* To supply the document interpretation service to the Data Controller.
* Train machine learning models in order to continuously improve the accuracy of the service.
`, want: `{"flags_include": ["processor_own_purposes"]}`},
		{name: "no training", text: `# Data Processing Agreement

The Processor will not use Customer Personal Data to train machine learning models.
`, want: `{"flags_exclude": ["processor_own_purposes"]}`},
		{name: "key-value tables per sub-processor", text: `# Data Processing Agreement

**APPENDIX B**

*List of Sub-processors*

| Sub-Processor 1 |  |
| :---- | :---- |
| Full legal name of sub-processor | Northbeam Cloud SARL (NBC) |
| Address / country | 1 Rue Exemple, Luxembourg |
| Duration of processing | As long as the engagement lasts. |

| Sub-Processor 2 |  |
| :---- | :---- |
| Full legal name of sub-processor | Mailroute Technologies Private Limited |
| Address / country | Bengaluru, India |
| Duration of processing | As long as the engagement lasts. |
`, want: `{"subprocessors_named": ["Northbeam Cloud SARL", "Mailroute Technologies Private Limited"], "subprocessors_countries": ["LU", "IN"]}`},
		{name: "one-page outline", text: `# Data Processing Addendum (DPA)

## 1. Parties
Controller: [CUSTOMER LEGAL NAME]
Processor: Pixelmolen B.V., Utrecht

## 3. Processor obligations
We will:
- Process data only on documented instructions.
- Ensure confidentiality and security.
- Assist with data subject requests.
- Notify of breaches without undue delay.

## 4. Subprocessors
Subprocessors are listed in our public sub-processor list. Customers can subscribe to updates.

## 5. International transfers
We rely on adequacy decisions where available and/or Standard Contractual Clauses.

## 6. Audit
We will provide reasonable information to demonstrate compliance.
`, want: `{"processor": "Pixelmolen B.V.", "breach_without_delay": true, "subprocessor_regime": "general_without_objection", "data_location": "outside_allowed", "audit_right": false, "art28": {"a": true, "b": true, "c": true, "e": true, "f": true, "h": true}}`},
		{name: "information on measures on request", text: `Verwerkersovereenkomst

Artikel 2 Verplichtingen
2.2 Verwerker zal Klant, op diens eerste verzoek daartoe, informeren over de door haar genomen maatregelen aangaande haar verplichtingen onder deze overeenkomst.
`, want: `{"art28": {"h": true}}`},
	})
}
