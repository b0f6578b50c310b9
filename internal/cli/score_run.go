// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/score"
)

// runScoreRun re-evaluates every enterprise in one pass:
//
//	xinrong score run [--data DIR] [--db URL] [--model FILE] [--progress]
//
// A progress line goes to stderr (on a terminal, or with --progress); the
// summary — enterprises, changed evaluations, count per grade, elapsed —
// to stdout. --model evaluates with an operator's indicator system file
// instead of the built-in one.
func runScoreRun(ctx context.Context, env Env, args []string) error {
	var model *string
	var prog *bool
	cfg, _, err := loadConfig("score run", env, args, func(fs *flag.FlagSet) {
		model = fs.String("model", "", "indicator system JSON file (default: the built-in "+score.DefaultVersion+")")
		prog = fs.Bool("progress", false, "show progress on stderr even when it is not a terminal")
	})
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, newLogger(cfg, env.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.Score
	if *model != "" {
		cat, _, err := a.Catalog.Current(ctx)
		if err != nil {
			return err
		}
		m, err := score.LoadFile(*model, cat)
		if err != nil {
			return err
		}
		svc = score.New(a.Store, m, score.Options{Older: []*score.Compiled{a.Score.Model()}})
	}
	var progress score.Progress
	if *prog || isTerminal(env.Stderr) {
		progress = scoreProgress(env.Stderr, time.Now())
	}
	sum, err := svc.RunAll(ctx, progress)
	if progress != nil {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprint(env.Stdout, formatSummary(sum))
	return nil
}

// scoreProgress rewrites one stderr line with the count and the rate.
func scoreProgress(w io.Writer, start time.Time) score.Progress {
	return func(done, changed int64) {
		secs := time.Since(start).Seconds()
		rate := 0.0
		if secs > 0 {
			rate = float64(done) / secs
		}
		fmt.Fprintf(w, "\r评价 %d 家，变化 %d，%.0f 家/秒 / evaluated %d, changed %d, %.0f/s   ", done, changed, rate, done, changed, rate)
	}
}

// formatSummary writes the run's outcome, grades in the model's order.
func formatSummary(s score.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "模型 %s：评价 %d 家企业，结果变化 %d 家，用时 %.1f 秒 / model %s: %d enterprises evaluated, %d changed, %.1f s\n",
		s.Model, s.Enterprises, s.Changed, s.Elapsed.Seconds(), s.Model, s.Enterprises, s.Changed, s.Elapsed.Seconds())
	for _, g := range s.Order {
		share := 0.0
		if s.Enterprises > 0 {
			share = 100 * float64(s.Grades[g]) / float64(s.Enterprises)
		}
		fmt.Fprintf(&b, "  %-3s %9d  %5.1f%%\n", g, s.Grades[g], share)
	}
	return b.String()
}
