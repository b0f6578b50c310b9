// SPDX-License-Identifier: Apache-2.0

// Package sqlite is the SQLite dialect of sqlstore: the pure-Go
// modernc.org/sqlite driver, so that CGO_ENABLED=0 builds a static binary.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is the SQLite dialect.
type Dialect struct{}

// Name returns "sqlite".
func (Dialect) Name() string { return "sqlite" }

// Rebind returns the query unchanged: SQLite understands ?.
func (Dialect) Rebind(q string) string { return q }

// Migrations returns the SQLite migration files.
func (Dialect) Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// pragmas are applied to every connection. busy_timeout covers other
// processes (a CLI ingest next to a running server); within one process the
// single writer connection queues writers instead.
var pragmas = []string{
	"journal_mode(WAL)",
	"busy_timeout(10000)",
	"foreign_keys(1)",
	"synchronous(NORMAL)",
	"temp_store(MEMORY)",
}

// Open opens the writer (one connection, BEGIN IMMEDIATE) and reader pools.
// dsn is a file path, sqlite://PATH, file:PATH or :memory:. For :memory:
// both pools are the same single connection, since separate connections
// would see separate databases.
func (Dialect) Open(ctx context.Context, dsn string) (*sql.DB, *sql.DB, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	mem := path == ":memory:" || path == ""
	if !mem {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, nil, fmt.Errorf("sqlite: create directory for %s: %w", path, err)
			}
		}
	}
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	// The writer's page cache is 64 MiB: bulk loads insert into indexes
	// keyed by hashes, i.e. at random places. 128 MiB measured no faster on
	// a million-row batch and pushed the process past 500 MB; memory-mapped
	// I/O was dropped for the same reason (mapped pages count as resident).
	q.Add("_pragma", "cache_size(-65536)")
	// Checkpoint the WAL every 64 MiB rather than every 4 MiB: a bulk load
	// commits a few MiB per chunk, and a checkpoint (with its fsync) after
	// each one cost a tenth of a million-row load.
	q.Add("_pragma", "wal_autocheckpoint(16384)")
	q.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if mem {
		return w, w, nil
	}
	rq := url.Values{}
	for _, p := range pragmas {
		rq.Add("_pragma", p)
	}
	rq.Add("_pragma", "query_only(1)")
	rq.Add("_pragma", "cache_size(-32768)")
	r, err := sql.Open("sqlite", "file:"+path+"?"+rq.Encode())
	if err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("sqlite: open reader %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	return w, r, nil
}

// ErrorKind classifies constraint violations by SQLite extended result code.
func (Dialect) ErrorKind(err error) string {
	var e *msqlite.Error
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return "unique"
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return "foreign_key"
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return "not_null"
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return "check"
	}
	return ""
}

// LockMigrations relies on the single writer connection and BEGIN IMMEDIATE:
// a second process waits on the file lock through busy_timeout.
func (Dialect) LockMigrations(ctx context.Context, conn *sql.Conn) (func(), error) {
	return func() {}, nil
}

// Version returns the SQLite library version.
func (Dialect) Version(ctx context.Context, db *sql.DB) (string, error) {
	var v string
	err := db.QueryRowContext(ctx, "SELECT 'SQLite ' || sqlite_version()").Scan(&v)
	return v, err
}
