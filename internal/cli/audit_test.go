// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// xinrong audit key, checkpoint and verify work on a node's database, and
// verify fails with exit 1 naming the place when a row is edited; with
// --url it checks a running node through its public endpoints only.
func TestAudit_Commands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	args := []string{"--data", dir}
	cfg := config.Default()
	cfg.DataDir = dir
	if storetest.Backend() == "postgres" {
		cfg.DB = storetest.DSN(t)
		args = append(args, "--db", cfg.DB)
	}
	code, key, stderr := runCLI(ctx, nil, append([]string{"audit", "key"}, args...)...)
	if code != 0 || !strings.HasPrefix(key, "xinrong.invalid/640000/") {
		t.Fatalf("audit key: exit %d, %q, %s", code, key, stderr)
	}
	key = strings.TrimSpace(key)

	svc, store, err := app.OpenAudit(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if svc.VerifierKey() != key {
		t.Fatalf("the service uses key %q, the command printed %q", svc.VerifierKey(), key)
	}
	for i := range 5 {
		err := store.Tx(ctx, func(tx *sqlstore.Tx) error {
			_, err := svc.Append(ctx, tx, audit.Event{Kind: "account.login/v1", Actor: audit.Actor{Kind: "user", ID: fmt.Sprint("U", i)}, Outcome: audit.OutcomeOK})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	code, note, stderr := runCLI(ctx, nil, append([]string{"audit", "checkpoint"}, args...)...)
	if code != 0 || !strings.Contains(note, "\n5\n") {
		t.Fatalf("audit checkpoint: exit %d, %q, %s", code, note, stderr)
	}
	code, out, stderr := runCLI(ctx, nil, append([]string{"audit", "verify"}, args...)...)
	if code != 0 || !strings.Contains(out, "5 leaves") || !strings.Contains(out, "every sealed body opened") || !strings.Contains(out, "OK") {
		t.Fatalf("audit verify: exit %d\n%s%s", code, out, stderr)
	}

	mux := http.NewServeMux()
	audit.NewServer(audit.NewTree(store), nil).Routes(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	state := filepath.Join(t.TempDir(), "state")
	for range 2 {
		code, out, stderr = runCLI(ctx, nil, "audit", "verify", "--url", srv.URL, "--key", key, "--state", state)
		if code != 0 || !strings.Contains(out, "OK") {
			t.Fatalf("audit verify --url: exit %d\n%s%s", code, out, stderr)
		}
	}
	if code, _, stderr = runCLI(ctx, nil, "audit", "verify", "--url", srv.URL); code != 2 || !strings.Contains(stderr, "--key") {
		t.Fatalf("--url without --key: exit %d, %s", code, stderr)
	}

	err = store.Tx(ctx, func(tx *sqlstore.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE audit_events SET kind = 'account.logout/v1' WHERE idx = 3")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCLI(ctx, nil, append([]string{"audit", "verify"}, args...)...)
	if code != 1 || !strings.Contains(out, "PROBLEM leaf 3:") || !strings.Contains(stderr, "does NOT verify") {
		t.Fatalf("audit verify after tampering: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr = runCLI(ctx, nil, "audit", "frob"); code != 2 {
		t.Fatalf("audit frob: exit %d, %s", code, stderr)
	}
}
