package agreement

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"

	"privacyregister/internal/apperr"
)

// MaxAttachment is the largest file stored with an agreement.
const MaxAttachment = 20 << 20

// CheckFile checks an uploaded document before it is stored and returns its
// content type: only PDF, Word (docx), text and HTML, and the content must
// match the name, so a renamed program is refused with a clear error.
func CheckFile(name string, data []byte, max int64) (string, error) {
	if max <= 0 {
		max = MaxAttachment
	}
	name = strings.TrimSpace(filepath.Base(name))
	if name == "" || name == "." || name == "/" {
		return "", apperr.Invalidf("file", "has no name")
	}
	if len(data) == 0 {
		return "", apperr.Invalidf("file", "the file is empty")
	}
	if int64(len(data)) > max {
		return "", apperr.New(apperr.TooLarge, "the file is larger than %d MB", max>>20)
	}
	if isProgram(data) {
		return "", apperr.Invalidf("file", "this file is a program, not a document")
	}
	ct := http.DetectContentType(data)
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".pdf":
		if !bytes.HasPrefix(data, []byte("%PDF")) {
			return "", apperr.Invalidf("file", "the file is named .pdf but is not a PDF")
		}
		return "application/pdf", nil
	case ".docx":
		if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			return "", apperr.Invalidf("file", "the file is named .docx but is not a Word document")
		}
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil
	case ".txt", ".md":
		if !strings.HasPrefix(ct, "text/plain") {
			return "", apperr.Invalidf("file", "the file is named %s but is not plain text", ext)
		}
		return "text/plain; charset=utf-8", nil
	case ".html", ".htm":
		if !strings.HasPrefix(ct, "text/") {
			return "", apperr.Invalidf("file", "the file is named %s but is not HTML", ext)
		}
		// Served as a download only, never rendered in our origin.
		return "text/html; charset=utf-8", nil
	}
	return "", apperr.Invalidf("file", "only PDF, Word (.docx), text and HTML files can be attached")
}

// isProgram recognises executables: Windows (MZ), ELF, Mach-O and scripts.
func isProgram(b []byte) bool {
	for _, magic := range [][]byte{[]byte("MZ"), []byte("\x7fELF"), {0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, {0xcf, 0xfa, 0xed, 0xfe}, {0xce, 0xfa, 0xed, 0xfe}, {0xca, 0xfe, 0xba, 0xbe}, []byte("#!")} {
		if bytes.HasPrefix(b, magic) {
			return true
		}
	}
	return false
}
