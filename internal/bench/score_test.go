// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// TestScore_FullRun measures full-coverage evaluation (xinrong score run)
// of the report benchmark's node — XINRONG_BENCH_REPORT_ENTERPRISES=N
// enterprises with 30 records each, kept in XINRONG_BENCH_DIR — against a
// baseline that only streams the same features (the same ordered reads of
// the master, the records of the model's items, the marks and the latest
// evaluations) in the same process. Three passes: the baseline, a run that
// evaluates everyone, and a second run that must change nothing. With
// XINRONG_BENCH_CPUPROFILE=FILE the first run is profiled.
func TestScore_FullRun(t *testing.T) {
	n := envInt("XINRONG_BENCH_REPORT_ENTERPRISES", 0)
	if n == 0 {
		t.Skip("set XINRONG_BENCH_REPORT_ENTERPRISES=N to measure evaluating N enterprises with 30 records each")
	}
	if storetest.Backend() != "sqlite" {
		t.Skip("the evaluation speed goal is set on SQLite")
	}
	base := os.Getenv("XINRONG_BENCH_DIR")
	if base == "" {
		base = os.TempDir()
	}
	dir := filepath.Join(base, fmt.Sprintf("xr-bench-report-%d", n))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.DataDir = dir
	ctx := context.Background()
	a, err := app.New(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	buildReportData(t, a, dir, n)
	if os.Getenv("XINRONG_BENCH_SCORE_RESET") != "" {
		// Start from no evaluations, so that the first run writes them all.
		for _, q := range []string{"DELETE FROM score_latest", "DELETE FROM score_evaluations", "DELETE FROM score_events", "DELETE FROM score_cursors"} {
			if _, err := a.Store.DB().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	items := a.Score.Model().Items()

	// The baseline reads the same ranges at once, as the run does. CPU
	// time is given beside wall time: on a shared machine it says more.
	start, cpu0 := time.Now(), cpuTime()
	ranges, err := a.Store.SplitSubjects(ctx, runtime.GOMAXPROCS(0))
	if err != nil {
		t.Fatal(err)
	}
	var subjects, records atomic.Int64
	var wg sync.WaitGroup
	for _, r := range ranges {
		wg.Go(func() {
			err := a.Store.ScanSubjects(ctx, items, r, func(s *score.Subject) error {
				subjects.Add(1)
				records.Add(int64(len(s.Records)))
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	baseline, baseCPU := time.Since(start), cpuTime()-cpu0
	t.Logf("baseline (stream features only, %d ranges): %d enterprises, %d records in %.1fs (CPU %.1fs)",
		len(ranges), subjects.Load(), records.Load(), baseline.Seconds(), baseCPU.Seconds())

	if f := os.Getenv("XINRONG_BENCH_CPUPROFILE"); f != "" {
		pf, err := os.Create(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.StartCPUProfile(pf); err != nil {
			t.Fatal(err)
		}
		defer pf.Close()
	}
	cpu0 = cpuTime()
	first, err := a.Score.RunAll(ctx, nil)
	pprof.StopCPUProfile()
	firstCPU := cpuTime() - cpu0
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first run: %d enterprises, %d changed in %.1fs (CPU %.1fs, %.0f/s) %v", first.Enterprises, first.Changed, first.Elapsed.Seconds(),
		firstCPU.Seconds(), float64(first.Enterprises)/first.Elapsed.Seconds(), first.Grades)
	cpu0 = cpuTime()
	second, err := a.Score.RunAll(ctx, nil)
	secondCPU := cpuTime() - cpu0
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("second run: %d enterprises, %d changed in %.1fs (CPU %.1fs)", second.Enterprises, second.Changed, second.Elapsed.Seconds(), secondCPU.Seconds())
	if second.Changed != 0 || first.Enterprises != subjects.Load() {
		t.Errorf("second run changed %d; first evaluated %d of %d", second.Changed, first.Enterprises, subjects.Load())
	}
	t.Logf("ratio full run / baseline: wall first %.2f, second %.2f; CPU first %.2f, second %.2f (GOMAXPROCS %d)",
		first.Elapsed.Seconds()/baseline.Seconds(), second.Elapsed.Seconds()/baseline.Seconds(),
		firstCPU.Seconds()/baseCPU.Seconds(), secondCPU.Seconds()/baseCPU.Seconds(), runtime.GOMAXPROCS(0))
}
