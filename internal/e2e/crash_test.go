// SPDX-License-Identifier: Apache-2.0

// Package e2e holds tests that drive the real xinrong binary.
package e2e

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/xinrong/xinrong/internal/fixture"
	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// TestIngest_SIGKILLThenResend kills the real binary with SIGKILL in the
// middle of a large penalty batch, starts it again on the same file, and
// requires the final state to be exactly that of an uninterrupted run on
// another database: same receipt, same record count, same hash over every
// record. XINRONG_CRASH_ROWS sets the batch size (default 200,000; the
// issue's figure is 1,000,000).
func TestIngest_SIGKILLThenResend(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	rows := 200_000
	if v, err := strconv.Atoi(os.Getenv("XINRONG_CRASH_ROWS")); err == nil && v > 0 {
		rows = v
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	ctx := context.Background()

	// A province whose registration file builds the master, and one big
	// penalty file about its enterprises.
	prov := filepath.Join(dir, "province")
	m, err := generate.Run(ctx, generate.Options{Enterprises: 5000, Out: prov, Seed: 3, Items: []string{"REG.JBXX"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	seq, _ := generate.Enterprises(3, 5000, "")
	var subs []subject.Subject
	for s := range seq {
		subs = append(subs, s)
	}
	pen := filepath.Join(dir, "penalties.csv")
	if err := fixture.WritePenaltyCSV(pen, subs, rows); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(prov, "manifest.json")
	if len(m.Files) != 1 {
		t.Fatalf("generated %d files, want the registration file only", len(m.Files))
	}

	prepare := func(db string) {
		t.Helper()
		run(t, bin, "ingest", "--db", db, "--manifest", manifest, "--register-providers")
	}
	penaltyArgs := func(db string) []string {
		return []string{"ingest", "--db", db, "--provider", "P-SCJG-640000", "--item", "PEN.XZCF", pen}
	}

	// Reference: an uninterrupted run.
	ref := dsn(t, dir, "ref")
	prepare(ref)
	registerPenalties(t, ref)
	refReceipt := run(t, bin, penaltyArgs(ref)...)

	// The same, killed part way and sent again.
	crash := dsn(t, dir, "crash")
	prepare(crash)
	registerPenalties(t, crash)
	cmd := exec.Command(bin, penaltyArgs(crash)...)
	cmd.Env = append(os.Environ(), "XINRONG_SECRET_KEY="+secret)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := waitCommitted(t, crash, int64(rows)/4)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	after := committedRows(t, crash)
	if after >= int64(rows) {
		t.Fatalf("the batch finished before the kill (%d rows committed); raise XINRONG_CRASH_ROWS", after)
	}
	t.Logf("killed with %d of %d rows committed (first seen %d)", after, rows, committed)
	resent := run(t, bin, penaltyArgs(crash)...)

	var a, b map[string]any
	_ = json.Unmarshal([]byte(refReceipt), &a)
	_ = json.Unmarshal([]byte(resent), &b)
	for _, k := range []string{"received", "accepted", "updated", "duplicate", "revoked", "rejected", "quarantined"} {
		if a[k] != b[k] {
			t.Fatalf("receipt %s: resent %v, uninterrupted %v\n%s\n%s", k, b[k], a[k], resent, refReceipt)
		}
	}
	if a["received"] != float64(rows) {
		t.Fatalf("received %v, want %d", a["received"], rows)
	}
	n1, h1 := stateHash(t, ref)
	n2, h2 := stateHash(t, crash)
	if n1 != n2 || h1 != h2 {
		t.Fatalf("state after crash and resend: %d records %s; uninterrupted: %d records %s", n2, h2, n1, h1)
	}
	// Sending it once more changes nothing.
	again := run(t, bin, penaltyArgs(crash)...)
	if again != resent {
		t.Fatalf("third send gave another receipt:\n%s\n%s", again, resent)
	}
	if n3, h3 := stateHash(t, crash); n3 != n2 || h3 != h2 {
		t.Fatal("third send changed the records")
	}
}

const secret = "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz"

// registerPenalties registers the market regulator for penalties too.
func registerPenalties(t *testing.T, db string) {
	t.Helper()
	sqlExec(t, db, `UPDATE providers SET items = items || ' PEN.XZCF' WHERE code = 'P-SCJG-640000'`)
}

// dsn returns a fresh database of the selected backend.
func dsn(t *testing.T, dir, name string) string {
	if storetest.Backend() == "postgres" {
		return storetest.NewPostgresSchema(t, storetest.PostgresURL())
	}
	return filepath.Join(dir, name, "xinrong.db")
}

func open(t *testing.T, db string) *sql.DB {
	t.Helper()
	driver, src := "sqlite", "file:"+db+"?_pragma=busy_timeout(10000)"
	if strings.HasPrefix(db, "postgres") {
		driver, src = "pgx", db
	}
	d, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sqlExec(t *testing.T, db, q string) {
	t.Helper()
	d := open(t, db)
	defer d.Close()
	if _, err := d.Exec(q); err != nil {
		t.Fatal(err)
	}
}

func committedRows(t *testing.T, db string) int64 {
	t.Helper()
	d := open(t, db)
	defer d.Close()
	var n int64
	if err := d.QueryRow(`SELECT COALESCE(MAX(committed_rows), 0) FROM ingest_batches WHERE item_code = 'PEN.XZCF'`).Scan(&n); err != nil {
		return 0
	}
	return n
}

func waitCommitted(t *testing.T, db string, atLeast int64) int64 {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		if n := committedRows(t, db); n >= atLeast {
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the batch never reached %d committed rows", atLeast)
	return 0
}

// stateHash hashes every record version without the things that differ
// between two databases by construction (generated IDs, batch IDs, times).
func stateHash(t *testing.T, db string) (int64, string) {
	t.Helper()
	d := open(t, db)
	defer d.Close()
	rows, err := d.Query(`SELECT item_code, key_hash, version, uscc, content_hash, status, is_current, source_time, provider_code, row_num, data
		FROM records ORDER BY item_code, key_hash, version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	var n int64
	for rows.Next() {
		var item, key, uscc, content, status, src, prov, data string
		var version, cur int
		var row int64
		if err := rows.Scan(&item, &key, &version, &uscc, &content, &status, &cur, &src, &prov, &row, &data); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s|%s|%d|%s|%s|%s|%d|%s|%s|%d|%s\n", item, key, version, uscc, content, status, cur, src, prov, row, data)
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return n, hex.EncodeToString(h.Sum(nil))
}

func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "xinrong")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/xinrong/xinrong/cmd/xinrong")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// run runs the binary to completion and returns its last stdout line.
func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "XINRONG_SECRET_KEY="+secret)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("xinrong %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	var last string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		last = sc.Text()
	}
	return last
}
