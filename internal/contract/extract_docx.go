package contract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"privacyregister/internal/apperr"
)

// Limits against zip bombs.
const (
	maxDocxEntries      = 5000
	maxDocxUnpackedHard = 100 << 20
)

// docxUnpackLimit is the most a .docx may unpack to: 20 times the upload
// limit, at most 100 MB.
func docxUnpackLimit(maxBytes int64) int64 {
	l := 20 * maxBytes
	if l > maxDocxUnpackedHard || l <= 0 {
		l = maxDocxUnpackedHard
	}
	return l
}

var errUnpackTooLarge = apperr.New(apperr.TooLarge, "the Word file unpacks to more than %d MB; it may be a zip bomb")

// readZipFile reads f, refusing more than limit bytes whatever its header says.
func readZipFile(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	size := int64(f.UncompressedSize64)
	if size > limit || size < 0 {
		size = limit
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+512))
	if _, err := io.Copy(buf, io.LimitReader(rc, limit+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, errUnpackTooLarge
	}
	return data, nil
}

func extractDocx(data []byte, maxBytes int64) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "the Word file is damaged (not a valid zip archive)")
	}
	if len(zr.File) > maxDocxEntries {
		return nil, apperr.New(apperr.TooLarge, "the Word file holds more than %d parts; it may be a zip bomb", maxDocxEntries)
	}
	limit := docxUnpackLimit(maxBytes)
	var docFile, numFile *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			docFile = f
		case "word/numbering.xml":
			numFile = f
		}
	}
	if docFile == nil {
		return nil, apperr.Invalidf("file", "this zip file is not a Word document (word/document.xml is missing)")
	}
	body, err := readZipFile(docFile, limit)
	if err != nil {
		if err == errUnpackTooLarge {
			return nil, apperr.New(apperr.TooLarge, errUnpackTooLarge.Msg, limit>>20)
		}
		return nil, apperr.Wrap(err, apperr.Invalid, "the Word file is damaged")
	}
	var numbering *docxNumbering
	if numFile != nil {
		nb, err := readZipFile(numFile, limit-int64(len(body)))
		if err == errUnpackTooLarge {
			return nil, apperr.New(apperr.TooLarge, errUnpackTooLarge.Msg, limit>>20)
		}
		if err == nil {
			numbering = parseNumbering(nb)
		}
	}
	text, err := docxText(body, numbering)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "the Word file is damaged (invalid XML)")
	}
	return &Document{Text: text, Format: FormatDocx}, nil
}

// docxNumbering holds list formats: numId -> level -> format.
type docxNumbering struct {
	levels   map[string]map[int]numLevel // abstractNumId -> level
	abstract map[string]string           // numId -> abstractNumId
	counters map[string][]int            // numId -> counters per level
}

type numLevel struct {
	format string // decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet
	text   string // "%1.%2."
	start  int
}

