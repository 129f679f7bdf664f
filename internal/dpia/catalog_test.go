package dpia

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"privacyregister/internal/i18n"
)

// msgCalls take an English message id as their first string argument
// (after the field, for Invalidf).
var msgCalls = map[string]bool{"Invalidf": true, "New": true, "T": true, "t": true, "add": true, "Reason": true}

// TestCatalogComplete fails when a text this package can show has no Dutch
// translation in internal/i18n/catalog/dpia.nl.json.
func TestCatalogComplete(t *testing.T) {
	msgs := map[string]bool{}
	for _, l := range apList[1:] {
		msgs[l] = true
	}
	for _, l := range criteria[1:] {
		msgs[l] = true
	}
	for _, l := range scaleNames[1:] {
		msgs[l] = true
	}
	for _, l := range levelNames {
		msgs[l] = true
	}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					name := ""
					switch fn := x.Fun.(type) {
					case *ast.Ident:
						name = fn.Name
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					}
					if !msgCalls[name] {
						return true
					}
					args := x.Args
					if (name == "Invalidf" || name == "add") && len(args) > 0 {
						args = args[1:] // the field
					}
					for _, a := range args {
						if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							msgs[s] = true
							break
						}
					}
				case *ast.CompositeLit:
					if id, ok := x.Type.(*ast.Ident); ok && id.Name == "Reason" && len(x.Elts) > 0 {
						if lit, ok := x.Elts[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							msgs[s] = true
						}
					}
				case *ast.ValueSpec:
					for i, id := range x.Names {
						if strings.HasPrefix(id.Name, "Msg") && i < len(x.Values) {
							if lit, ok := x.Values[i].(*ast.BasicLit); ok {
								s, _ := strconv.Unquote(lit.Value)
								msgs[s] = true
							}
						}
					}
				}
				return true
			})
		}
	}
	var missing []string
	for m := range msgs {
		if m == "" || m == "%s" {
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
