// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// xinrong report issues a report through the gate as the node itself,
// leaves an audit entry, and xinrong report verify checks the JSON offline
// and fails on an edited copy.
func TestReport_Commands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	args := []string{"--data", dir}
	cfg := config.Default()
	cfg.DataDir = dir
	if storetest.Backend() == "postgres" {
		cfg.DB = storetest.DSN(t)
		args = append(args, "--db", cfg.DB)
	}
	a, err := app.New(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	code, err := subject.Make('9', '1', "640104", "MA7CL101")
	if err != nil {
		t.Fatal(err)
	}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	if _, _, err := a.Subjects.Register(sys, subject.Subject{USCC: code, Name: "宁夏命令行测试有限公司", Status: subject.StatusActive,
		RegisteredAt: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	a.Close()

	out := filepath.Join(dir, "r.json")
	exit, _, stderr := runCLI(ctx, nil, append([]string{"report", code, "--out", out}, args...)...)
	if exit != 0 || !strings.Contains(stderr, "report XR-") {
		t.Fatalf("report: exit %d, %s", exit, stderr)
	}
	exit, stdout, stderr := runCLI(ctx, nil, append([]string{"report", "verify", out}, args...)...)
	if exit != 0 || !strings.Contains(stdout, `"valid":true`) {
		t.Fatalf("verify: exit %d, %s %s", exit, stdout, stderr)
	}
	b, _ := os.ReadFile(out)
	edited := filepath.Join(dir, "edited.json")
	if err := os.WriteFile(edited, []byte(strings.Replace(string(b), "命令行", "伪造的", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if exit, _, stderr = runCLI(ctx, nil, append([]string{"report", "verify", edited}, args...)...); exit != 1 || !strings.Contains(stderr, "altered") {
		t.Errorf("verify edited: exit %d, %s", exit, stderr)
	}
	exit, html, _ := runCLI(ctx, nil, append([]string{"report", code, "--format", "html", "--lang", "en"}, args...)...)
	if exit != 0 || !strings.Contains(html, "Enterprise Credit Information Report") || !strings.Contains(html, "宁夏命令行测试有限公司") {
		t.Errorf("html report: exit %d, %.200s", exit, html)
	}
	// Both issues are in the audit log, as the node's own principal.
	svc, store, err := app.OpenAudit(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	recs, err := svc.Events(ctx, audit.Reader{OrgKind: "operator"}, audit.Query{Subject: code})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if r.Event.Kind == "report.issued/v1" && r.Event.Actor.Kind == "system" && r.Event.Details["report"] != "" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d report.issued events by the system, want 2", n)
	}
}
