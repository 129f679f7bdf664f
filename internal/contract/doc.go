// Package contract reads a processor agreement (verwerkersovereenkomst,
// bewerkersovereenkomst, DPA, privacy bijsluiter) in Dutch or English and
// turns it into the fixed analysis of reference/contract-analysis.md.
//
// Extract turns an uploaded file (txt, md, html, docx, pdf) into plain text;
// Analyse reads the terms from that text; WriteReport prints them for people.
//
// The analyser is rule based. It splits the text into sentences that carry
// the clause number printed before them ("6.1", "Artikel 8", "Bijlage A")
// and the heading of the article they stand in, and applies rules over a
// sentence together with its paragraph and heading, never over single words.
// When the text does not say something the answer is null, "not_addressed"
// or "not_stated": a wrong value is worse than none.
//
// Decisions worth knowing:
//   - Breach deadlines are reported in hours only when the text gives hours,
//     or calendar days/weeks (converted exactly: 2 dagen = 48). Working days
//     ("2 werkdagen", "business days") cannot be converted without a
//     calendar and give hours = null, with the phrase kept in
//     breach_notification.deadline_text.
//   - A number of hours counts as the processor's breach deadline only in a
//     sentence about a breach in which the processor informs the controller;
//     the sub-processor's deadline to the processor, the controller's own
//     72 hours to the supervisory authority and support response times are
//     kept apart.
//   - Objection windows in months are counted as 30 days per month.
//   - "delete or return" without naming whose choice counts as
//     controller_choice (art. 28(3)(g) wording); "return, if agreed" is
//     delete.
//   - An agreement that is silent on audits gives the controller no audit
//     right: audit.right is false and no_audit_right is flagged.
package contract
