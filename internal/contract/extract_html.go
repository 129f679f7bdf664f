package contract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

var jsxSpace = strings.NewReplacer("{' '}", " ", `{" "}`, " ", "{` `}", " ")

// htmlToText turns HTML into lines: paragraphs, headings and list items
// become lines, table rows become lines with cells joined by " | ".
// Script, style and head content is dropped.
func htmlToText(src string) string {
	// JSX pages (page.tsx) write a space between elements as {' '}
	src = jsxSpace.Replace(src)
	z := html.NewTokenizer(strings.NewReader(src))
	var out strings.Builder
	var line strings.Builder
	var cells []string
	inRow := false
	skip := 0
	listDepth := 0
	inlineEnd := false // the last token closed an element
	flushLine := func() {
		t := collapseSpaces(line.String())
		line.Reset()
		if t == "" {
			return
		}
		if inRow {
			cells = append(cells, t)
			return
		}
		out.WriteString(t)
		out.WriteByte('\n')
	}
	// endBlock closes a paragraph: the end of a list, a table, a paragraph
	// or a heading is a block boundary in HTML, so the text after it never
	// runs on into it (a list item without a full stop followed by a <p>).
	endBlock := func() {
		flushLine()
		if inRow {
			return
		}
		if s := out.String(); len(s) > 0 && !strings.HasSuffix(s, "\n\n") {
			out.WriteByte('\n')
		}
	}
	flushRow := func() {
		flushLine()
		if len(cells) > 0 {
			out.WriteString(strings.Join(cells, " | "))
			out.WriteByte('\n')
		}
		cells = nil
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if inRow {
				inRow = false
				out.WriteString(strings.Join(cells, " | "))
				if len(cells) > 0 {
					out.WriteByte('\n')
				}
			}
			flushLine()
			return strings.TrimSpace(out.String()) + "\n"
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text())
			if inlineEnd && line.Len() > 0 && text != "" {
				// "<span>Art. 6</span>Subverwerkers": a word that starts
				// with a capital right after an inline element is a new word
				prev, _ := utf8.DecodeLastRuneInString(line.String())
				next, _ := utf8.DecodeRuneInString(text)
				if unicode.IsUpper(next) && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '.') {
					line.WriteByte(' ')
				}
			}
			inlineEnd = false
			line.WriteString(text)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			start := tt != html.EndTagToken
			inlineEnd = tt == html.EndTagToken
			switch tag {
			case "script", "style", "head", "noscript", "template", "svg":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "br":
				if inRow {
					line.WriteByte(' ')
				} else {
					flushLine()
				}
			case "tr":
				if start {
					flushLine()
					inRow = true
					cells = nil
				} else {
					flushRow()
					inRow = false
				}
			case "td", "th":
				if inRow {
					flushLine()
				}
			case "table":
				if inRow {
					flushRow()
					inRow = false
				}
				flushLine()
			case "ul", "ol":
				if tt == html.StartTagToken {
					listDepth++
				} else if tt == html.EndTagToken && listDepth > 0 {
					listDepth--
				}
				if tt == html.EndTagToken {
					endBlock()
				} else {
					flushLine()
				}
			case "li":
				flushLine()
				if start && !inRow {
					line.WriteString("- ")
				}
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre":
				if tt == html.EndTagToken {
					endBlock()
				} else {
					flushLine()
				}
			case "div", "section", "article", "header", "footer",
				"dd", "dt", "dl", "hr", "address", "caption", "main", "nav", "aside", "figure":
				flushLine()
			}
		}
	}
}
