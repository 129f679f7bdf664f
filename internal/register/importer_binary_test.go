package register

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"privacyregister/internal/apperr"
)

// A PNG uploaded as a register was read as a two-row CSV (issue 13): a
// binary file is refused with a message that says what it is, whatever
// its name. UTF-16 text (with NUL bytes) is still read.
func TestImportRefusesBinaryFiles(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 40, 40))); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		kind string
	}{
		{"register.csv", img.Bytes(), "image/png"},
		{"register.png", img.Bytes(), "image/png"},
		{"register.csv", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "application/pdf"},
		{"register.txt", []byte("Naam;Doel\nA\x00\x01\x02\x03\x04\x05\x06\x07\x08;B\n"), "application/octet-stream"},
	} {
		_, err := ParseFile(c.name, bytes.NewReader(c.data), 0)
		var e *apperr.Error
		if err == nil || !asErr(err, &e) || e.Field != "file" || apperr.HTTPStatus(err) != 422 || !strings.Contains(err.Error(), c.kind) {
			t.Errorf("%s as %s: %v", c.kind, c.name, err)
		}
	}
	// Excel's "Unicode text": UTF-16LE with a BOM, full of NUL bytes.
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "Naam\tDoel\r\nLedenadministratie\tLeden\r\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	tb, err := ParseFile("register.txt", bytes.NewReader(utf16), 0)
	if err != nil || len(tb.Rows) != 1 {
		t.Fatalf("UTF-16 text: %v", err)
	}
}

func asErr(err error, e **apperr.Error) bool {
	v, ok := err.(*apperr.Error)
	*e = v
	return ok
}
