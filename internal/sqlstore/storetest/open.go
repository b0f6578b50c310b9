// SPDX-License-Identifier: Apache-2.0

// Package storetest opens real stores for tests and holds the conformance
// suite that both SQLite and PostgreSQL must pass.
//
// Every test in the repository that needs a database calls Open. By default
// it gets a fresh SQLite file in a temporary directory. With
// XINRONG_TEST_DB=postgres it gets a fresh schema in the PostgreSQL database
// named by XINRONG_TEST_POSTGRES_URL (default
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable), dropped when the
// test ends. CI runs the whole suite both ways.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/xinrong/xinrong/internal/sqlstore"
)

// DefaultPostgresURL is used when XINRONG_TEST_POSTGRES_URL is unset.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Backend returns "postgres" when tests should use PostgreSQL, else "sqlite".
func Backend() string {
	if os.Getenv("XINRONG_TEST_DB") == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// PostgresURL returns the base PostgreSQL URL for tests.
func PostgresURL() string {
	if u := os.Getenv("XINRONG_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// DSN returns a data source for a fresh, empty database of the selected
// backend, cleaned up when tb ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	if Backend() != "postgres" {
		return filepath.Join(tb.TempDir(), "xinrong.db")
	}
	return NewPostgresSchema(tb, PostgresURL())
}

// NewPostgresSchema creates a uniquely named schema in the database at base
// and returns a URL whose search_path points at it. The schema is dropped
// when tb ends.
func NewPostgresSchema(tb testing.TB, base string) string {
	tb.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("storetest: open %s: %v", base, err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		tb.Fatalf("storetest: PostgreSQL at %s is not usable (%v); start it or unset XINRONG_TEST_DB", base, err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a migrated store on a fresh database of the selected backend.
func Open(tb testing.TB) *sqlstore.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, DSN(tb))
	if err != nil {
		tb.Fatalf("storetest: open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		tb.Fatalf("storetest: migrate: %v", err)
	}
	return s
}
