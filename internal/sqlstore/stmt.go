// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxStmts bounds a cache: queries built with a variable number of
// placeholders (IN lists) would otherwise fill it; past the bound they
// run unprepared, as before.
const maxStmts = 512

// stmts caches prepared statements of one pool by query text. database/sql
// prepares, runs and finalizes every statement anew, and SQLite (modernc)
// parses and plans it each time: on the gate's path, eight to ten
// statements a release. A cached *sql.Stmt is prepared once per
// connection and reused. PostgreSQL's pgx driver keeps its own statement
// cache, so the store uses this for SQLite only.
type stmts struct {
	db *sql.DB
	mu sync.RWMutex
	m  map[string]*sql.Stmt
}

func newStmts(db *sql.DB) *stmts { return &stmts{db: db, m: map[string]*sql.Stmt{}} }

// get returns the prepared statement for q, or nil when q is not to be
// cached (the cache is full, or c is nil).
func (c *stmts) get(ctx context.Context, q string) (*sql.Stmt, error) {
	if c == nil {
		return nil, nil
	}
	c.mu.RLock()
	st, ok := c.m[q]
	full := len(c.m) >= maxStmts
	c.mu.RUnlock()
	if ok || full {
		return st, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[q]; ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.m[q] = st
	return st, nil
}

// close finalizes every cached statement.
func (c *stmts) close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	for q, st := range c.m {
		err = errors.Join(err, st.Close())
		delete(c.m, q)
	}
	return err
}
