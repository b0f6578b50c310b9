// SPDX-License-Identifier: Apache-2.0

// Package sqlstore is the one SQL implementation of every domain's Store.
//
// It speaks two dialects: embedded SQLite (the default; one file, no server)
// and PostgreSQL (production; several xinrong processes share one database).
// SQL is written once, portably, with ? placeholders; the PostgreSQL dialect
// rewrites them to $n. The real differences between the engines (full-text
// search, bulk copy, locks, error codes) are collected in dialect.go and the
// sqlite/ and postgres/ subpackages, which also hold the migrations: one
// folder per dialect with identical file names, applied forward-only, one
// transaction each.
//
// Conventions: identifiers are made by the application (package id), times
// are stored in UTC (fixed-width RFC 3339 text on SQLite, TIMESTAMPTZ on
// PostgreSQL) and read back through scanTime, money is integer fen. The store
// reads and writes; it makes no business decisions.
//
// SQLite is opened as two pools: a single writer connection whose
// transactions begin IMMEDIATE (so writers queue in Go instead of failing
// with SQLITE_BUSY) and a read-only pool for concurrent readers, both in WAL
// mode with a busy timeout and foreign keys on.
package sqlstore
