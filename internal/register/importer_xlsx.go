package register

import (
	"archive/zip"
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"privacyregister/internal/apperr"
)

// zipLimits bound what an uploaded .xlsx may unpack to. An .xlsx is a zip;
// a small upload can inflate to gigabytes (a "zip bomb"), so the central
// directory is checked before excelize touches it. archive/zip refuses an
// entry that inflates beyond its declared size, so the declared sizes can be
// trusted.
type zipLimits struct {
	MaxEntries      int
	MaxUncompressed uint64 // all entries together
	MaxRatio        uint64 // uncompressed/compressed per entry above 1 MB
}

// zipLimitsOf caps the unpacked size at the import's limit (50 MB by
// default: 10,000 register rows are about 1 MB zipped and 15 MB unzipped).
// The ratio cap alone is not enough: 4.9 MB that unpack to 398 MB stay
// under it.
func zipLimitsOf(l Limits) zipLimits {
	return zipLimits{MaxEntries: 1000, MaxUncompressed: uint64(max(l.MaxUncompressed, 1<<20)), MaxRatio: 200}
}

func checkZip(data []byte, lim zipLimits) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The file is not a valid Excel (.xlsx) file.")
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, apperr.New(apperr.TooLarge, "The Excel file holds too many parts (%d, at most %d).", len(zr.File), lim.MaxEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > lim.MaxUncompressed || total < f.UncompressedSize64 {
			return nil, apperr.New(apperr.TooLarge, "The Excel file unpacks to more than %d MB.", lim.MaxUncompressed>>20)
		}
		if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > lim.MaxRatio*max(f.CompressedSize64, 1) {
			return nil, apperr.New(apperr.TooLarge, "The Excel file is compressed suspiciously well (a zip bomb?): refused.")
		}
	}
	return zr, nil
}

func parseXLSX(data []byte, l Limits) (t *Table, err error) {
	lim := zipLimitsOf(l)
	if _, err := checkZip(data, lim); err != nil {
		return nil, err
	}
	// excelize panics on some malformed files; an upload must not take the
	// server down.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, apperr.New(apperr.Invalid, "The file is not a valid Excel (.xlsx) file.")
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    int64(lim.MaxUncompressed),
		UnzipXMLSizeLimit: xmlInMemory,
	})
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The file is not a valid Excel (.xlsx) file.")
	}
	defer f.Close()
	if isCISOWorkbook(f.GetSheetList()) {
		return parseCISO(f, l)
	}
	sheet := registerSheet(f.GetSheetList())
	if sheet == "" {
		return nil, apperr.Invalidf("file", "The Excel file has no sheets.")
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The file is not a valid Excel (.xlsx) file.")
	}
	defer rows.Close()
	var recs [][]string
	var nums []int
	var count counter
	in := interner{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, apperr.Wrap(err, apperr.Invalid, "The Excel file could not be read at row %d.", n)
		}
		if width(cells) == 0 {
			continue
		}
		if err := count.add(l, cells); err != nil {
			return nil, err
		}
		for j, c := range cells { // one copy of each repeated value, from the start
			cells[j] = in.cell(c)
		}
		recs = append(recs, cells)
		nums = append(nums, n)
	}
	if err := rows.Error(); err != nil {
		return nil, apperr.Wrap(err, apperr.Invalid, "The file is not a valid Excel (.xlsx) file.")
	}
	t, err = buildTable(recs, nums, in)
	if err != nil {
		return nil, err
	}
	t.Format, t.Sheet = "xlsx", sheet
	return t, nil
}

// registerSheet prefers a sheet named like a register, else the first.
func registerSheet(names []string) string {
	for _, n := range names {
		switch fold(n) {
		case "register", "verwerkingsregister", "verwerkingen", "registerofprocessingactivities":
			return n
		}
	}
	for _, n := range names {
		if strings.TrimSpace(n) != "" {
			return n
		}
	}
	return ""
}

// xmlInMemory is the largest worksheet (or shared-strings table) excelize
// unpacks into memory; a larger one goes to a temporary file, which
// f.Rows then reads as a stream. A register of 100,000 rows unpacks to
// some 150 MB: in memory that cost 900 MB of heap while it was read.
const xmlInMemory = 8 << 20
