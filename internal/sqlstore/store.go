// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/sqlstore/postgres"
	"github.com/xinrong/xinrong/internal/sqlstore/sqlite"
)

// Store is the SQL implementation of the domain stores.
type Store struct {
	db  *sql.DB // writes (SQLite: the single writer connection)
	rdb *sql.DB // reads
	d   Dialect
	now func() time.Time

	// rs caches prepared statements of the reader pool (SQLite only; nil
	// on PostgreSQL, whose driver caches its own). ws stays nil: the
	// SQLite writer is one connection, held by the transaction that would
	// need it to prepare a statement.
	rs, ws *stmts

	analyze analyzeState
}

// Open connects to dsn (postgres://… or a SQLite path) without migrating.
func Open(ctx context.Context, dsn string) (*Store, error) {
	kind, err := config.DBKind(dsn)
	if err != nil {
		return nil, apperr.E(apperr.Invalid, err.Error(), nil)
	}
	var d Dialect = sqlite.Dialect{}
	if kind == "postgres" {
		d = postgres.Dialect{}
	}
	w, r, err := d.Open(ctx, dsn)
	if err != nil {
		return nil, apperr.E(apperr.Unavailable, fmt.Sprintf("database %s cannot be opened", kind), err)
	}
	st := &Store{db: w, rdb: r, d: d, now: time.Now}
	if kind == "sqlite" {
		st.rs = newStmts(r)
	}
	return st, nil
}

// Close closes both pools.
func (s *Store) Close() error {
	err := errors.Join(s.rs.close(), s.ws.close(), s.db.Close())
	if s.rdb != s.db {
		err = errors.Join(err, s.rdb.Close())
	}
	return err
}

// Dialect returns the store's dialect name, "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.Name() }

// SetClock replaces the clock used for created/updated times (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now returns the store clock's current time in UTC, truncated to microseconds
// (the resolution both engines keep).
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// DB returns the writer pool, for benchmarks and bulk tools in this package tree.
func (s *Store) DB() *sql.DB { return s.db }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.PingContext(ctx); err != nil {
		return apperr.E(apperr.Unavailable, "database unavailable", err)
	}
	return nil
}

// Version returns the database engine and version.
func (s *Store) Version(ctx context.Context) (string, error) { return s.d.Version(ctx, s.rdb) }

// Tx is a write transaction with the time fixed once for all its writes.
type Tx struct {
	tx  *sql.Tx
	s   *Store
	Now time.Time
}

// Tx runs fn in a write transaction, committing if fn returns nil.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	sqltx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("begin", err)
	}
	tx := &Tx{tx: sqltx, s: s, Now: s.Now()}
	if err := fn(tx); err != nil {
		_ = sqltx.Rollback()
		return err
	}
	if err := sqltx.Commit(); err != nil {
		return s.wrap("commit", err)
	}
	return nil
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q = tx.s.d.Rebind(q)
	if st, err := tx.s.ws.get(ctx, q); err != nil || st != nil {
		if err != nil {
			return nil, err
		}
		return tx.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.tx.ExecContext(ctx, q, args...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = tx.s.d.Rebind(q)
	if st, err := tx.s.ws.get(ctx, q); err != nil || st != nil {
		if err != nil {
			return nil, err
		}
		return tx.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return tx.tx.QueryContext(ctx, q, args...)
}

// QueryRow runs a single-row query in the transaction.
func (tx *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = tx.s.d.Rebind(q)
	if st, err := tx.s.ws.get(ctx, q); err == nil && st != nil {
		return tx.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return tx.tx.QueryRowContext(ctx, q, args...)
}

// Store returns the store the transaction belongs to.
func (tx *Tx) Store() *Store { return tx.s }

// SQL returns the underlying transaction (for bulk copy).
func (tx *Tx) SQL() *sql.Tx { return tx.tx }

// query runs a read on the reader pool.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q = s.d.Rebind(q)
	if st, err := s.rs.get(ctx, q); err != nil || st != nil {
		if err != nil {
			return nil, err
		}
		return st.QueryContext(ctx, args...)
	}
	return s.rdb.QueryContext(ctx, q, args...)
}

// queryRow runs a single-row read on the reader pool.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q = s.d.Rebind(q)
	if st, err := s.rs.get(ctx, q); err == nil && st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.rdb.QueryRowContext(ctx, q, args...)
}

// exec runs one statement on the writer outside an explicit transaction.
func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return s.db.ExecContext(ctx, s.d.Rebind(q), args...)
}

// wrap turns a driver error into an apperr by its code; op names the
// operation for logs ("find subject 91…").
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.E(apperr.NotFound, op+": not found", err)
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	switch s.d.ErrorKind(err) {
	case "unique":
		return apperr.E(apperr.Conflict, op+": already exists", err)
	case "foreign_key":
		return apperr.E(apperr.Invalid, op+": refers to a record that does not exist", err)
	case "not_null", "check":
		return apperr.E(apperr.Invalid, op+": a required value is missing or out of range", err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return apperr.E(apperr.Unavailable, op+": cancelled", err)
	}
	return fmt.Errorf("sqlstore: %s: %w", op, err)
}
