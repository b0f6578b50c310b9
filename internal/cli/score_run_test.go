// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/subject"
)

// TestScoreRun: xinrong score run grades every enterprise of the node,
// prints progress on stderr and a summary per grade; the second run
// changes nothing.
func TestScoreRun(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "node")
	cfg := config.Default()
	cfg.DataDir = dir
	a, err := app.New(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	for i := range 3 {
		code, err := subject.Make('9', '1', "640104", fmt.Sprintf("MA7PC%03d", i))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.Subjects.Register(sys, subject.Subject{USCC: code, Name: fmt.Sprintf("评价测试%d有限公司", i), Status: subject.StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	a.Close()
	run := func() (string, string) {
		var out, errb syncBuffer
		e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Lookup: func(string) (string, bool) { return "", false }}
		if code := Run(ctx, []string{"xinrong", "score", "run", "--data", dir, "--progress", "--log-level", "warn"}, e); code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		return out.String(), errb.String()
	}
	out, errs := run()
	if !strings.Contains(out, "评价 3 家企业，结果变化 3 家") || !strings.Contains(out, "D ") || !strings.Contains(errs, "evaluated 3") {
		t.Fatalf("first run:\n%s\n%s", out, errs)
	}
	if out, _ = run(); !strings.Contains(out, "结果变化 0 家") {
		t.Fatalf("second run:\n%s", out)
	}
}
