// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/score/scorecard"
)

const germanCSV = "../score/scorecard/testdata/german_credit_statlog.csv"

func TestScoreFit(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "card.json")
	code, stdout, stderr := runCLI(ctx, nil, "score", "fit", "--data", germanCSV, "--target", "class",
		"--lang", "en", "--out", out, "--compare", germanCSV)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"rows 1000", "bad rate 30.00% (class = 2)", "checking_status", "AUC", "train  700", "test   300", "population stability: rows 1000", "stable"} {
		if !strings.Contains(stdout, want) {
			t.Fatalf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "cross-validated AUC") {
		t.Fatalf("no progress on stderr: %s", stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := scorecard.Load(f)
	if err != nil {
		t.Fatalf("written card does not load: %v", err)
	}
	if got, want := c.Training.DataFile, "german_credit_statlog.csv"; got != want {
		t.Fatalf("data file=%q, want %q", got, want)
	}
	if c.Metrics.Test.AUC < 0.78 {
		t.Fatalf("test AUC=%v, want ≥ 0.78", c.Metrics.Test.AUC)
	}
	// The printed test AUC is the card's.
	if want := fmt.Sprintf("%.4f", c.Metrics.Test.AUC); !strings.Contains(stdout, want) {
		t.Fatalf("output does not show test AUC %s:\n%s", want, stdout)
	}
}

func TestScoreFit_Usage(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ErrNoTarget", []string{"--data", germanCSV}, 2, "usage"},
		{"ErrUnknownColumn", []string{"--data", germanCSV, "--target", "nope"}, 1, "no column \"nope\""},
		{"ErrBadValue", []string{"--data", germanCSV, "--target", "class", "--bad", "7"}, 1, "never has the bad value"},
		{"ErrMissingFile", []string{"--data", "/nonexistent.csv", "--target", "class"}, 1, "nonexistent"},
		{"ErrTestShare", []string{"--data", germanCSV, "--target", "class", "--test", "1.5"}, 1, "held-out share"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(ctx, nil, append([]string{"score", "fit"}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}
