package contract

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"privacyregister/internal/apperr"
)

// Formats Extract recognises.
const (
	FormatText = "txt"
	FormatHTML = "html"
	FormatDocx = "docx"
	FormatPDF  = "pdf"
)

// DefaultMaxBytes is used when Extract gets maxBytes <= 0.
const DefaultMaxBytes = 20 << 20

// Document is an extracted agreement. Offsets in an Analysis are code-point
// offsets into Text.
type Document struct {
	Text   string `json:"text"`
	Format string `json:"format"`
	// Encoding is "utf-8", "utf-16" or "windows-1252" for text input.
	Encoding string `json:"encoding,omitempty"`
}

// Extract reads an uploaded agreement and returns its plain text. The
// format follows the content (magic bytes) and the file name's extension;
// when they disagree the upload is refused, so a renamed program never
// reaches a parser. Inputs above maxBytes get an apperr TooLarge error.
func Extract(filename string, r io.Reader, maxBytes int64) (*Document, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "the file could not be read")
	}
	if int64(len(data)) > maxBytes {
		return nil, apperr.New(apperr.TooLarge, "the file is larger than %d MB", maxBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, apperr.Invalidf("file", "the file is empty")
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(filename), "."))
	kind := sniff(data)
	switch kind {
	case "exe":
		return nil, apperr.Invalidf("file", "this file is a program, not a document")
	case "doc":
		return nil, apperr.Invalidf("file", "old Word (.doc) files are not supported; save the file as .docx or PDF")
	case "rtf":
		return nil, apperr.Invalidf("file", "RTF files are not supported; save the file as .docx or PDF")
	case "binary":
		return nil, apperr.Invalidf("file", "this file is not a text, Word, HTML or PDF document")
	}
	switch ext {
	case "pdf":
		if kind != "pdf" {
			return nil, apperr.Invalidf("file", "the file is named .pdf but is not a PDF")
		}
	case "docx":
		if kind != "zip" {
			return nil, apperr.Invalidf("file", "the file is named .docx but is not a Word document")
		}
	case "txt", "md", "text", "markdown", "html", "htm", "xhtml":
		if kind == "pdf" || kind == "zip" {
			return nil, apperr.Invalidf("file", "the file is named .%s but is a %s file", ext, kind)
		}
	case "":
	default:
		if kind == "text" && ext != "csv" {
			break
		}
		if kind != "pdf" && kind != "zip" && kind != "html" {
			return nil, apperr.Invalidf("file", "files of type .%s are not supported; upload a .docx, .pdf, .html or .txt file", ext)
		}
	}
	var doc *Document
	switch {
	case kind == "pdf":
		doc, err = extractPDF(data)
	case kind == "zip":
		doc, err = extractDocx(data, maxBytes)
	case kind == "html" || ext == "html" || ext == "htm" || ext == "xhtml":
		var text string
		text, err = decodeText(data)
		if err == nil {
			doc = &Document{Text: htmlToText(text), Format: FormatHTML}
		}
	default:
		doc = &Document{Format: FormatText}
		doc.Text, doc.Encoding = decodeTextEnc(data)
	}
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(doc.Text) == "" {
		return nil, apperr.Invalidf("file", "the document contains no text")
	}
	return doc, nil
}

// sniff classifies data by its first bytes.
func sniff(data []byte) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.HasPrefix(data, []byte("MZ")), bytes.HasPrefix(data, []byte("\x7fELF")),
		bytes.HasPrefix(data, []byte{0xCF, 0xFA, 0xED, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xED, 0xFA, 0xCE}),
		bytes.HasPrefix(data, []byte{0xCA, 0xFE, 0xBA, 0xBE}), bytes.HasPrefix(data, []byte("#!")):
		return "exe"
	case bytes.Contains(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return "zip"
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "doc"
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "rtf"
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "text"
	}
	low := bytes.ToLower(bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n"))
	if bytes.HasPrefix(low, []byte("<!doctype html")) || bytes.HasPrefix(low, []byte("<html")) ||
		bytes.Contains(low, []byte("<body")) || bytes.HasPrefix(low, []byte("<?xml")) && bytes.Contains(low, []byte("<html")) {
		return "html"
	}
	// control bytes other than whitespace mean binary
	ctl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	if ctl > len(head)/100+1 {
		return "binary"
	}
	return "text"
}

// decodeTextEnc decodes UTF-8 (with or without BOM), UTF-16 with BOM, and
// falls back to Windows-1252 when the bytes are not valid UTF-8.
func decodeTextEnc(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return normalizeNewlines(string(out)), "utf-16"
		}
	}
	if utf8.Valid(data) {
		return normalizeNewlines(string(data)), "utf-8"
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return normalizeNewlines(strings.ToValidUTF8(string(data), "\uFFFD")), "utf-8"
	}
	return normalizeNewlines(string(out)), "windows-1252"
}

func decodeText(data []byte) (string, error) {
	s, _ := decodeTextEnc(data)
	if s == "" {
		return "", errors.New("empty")
	}
	return s, nil
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
