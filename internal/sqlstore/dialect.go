// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"io/fs"
)

// Dialect is what differs between SQLite and PostgreSQL. The sqlite and
// postgres subpackages implement it without importing this package.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Open returns the writer and reader pools for a data source.
	Open(ctx context.Context, dsn string) (w, r *sql.DB, err error)
	// Rebind turns ? placeholders into the dialect's own.
	Rebind(query string) string
	// ErrorKind classifies a driver error by its code: "unique",
	// "foreign_key", "not_null", "check" or "" for anything else.
	ErrorKind(err error) string
	// Migrations returns the dialect's migration files (*.sql at the root).
	Migrations() fs.FS
	// LockMigrations takes a lock that serialises migrations across processes
	// on conn and returns its release function.
	LockMigrations(ctx context.Context, conn *sql.Conn) (func(), error)
	// Version returns the engine's version string.
	Version(ctx context.Context, db *sql.DB) (string, error)
}
