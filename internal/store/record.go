package store

import (
	"encoding/json"
	"fmt"
	"time"
)

// recordCols are the columns of tables that keep a record as JSON beside
// its id and timestamps (subject requests, DPIAs).
const recordCols = "id, data, created_at, updated_at"

// scanRecord reads such a row into v and returns the columns beside it.
func scanRecord(sc interface{ Scan(...any) error }, what string, v any) (id int64, created, updated time.Time, err error) {
	var data string
	if err := sc.Scan(&id, &data, &created, &updated); err != nil {
		return 0, time.Time{}, time.Time{}, mapErr(err)
	}
	if err := json.Unmarshal([]byte(data), v); err != nil {
		return 0, time.Time{}, time.Time{}, fmt.Errorf("%s %d: %w", what, id, err)
	}
	return id, created, updated, nil
}
