package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"privacyregister/internal/report"
	"privacyregister/internal/store"
)

// node is an XML element as a tree, for asserting on document parts.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// attr is the value of the attribute with local name local.
func (n node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// all returns the elements named local under n, depth first.
func (n node) all(local string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
		out = append(out, c.all(local)...)
	}
	return out
}

// first is the first element named local under n, or a zero node.
func (n node) first(local string) node {
	if all := n.all(local); len(all) > 0 {
		return all[0]
	}
	return node{}
}

// text is the character data of n and its descendants.
func (n node) text() string {
	s := n.Text
	for _, c := range n.Nodes {
		s += c.text()
	}
	return s
}

// zipPart parses one XML part of a zip package.
func zipPart(t *testing.T, data []byte, name string) node {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	for _, f := range z.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		var n node
		if err := xml.Unmarshal(body, &n); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return n
	}
	t.Fatalf("package lacks %s", name)
	return node{}
}

// outlineDoc has three heading levels and a table of two rows.
func outlineDoc() *report.Doc {
	d := &report.Doc{Title: "Privacy in 2026", Subtitle: "Bibliotheek Lek & IJssel"}
	d.H(1, "Datalekken")
	d.H(2, "Gemeld aan de AP")
	d.H(3, "Na 72 uur")
	d.P("Eén melding.")
	d.T([]string{"Dossier", "Titel"}, [][]string{{"2026-001", "Laptop kwijt"}, {"2026-002", "Verkeerde bijlage"}})
	return d
}

// Word's navigation pane lists the paragraphs whose style has an outline
// level; the style ids Heading1-3 named "heading 1-3" are Word's own.
func TestDOCXHeadingsHaveOutlineStyles(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteDOCX(&buf, outlineDoc()); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if ct := zipPart(t, data, "[Content_Types].xml"); !strings.Contains(xmlString(ct), "/word/styles.xml") {
		t.Error("content types do not declare word/styles.xml")
	}
	rels := zipPart(t, data, "word/_rels/document.xml.rels")
	if r := rels.first("Relationship"); !strings.HasSuffix(r.attr("Type"), "/styles") || r.attr("Target") != "styles.xml" {
		t.Errorf("document has no relationship to its styles: %+v", r.Attrs)
	}
	styles := map[string]node{}
	for _, s := range zipPart(t, data, "word/styles.xml").all("style") {
		styles[s.attr("styleId")] = s
	}
	for level, id := range []string{"Heading1", "Heading2", "Heading3"} {
		s, ok := styles[id]
		if !ok {
			t.Fatalf("styles.xml lacks %s", id)
		}
		if got, want := s.first("name").attr("val"), "heading "+id[len(id)-1:]; got != want {
			t.Errorf("%s is named %q, want Word's built-in %q", id, got, want)
		}
		if got := s.first("outlineLvl").attr("val"); got != string(rune('0'+level)) {
			t.Errorf("%s has outline level %q, want %d", id, got, level)
		}
	}

	body := zipPart(t, data, "word/document.xml")
	styleOf := map[string]string{}
	for _, p := range body.all("p") {
		styleOf[p.text()] = p.first("pStyle").attr("val")
	}
	for text, want := range map[string]string{"Privacy in 2026": "Title", "Datalekken": "Heading1", "Gemeld aan de AP": "Heading2", "Na 72 uur": "Heading3", "Eén melding.": ""} {
		if styleOf[text] != want {
			t.Errorf("paragraph %q has style %q, want %q", text, styleOf[text], want)
		}
		if want != "" && styles[want].XMLName.Local == "" {
			t.Errorf("style %s is used but not defined", want)
		}
	}

	rows := body.first("tbl").all("tr")
	if len(rows) != 3 {
		t.Fatalf("table has %d rows, want 3", len(rows))
	}
	for i, tr := range rows {
		if header := len(tr.first("trPr").all("tblHeader")) > 0; header != (i == 0) {
			t.Errorf("row %d (%q): header %v", i, tr.text(), header)
		}
	}
}

// LibreOffice's navigator lists text:h by its outline level; the styles
// carry the same level, and the table's first row is its header row.
func TestODTHeadingsHaveOutlineLevels(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteODT(&buf, outlineDoc()); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	styles := map[string]node{}
	for _, s := range zipPart(t, data, "styles.xml").first("styles").all("style") {
		styles[s.attr("name")] = s
	}
	content := zipPart(t, data, "content.xml")
	var got []string
	for _, h := range content.all("h") {
		level, style := h.attr("outline-level"), h.attr("style-name")
		got = append(got, level+" "+h.text())
		if s, ok := styles[style]; !ok || s.attr("default-outline-level") != level {
			t.Errorf("heading %q has style %q, not a common style of outline level %s", h.text(), style, level)
		}
	}
	if want := []string{"1 Datalekken", "2 Gemeld aan de AP", "3 Na 72 uur"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("outline %q, want %q", got, want)
	}

	table := content.first("table")
	head := table.first("table-header-rows").all("table-row")
	if len(head) != 1 || !strings.Contains(head[0].text(), "Dossier") {
		t.Fatalf("table header rows %d: %+v", len(head), head)
	}
	var body int
	for _, r := range table.Nodes {
		if r.XMLName.Local == "table-row" {
			body++
		}
	}
	if body != 2 {
		t.Errorf("table has %d body rows, want 2", body)
	}
}

func xmlString(n node) string {
	b, _ := xml.Marshal(n)
	return string(b)
}

// A document's outline starts at level 1 and goes down one level at a
// time (WCAG 1.3.1; Word's navigation pane indents a lone level 2 as if a
// chapter were missing): the DPIA's parts are its chapters.
func TestDocumentOutlinesSkipNoLevel(t *testing.T) {
	docs := map[string]*report.Doc{
		"DPIA":   report.DPIADoc("nl", "Bibliotheek Lek & IJssel", &store.DPIA{Title: "Cameratoezicht"}, "Cameraregistratie"),
		"annual": (&report.Annual{Year: 2026}).Doc("nl", "Bibliotheek Lek & IJssel"),
	}
	for name, d := range docs {
		prev, headings := 0, 0
		for _, b := range d.Blocks {
			if !b.IsHeading() {
				continue
			}
			headings++
			if b.Level > prev+1 || b.Level < 1 {
				t.Errorf("%s: heading %q at level %d after level %d", name, b.Text, b.Level, prev)
			}
			prev = b.Level
		}
		if headings == 0 {
			t.Errorf("%s has no headings", name)
		}
	}
}
