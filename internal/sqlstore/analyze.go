// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"sync"
)

// analyzeState remembers, per table, how many rows this process has added
// since PostgreSQL last refreshed the table's statistics.
type analyzeState struct {
	mu    sync.Mutex
	added map[string]int64
	base  map[string]int64
}

// grew records rows added to a PostgreSQL table by a bulk path and runs
// ANALYZE when the table has grown a lot since the last time. A table that
// grows from nothing inside one big load has no statistics yet, and the
// planner then scans the whole table for each lookup of the next chunk,
// which makes a load quadratic. Autovacuum catches up too late for that.
func (s *Store) grew(ctx context.Context, table string, n int64) error {
	if s.d.Name() != "postgres" || n == 0 {
		return nil
	}
	a := &s.analyze
	a.mu.Lock()
	if a.added == nil {
		a.added, a.base = map[string]int64{}, map[string]int64{}
	}
	a.added[table] += n
	due := a.added[table] >= max(5000, 3*a.base[table])
	if due {
		a.base[table] += a.added[table]
		a.added[table] = 0
	}
	a.mu.Unlock()
	if !due {
		return nil
	}
	_, err := s.db.ExecContext(ctx, "ANALYZE "+table)
	return s.wrap("analyze "+table, err)
}
