package register

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

// msgCalls are the functions whose first string-literal argument is a
// user-facing English message id.
var msgCalls = map[string]bool{"Invalidf": true, "New": true, "Wrap": true, "errMsg": true, "fail": true, "T": true, "t": true, "l": true, "add": true, "h": true}

// TestCatalogComplete fails when a message the package can show has no
// Dutch translation in internal/i18n/catalog/register.nl.json.
func TestCatalogComplete(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	msgs := map[string]bool{}
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
					if name == "Invalidf" && len(args) > 0 {
						args = args[1:] // the first is the field
					}
					for _, a := range args {
						if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if s, _ := strconv.Unquote(lit.Value); s != "" && len(s) > 1 && s != "%s" && s != "nl" {
								msgs[s] = true
							}
							if name != "h" {
								break
							}
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
	for _, f := range Fields {
		msgs[f.Label] = true
	}
	for _, l := range basisName {
		msgs[l] = true
	}
	for _, s := range []string{"eea", "adequate", "third", "controller", "processor", "days", "weeks", "months", "years"} {
		msgs[s] = true
	}
	var missing []string
	for m := range msgs {
		if !i18n.Has("nl", m) {
			missing = append(missing, m)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no Dutch translation: %q", m)
	}
}
