package store

// Page asks a list for one page in the order of a key column (the row id,
// or the audit trail's sequence number): at most Limit rows whose key comes
// after After. This is keyset paging: a page costs the same however deep
// it lies, and rows added or removed meanwhile are neither repeated nor
// skipped on the pages still to come. The limiting happens in SQL, so a
// page of a register of 100,000 activities reads a page, not the register.
//
// The zero Page means the whole list in its usual order, for the web
// pages, exports and jobs that need all of it.
type Page struct {
	Limit int   // rows per page; 0: no paging
	After int64 // key of the last row of the previous page; 0: the first page
}

// Paged reports whether p asks for a page rather than the whole list.
func (p Page) Paged() bool { return p.Limit > 0 }

// keyset finishes a list query q (which ends in its WHERE clause, so an
// "AND" can follow). Without paging it appends " ORDER BY "+order. With
// paging it keeps the rows after the cursor, orders by key (descending when
// desc, for the lists shown newest first) and reads one row more than the
// page, so the caller can tell whether another page follows (see Trim).
func (p Page) keyset(q string, args []any, key string, desc bool, order string) (string, []any) {
	if !p.Paged() {
		return q + " ORDER BY " + order, args
	}
	op, dir := " > ?", " ASC"
	if desc {
		op, dir = " < ?", " DESC"
	}
	if p.After > 0 {
		q += " AND " + key + op
		args = append(args, p.After)
	}
	return q + " ORDER BY " + key + dir + " LIMIT ?", append(args, p.Limit+1)
}

// Trim cuts a list read with p to the page and reports whether another
// page follows (the one row read beyond the page).
func Trim[T any](p Page, list []T) ([]T, bool) {
	if list == nil {
		list = []T{}
	}
	if !p.Paged() || len(list) <= p.Limit {
		return list, false
	}
	return list[:p.Limit], true
}
