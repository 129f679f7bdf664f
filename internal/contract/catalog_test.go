package contract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/i18n"
)

// TestCatalogue checks that every message id this package passes to
// i18n.T or apperr has a Dutch translation: string literals given to T(...),
// apperr.New/Invalidf/Wrap, warn(...) and the description maps.
func TestCatalogue(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	var ids []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := x.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				argIdx := -1
				switch name {
				case "T", "line":
					argIdx = 0
				case "New", "Invalidf", "warn":
					argIdx = 1
				case "Wrap":
					argIdx = 2
				}
				if argIdx >= 0 && argIdx < len(x.Args) {
					if lit, ok := x.Args[argIdx].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						ids = append(ids, s)
					}
				}
			}
			return true
		})
	}
	ids = append(ids, UnclearText(""))
	for _, m := range []map[string]string{art28Names, enumTexts, unclearTexts} {
		for _, v := range m {
			ids = append(ids, v)
		}
	}
	if len(ids) < 40 {
		t.Fatalf("found only %d message ids; the scan is broken", len(ids))
	}
	for _, id := range ids {
		if id == "" || id == "file" {
			continue
		}
		if !i18n.Has("nl", id) {
			t.Errorf("no Dutch translation for %q", id)
		}
	}
}
