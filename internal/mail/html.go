package mail

import (
	"html/template"
	"strings"
)

// block is a paragraph of the body: lines of text (each maybe a link) or
// list items.
type block struct {
	List  bool
	Lines []line
}

// line is a run of text, or a link when Href is set; Sub holds the
// indented lines below a list item (its link).
type line struct {
	Text, Href string
	Sub        []line
}

func isURL(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && !strings.ContainsAny(s, " \t")
}

func toLine(s string) line {
	s = strings.TrimSpace(s)
	if isURL(s) {
		return line{Text: s, Href: s}
	}
	return line{Text: s}
}

// blocks splits a plain-text body by the conventions of Message.Body.
func blocks(body string) []block {
	var out []block
	for _, para := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
		para = strings.Trim(para, "\n")
		if strings.TrimSpace(para) == "" {
			continue
		}
		var b block
		for _, l := range strings.Split(para, "\n") {
			switch {
			case strings.HasPrefix(l, "- "):
				b.List = true
				b.Lines = append(b.Lines, toLine(l[2:]))
			case b.List && strings.HasPrefix(l, "  ") && len(b.Lines) > 0:
				last := &b.Lines[len(b.Lines)-1]
				last.Sub = append(last.Sub, toLine(l))
			case b.List:
				// A heading line after a list starts a new block.
				out = append(out, b)
				b = block{Lines: []line{toLine(l)}}
			default:
				b.Lines = append(b.Lines, toLine(l))
			}
		}
		out = append(out, b)
	}
	return out
}

// htmlPage is the HTML part; html/template escapes every text and address.
var htmlPage = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a;max-width:40em">
{{range .Blocks}}{{if .List}}<ul>{{range .Lines}}<li>{{template "line" .}}{{range .Sub}}<br>{{template "line" .}}{{end}}</li>{{end}}</ul>
{{else}}<p>{{range $i, $l := .Lines}}{{if $i}}<br>{{end}}{{template "line" $l}}{{end}}</p>
{{end}}{{end}}</body></html>
{{define "line"}}{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}`))

// HTML renders m's body as an HTML document.
func HTML(m Message) (string, error) {
	lang := m.Lang
	if lang == "" {
		lang = "nl"
	}
	var b strings.Builder
	err := htmlPage.Execute(&b, map[string]any{"Lang": lang, "Subject": m.Subject, "Blocks": blocks(m.Body)})
	return b.String(), err
}
