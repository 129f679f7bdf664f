// Package i18ntest finds the message ids a package can show, so each
// package's test can check that the Dutch catalogue translates them all.
package i18ntest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/i18n"
)

// Calls configures MessageIDs: Funcs are the functions whose first string
// literal argument is a message id; FieldFirst those whose first argument
// is a field name (apperr.Invalidf); AllArgs those whose every string
// literal argument is one (table headings).
type Calls struct {
	Funcs      []string
	FieldFirst []string
	AllArgs    []string
	// CompositeTypes are struct types whose first element is a message id.
	CompositeTypes []string
}

// MessageIDs parses the non-test Go files in dir and returns the string
// literals passed to the configured calls, plus constants named Msg*.
func MessageIDs(t testing.TB, dir string, c Calls) map[string]bool {
	t.Helper()
	in := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	msgs := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				fn := ""
				switch f := x.Fun.(type) {
				case *ast.Ident:
					fn = f.Name
				case *ast.SelectorExpr:
					fn = f.Sel.Name
				}
				if !in(c.Funcs, fn) && !in(c.FieldFirst, fn) && !in(c.AllArgs, fn) {
					return true
				}
				args := x.Args
				if in(c.FieldFirst, fn) && len(args) > 0 {
					args = args[1:]
				}
				for _, a := range args {
					if s, ok := stringLit(a); ok {
						msgs[s] = true
						if !in(c.AllArgs, fn) {
							break
						}
					}
				}
			case *ast.CompositeLit:
				if id, ok := x.Type.(*ast.Ident); ok && in(c.CompositeTypes, id.Name) && len(x.Elts) > 0 {
					if s, ok := stringLit(x.Elts[0]); ok {
						msgs[s] = true
					}
				}
			case *ast.ValueSpec:
				for i, id := range x.Names {
					if strings.HasPrefix(id.Name, "Msg") && i < len(x.Values) {
						if s, ok := stringLit(x.Values[i]); ok {
							msgs[s] = true
						}
					}
				}
			}
			return true
		})
	}
	return msgs
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// CheckDutch fails the test for every message without a Dutch translation.
// Empty strings, "%s" and one-letter strings are not messages.
func CheckDutch(t testing.TB, msgs map[string]bool) {
	t.Helper()
	var missing []string
	for m := range msgs {
		if len(m) <= 1 || m == "%s" || m == "nl" || m == "en" {
			continue
		}
		if !i18n.Has("nl", m) {
			missing = append(missing, m)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no Dutch translation: %q", m)
	}
}
