// Package report writes the documents the administration yields (the
// annual report section, a DPIA) as PDF, DOCX and ODT. The formats render
// the same small document model, so a text appears in all or in none.
package report

import (
	"io"
	"strings"
)

// Kind is the kind of a block of a document.
type Kind int

// Block kinds.
const (
	Heading Kind = iota
	Paragraph
	Table
)

// Block is a heading, a paragraph or a table. A table's first row is its
// header.
type Block struct {
	Kind  Kind
	Level int // heading: 1 to 3
	Text  string
	Rows  [][]string
}

// Doc is a document: a title, a line under it and blocks.
type Doc struct {
	Title    string
	Subtitle string
	Blocks   []Block
}

// H adds a heading of level 1 to 3.
func (d *Doc) H(level int, text string) {
	d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: level, Text: text})
}

// P adds a paragraph; an empty text becomes "-" so a section is never
// silently blank.
func (d *Doc) P(text string) {
	if strings.TrimSpace(text) == "" {
		text = "-"
	}
	d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: text})
}

// T adds a table with a header row; without rows it adds nothing, the
// caller says "none" in a paragraph instead.
func (d *Doc) T(head []string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	d.Blocks = append(d.Blocks, Block{Kind: Table, Rows: append([][]string{head}, rows...)})
}

// Section adds a level-1 heading and its text.
func (d *Doc) Section(title, body string) {
	d.H(1, title)
	d.P(body)
}

// HeadingLevel is the heading's level, kept within 1 to 3, the levels the
// DOCX and ODT styles define.
func (b Block) HeadingLevel() int { return min(max(b.Level, 1), 3) }

// Lines are a paragraph's lines, for pages that show it as HTML.
func (b Block) Lines() []string { return strings.Split(b.Text, "\n") }

// IsHeading and IsTable let templates tell the kinds apart.
func (b Block) IsHeading() bool { return b.Kind == Heading }

// IsTable reports whether b is a table.
func (b Block) IsTable() bool { return b.Kind == Table }

// Formats are the file formats a Doc is written in, by file extension.
var Formats = map[string]struct {
	ContentType string
	Write       func(io.Writer, *Doc) error
}{
	"pdf":  {"application/pdf", WritePDF},
	"docx": {DOCXContentType, WriteDOCX},
	"odt":  {ODTContentType, WriteODT},
}