func parseNumbering(data []byte) *docxNumbering {
	n := &docxNumbering{levels: map[string]map[int]numLevel{}, abstract: map[string]string{}, counters: map[string][]int{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var curAbs string
	var curNum string
	curLvl := -1
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "abstractNum":
			curAbs = attr(se, "abstractNumId")
			n.levels[curAbs] = map[int]numLevel{}
		case "lvl":
			curLvl, _ = strconv.Atoi(attr(se, "ilvl"))
			if curAbs != "" && n.levels[curAbs] != nil {
				n.levels[curAbs][curLvl] = numLevel{start: 1}
			}
		case "start", "numFmt", "lvlText":
			if curAbs == "" || n.levels[curAbs] == nil || curLvl < 0 {
				continue
			}
			l := n.levels[curAbs][curLvl]
			v := attr(se, "val")
			switch se.Name.Local {
			case "start":
				l.start, _ = strconv.Atoi(v)
			case "numFmt":
				l.format = v
			case "lvlText":
				l.text = v
			}
			n.levels[curAbs][curLvl] = l
		case "num":
			curNum = attr(se, "numId")
			curAbs = ""
		case "abstractNumId":
			if curNum != "" {
				n.abstract[curNum] = attr(se, "val")
			}
		}
	}
	return n
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// label advances the counter of numId at ilvl and renders the level text.
func (n *docxNumbering) label(numID string, ilvl int) string {
	if n == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	lv := n.levels[n.abstract[numID]]
	if lv == nil {
		return ""
	}
	c := n.counters[numID]
	for len(c) <= ilvl {
		c = append(c, 0)
	}
	if c[ilvl] == 0 {
		c[ilvl] = lv[ilvl].start
		if c[ilvl] == 0 {
			c[ilvl] = 1
		}
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < len(c); i++ {
		c[i] = 0
	}
	n.counters[numID] = c
	l := lv[ilvl]
	if l.format == "bullet" || l.format == "none" {
		return "-"
	}
	text := l.text
	if text == "" {
		text = "%" + strconv.Itoa(ilvl+1) + "."
	}
	for i := 0; i <= ilvl && i < len(c); i++ {
		v := c[i]
		if v == 0 {
			v = 1
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), formatNum(v, lv[i].format))
	}
	return text
}

func formatNum(v int, format string) string {
	switch format {
	case "lowerLetter":
		return string(rune('a' + (v-1)%26))
	case "upperLetter":
		return string(rune('A' + (v-1)%26))
	case "lowerRoman":
		return strings.ToLower(roman(v))
	case "upperRoman":
		return roman(v)
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	if v <= 0 || v > 3999 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, x := range vals {
		for v >= x {
			b.WriteString(syms[i])
			v -= x
		}
	}
	return b.String()
}

// docxText walks word/document.xml: paragraphs become lines, table rows
// become lines with their cells joined by " | ", numbered paragraphs keep
// their number.
func docxText(body []byte, num *docxNumbering) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	var out strings.Builder
	var para strings.Builder
	type cellState struct{ cells []string }
	var rows []*cellState // stack for nested tables
	var cell strings.Builder
	cellDepth := 0
	inText := false
	numID, ilvl := "", -1
	endPara := func() {
		t := strings.TrimRight(para.String(), " ")
		para.Reset()
		if numID != "" && numID != "0" {
			if lbl := num.label(numID, ilvl); lbl != "" {
				t = lbl + " " + t
			}
		}
		numID, ilvl = "", -1
		if len(rows) > 0 && cellDepth > 0 {
			if strings.TrimSpace(t) != "" {
				if cell.Len() > 0 {
					cell.WriteByte(' ')
				}
				cell.WriteString(strings.TrimSpace(t))
			}
			return
		}
		out.WriteString(t)
		out.WriteByte('\n')
	}
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		if depth++; depth > 10_000_000 {
			return "", fmt.Errorf("document too complex")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				if len(rows) > 0 {
					para.WriteByte(' ')
				} else {
					para.WriteByte('\n')
				}
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl, _ = strconv.Atoi(attr(t, "val"))
			case "tr":
				rows = append(rows, &cellState{})
			case "tc":
				cellDepth++
				cell.Reset()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if ilvl < 0 && numID != "" {
					ilvl = 0
				}
				endPara()
			case "tc":
				if len(rows) > 0 {
					r := rows[len(rows)-1]
					r.cells = append(r.cells, strings.TrimSpace(cell.String()))
				}
				cell.Reset()
				if cellDepth > 0 {
					cellDepth--
				}
			case "tr":
				if len(rows) > 0 {
					r := rows[len(rows)-1]
					rows = rows[:len(rows)-1]
					line := strings.Join(r.cells, " | ")
					if len(rows) > 0 && cellDepth > 0 {
						if cell.Len() > 0 {
							cell.WriteByte(' ')
						}
						cell.WriteString(line)
					} else if strings.Trim(line, " |") != "" {
						out.WriteString(line)
						out.WriteByte('\n')
					}
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	return out.String(), nil
}
