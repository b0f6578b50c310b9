// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"fmt"
	"io/fs"
	"sort"

	"github.com/xinrong/xinrong/internal/apperr"
)

// MigrationNames returns the dialect's migration file names in order.
func MigrationNames(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// Migrate applies pending migrations, each in its own transaction, under a
// lock so that several processes starting together do not race. It refuses
// to run against a schema newer than this binary knows.
func (s *Store) Migrate(ctx context.Context) (applied []string, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.wrap("migrate: connect", err)
	}
	defer conn.Close()
	unlock, err := s.d.LockMigrations(ctx, conn)
	if err != nil {
		return nil, err
	}
	defer unlock()

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL)`); err != nil {
		return nil, s.wrap("migrate: create schema_migrations", err)
	}
	done := map[string]bool{}
	rows, err := conn.QueryContext(ctx, "SELECT name FROM schema_migrations")
	if err != nil {
		return nil, s.wrap("migrate: list applied", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, s.wrap("migrate: scan", err)
		}
		done[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap("migrate: list applied", err)
	}

	fsys := s.d.Migrations()
	names, err := MigrationNames(fsys)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrate: %w", err)
	}
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for n := range done {
		if !known[n] {
			return nil, apperr.E(apperr.Unavailable, fmt.Sprintf(
				"the database schema has migration %s which this binary does not know: upgrade xinrong before starting it", n), nil)
		}
	}
	for _, n := range names {
		if done[n] {
			continue
		}
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return applied, fmt.Errorf("sqlstore: migrate: read %s: %w", n, err)
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return applied, s.wrap("migrate: begin "+n, err)
		}
		// Re-check inside the transaction: on SQLite the migration lock is
		// the write transaction itself, so another process may have applied
		// this file since the list above was read.
		var already int
		if err := tx.QueryRowContext(ctx, s.d.Rebind("SELECT COUNT(*) FROM schema_migrations WHERE name = ?"), n).Scan(&already); err != nil {
			_ = tx.Rollback()
			return applied, s.wrap("migrate: check "+n, err)
		}
		if already > 0 {
			_ = tx.Rollback()
			continue
		}
		// One Exec per file: both drivers run multi-statement scripts when no
		// arguments are given (pgx then uses the simple protocol).
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			_ = tx.Rollback()
			return applied, fmt.Errorf("sqlstore: migration %s failed: %w", n, err)
		}
		if _, err := tx.ExecContext(ctx, s.d.Rebind("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)"), n, ts(s.Now())); err != nil {
			_ = tx.Rollback()
			return applied, s.wrap("migrate: record "+n, err)
		}
		if err := tx.Commit(); err != nil {
			return applied, s.wrap("migrate: commit "+n, err)
		}
		applied = append(applied, n)
	}
	return applied, nil
}

// Pending returns the migrations not yet applied (for /readyz and the CLI).
func (s *Store) Pending(ctx context.Context) ([]string, error) {
	names, err := MigrationNames(s.d.Migrations())
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	rows, err := s.query(ctx, "SELECT name FROM schema_migrations")
	if err != nil {
		return names, nil // no table yet: everything is pending
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, s.wrap("pending: scan", err)
		}
		done[n] = true
	}
	var out []string
	for _, n := range names {
		if !done[n] {
			out = append(out, n)
		}
	}
	return out, rows.Err()
}
