// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// timeLayout is fixed-width so that text comparison on SQLite orders times
// correctly; PostgreSQL parses it as a TIMESTAMPTZ literal.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ts is a time argument written the same way on both engines.
type ts time.Time

// Value implements driver.Valuer.
func (t ts) Value() (driver.Value, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return nil, nil
	}
	return tt.UTC().Format(timeLayout), nil
}

// scanTime reads a time from either engine: time.Time from PostgreSQL, text
// from SQLite. NULL leaves the zero time.
type scanTime struct{ t *time.Time }

// Scan implements sql.Scanner.
func (s scanTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*s.t = time.Time{}
	case time.Time:
		*s.t = x.UTC()
	case string:
		return s.parse(x)
	case []byte:
		return s.parse(string(x))
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a time", v)
	}
	return nil
}

func (s scanTime) parse(x string) error {
	for _, layout := range []string{timeLayout, time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, x); err == nil {
			*s.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("sqlstore: %q is not a time", x)
}
