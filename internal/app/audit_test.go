// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

func TestAuditOrigin(t *testing.T) {
	cfg := config.Default()
	for base, want := range map[string]string{
		"https://credit.example.gov.cn":       "credit.example.gov.cn/audit",
		"https://credit.example.gov.cn/nx/":   "credit.example.gov.cn/nx/audit",
		"http://127.0.0.1:8080":               "127.0.0.1:8080/audit",
		"https://credit.example.gov.cn/a/b/c": "credit.example.gov.cn/a/b/c/audit",
	} {
		cfg.BaseURL = base
		if got := AuditOrigin(cfg); got != want {
			t.Fatalf("AuditOrigin(%s)=%s, want %s", base, got, want)
		}
	}
	cfg.BaseURL = ""
	a, b := AuditOrigin(cfg), AuditOrigin(cfg)
	if !strings.HasPrefix(a, "xinrong.invalid/640000/") || !strings.HasSuffix(a, "/audit") || a == b {
		t.Fatalf("origins without base_url: %s, %s (want distinct names under xinrong.invalid)", a, b)
	}
}

// The service the lead wires in signs checkpoints that the mounted public
// endpoint serves, without authentication.
func TestApp_MountAudit(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.BaseURL = "https://credit.example.gov.cn"
	a := &App{Config: cfg, Log: slog.New(slog.DiscardHandler), Store: storetest.Open(t), Secret: []byte(strings.Repeat("k", 40))}
	svc, err := a.newAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = a.Store.Tx(ctx, func(tx *sqlstore.Tx) error {
		_, err := svc.Append(ctx, tx, audit.Event{Kind: "catalog.item_added/v1", Actor: audit.Actor{Kind: "system"},
			Items: []string{"tax.rating"}, Outcome: audit.OutcomeOK})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.PublishCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	if err := a.mountAudit(mux); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/audit/checkpoint", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if n, _, err := audit.OpenCheckpoint(rec.Body.Bytes(), svc.VerifierKey()); err != nil || n != 1 {
		t.Fatalf("served checkpoint: size %d, %v\n%s", n, err, rec.Body)
	}
	if !strings.HasPrefix(rec.Body.String(), "credit.example.gov.cn/audit\n1\n") {
		t.Fatalf("checkpoint text %q", rec.Body)
	}
}
