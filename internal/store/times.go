package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
)

// How SQLite keeps time.
//
// SQLite has no time type: a TIMESTAMP column holds whatever text the
// driver writes, and every comparison (next_review_at < ?) and ORDER BY on
// it compares that text byte by byte. Until migration 13 the driver wrote
// time.Time.String() in the value's own zone, e.g.
// "2026-08-03 23:59:59.999999999 +0200 CEST" for a request's deadline
// computed in Amsterdam, beside "2026-08-03 22:00:59 +0000 UTC" for a
// minute past it: as text the deadline came after that moment, so the
// reminder job saw the request due two hours late. Now sqliteTimeDSN makes
// the driver write every time in UTC in SQLite's own format,
// "2006-01-02 15:04:05.999999999-07:00", so always "...+00:00". Such text
// sorts as the instants do: the date and time have fixed widths, and the
// fraction has no trailing zeros and ends in '+', which sorts below '.'
// and the digits, so "05+", "05.25+" and "05.5+" compare as 5, 5.25 and
// 5.5 seconds. SQLite's date functions read it too. PostgreSQL has
// timestamptz and needs none of this.
const sqliteTimeDSN = "&_time_format=sqlite&_timezone=UTC"

// sqliteTimesMigration (version 13, SQLite only) rewrites every value of
// every TIMESTAMP column written before in the new form. Values in UTC
// ("... +0000 UTC", nearly all) are rewritten in SQL; the few in another
// zone are read, turned to UTC and written back by the driver.
func sqliteTimesMigration() *goose.Migration {
	return goose.NewGoMigration(13, &goose.GoFunc{RunTx: convertSQLiteTimes}, nil)
}

func convertSQLiteTimes(ctx context.Context, tx *sql.Tx) error {
	cols, err := timestampColumns(ctx, tx)
	if err != nil {
		return err
	}
	for _, c := range cols {
		// The text of String() in UTC and the new form differ only in the
		// zone: the fraction is printed alike, without trailing zeros.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s = replace(%[2]s, ' +0000 UTC', '+00:00') WHERE %[2]s LIKE '%% +0000 UTC'`, c.table, c.col)); err != nil {
			return fmt.Errorf("times of %s.%s: %w", c.table, c.col, err)
		}
		if err := convertOtherZones(ctx, tx, c); err != nil {
			return fmt.Errorf("times of %s.%s: %w", c.table, c.col, err)
		}
	}
	// The dashboard and the calendar count the register's overdue reviews
	// (next review unplanned or past, not retired) and list the first ones;
	// this index holds just the current activities in that order, so both
	// are read from it alone.
	_, err = tx.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS activities_org_review_current ON activities(org_id, next_review_at) WHERE status <> 'retired'`)
	return err
}

// parseTimeString reads the text of time.String() that the driver does
// not: a zone named by its offset ("+0100 +0100", Europe/Amsterdam in
// winter, as Go names a zone without an abbreviation).
func parseTimeString(v any) (time.Time, bool) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return time.Time{}, false
	}
	f := strings.Fields(s)
	if len(f) < 3 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02 15:04:05.999999999 -0700", f[0]+" "+f[1]+" "+f[2])
	return t, err == nil
}

type tableColumn struct{ table, col string }

// timestampColumns lists the TIMESTAMP columns of the schema's tables.
func timestampColumns(ctx context.Context, tx *sql.Tx) ([]tableColumn, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'goose_db_version' AND upper(p.type) = 'TIMESTAMP' ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tableColumn
	for rows.Next() {
		var c tableColumn
		if err := rows.Scan(&c.table, &c.col); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// convertOtherZones rewrites the values of c in another zone than UTC.
func convertOtherZones(ctx context.Context, tx *sql.Tx, c tableColumn) error {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT rowid, %s FROM %s WHERE %[1]s IS NOT NULL AND %[1]s NOT LIKE '%%+00:00'`, c.col, c.table))
	if err != nil {
		return err
	}
	type fix struct {
		rowid int64
		t     time.Time
	}
	var fixes []fix
	for rows.Next() {
		var f fix
		var v any
		if err := rows.Scan(&f.rowid, &v); err != nil {
			rows.Close()
			return err
		}
		t, ok := v.(time.Time)
		if !ok {
			if t, ok = parseTimeString(v); !ok {
				rows.Close()
				return fmt.Errorf("row %d: %q is not a time", f.rowid, v)
			}
		}
		f.t = t.UTC()
		fixes = append(fixes, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range fixes {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = ? WHERE rowid = ?", c.table, c.col), f.t, f.rowid); err != nil {
			return err
		}
	}
	return nil
}
