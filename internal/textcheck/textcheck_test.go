package textcheck

import (
	"strings"
	"testing"
)

type inner struct {
	Description string `json:"description"`
}

type rec struct {
	Name  string            `json:"name"`
	Items []inner           `json:"items"`
	Extra map[string]string `json:"extra"`
	Ptr   *inner            `json:"ptr"`
	Data  []byte            `json:"data"`
}

// TestStructNamesEveryBadField: NUL, invalid UTF-8 and overlong text are
// found wherever they sit, and named by their JSON path.
func TestStructNamesEveryBadField(t *testing.T) {
	r := rec{Name: strings.Repeat("x", Short+1), Items: []inner{{"ok"}, {"a\x00b"}},
		Extra: map[string]string{"k": "caf\xe9"}, Ptr: &inner{strings.Repeat("y", Long)}, Data: []byte{0, 0xff}}
	l := Struct(&r, Common)
	got := map[string]string{}
	for _, e := range l {
		got[e.Field] = e.Msg
	}
	want := map[string]string{"name": MsgTooLong, "items[1].description": MsgNUL, "extra[k]": MsgNotUTF8}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for f, m := range want {
		if got[f] != m {
			t.Errorf("%s: %q, want %q", f, got[f], m)
		}
	}
	if l := Struct(&rec{Name: "Ledenadministratie (café)"}, Common); len(l) != 0 {
		t.Errorf("good text refused: %v", l)
	}
}
