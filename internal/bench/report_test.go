// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/prometheus/client_golang/prometheus"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestReport_Throughput measures JSON credit reports through the gate,
// each with its audit leaf and register entry, over real HTTP on
// loopback, against the same read and the same report built without the
// gate and audit (a baseline handler behind the same authentication).
// XINRONG_BENCH_REPORT_ENTERPRISES=N sizes the node (30 records each);
// the database is kept in XINRONG_BENCH_DIR (default the temp directory)
// and reused by later runs.
func TestReport_Throughput(t *testing.T) {
	n := envInt("XINRONG_BENCH_REPORT_ENTERPRISES", 0)
	if n == 0 {
		t.Skip("set XINRONG_BENCH_REPORT_ENTERPRISES=N to measure reports over N enterprises with 30 records each")
	}
	if storetest.Backend() != "sqlite" {
		t.Skip("the report speed goal is set on SQLite")
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
	setup := setupReports(t, a, dir, envInt("XINRONG_BENCH_REPORT_AUTHORIZED", 2000))
	tok, err := a.Access.IssueToken(ctx, setup.ClientID, setup.Secret, "")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/bench/baseline/{uscc}", sameStack(t, a, httpx.Handle(nil, httpx.WriteJSONError, plainReport(a))))
	mux.Handle("/", a.Handler())
	srv := httptest.NewServer(mux)
	defer srv.Close()

	workers, dur := envInt("XINRONG_BENCH_WORKERS", 8), time.Duration(envInt("XINRONG_BENCH_SECONDS", 10))*time.Second
	codes := setup.Authorized
	size0, _ := a.Audit.Size(ctx)
	gated := load(t, srv, tok.Token, workers, dur, func(r *rand.Rand) (*http.Request, error) {
		body := fmt.Sprintf(`{"uscc":%q,"purpose":"pre_loan"}`, codes[r.IntN(len(codes))])
		return http.NewRequest("POST", srv.URL+"/api/v1/reports", bytes.NewBufferString(body))
	}, http.StatusCreated)
	size1, _ := a.Audit.Size(ctx)
	plain := load(t, srv, tok.Token, workers, dur, func(r *rand.Rand) (*http.Request, error) {
		return http.NewRequest("GET", srv.URL+"/bench/baseline/"+codes[r.IntN(len(codes))], nil)
	}, http.StatusOK)
	if got := size1 - size0; got != int64(gated.ok) {
		t.Errorf("%d reports answered but %d audit leaves appended", gated.ok, got)
	}
	t.Logf("node: %d enterprises; %d workers, %s each", n, workers, dur)
	t.Logf("gated reports: %s", gated)
	t.Logf("baseline (same reads and report, no gate, no audit): %s", plain)
	t.Logf("throughput ratio gated/baseline %.2f (overhead %.0f%%)", gated.rate()/plain.rate(), 100*(1-gated.rate()/plain.rate()))
}

// sameStack wraps the baseline in the middleware the node puts in front of
// the API (request ID, security headers, metrics, authentication, CSRF,
// the institution's rate limit), so that the ratio measures the gate and
// the audit log, not the HTTP stack.
func sameStack(t *testing.T, a *app.App, h http.Handler) http.Handler {
	csrf, err := httpx.CSRF(httpx.CSRFOptions{Secret: a.Secret})
	if err != nil {
		t.Fatal(err)
	}
	limited := onboard.RateLimit(onboard.NewQuota(a.Store, nil), httpx.WriteJSONError)(h)
	authed := httpx.Authenticate(a.Access, httpx.AuthOptions{})(csrf(limited))
	m := httpx.NewMetrics(prometheus.NewRegistry())
	return httpx.RequestID(httpx.SecurityHeaders(httpx.Observe(slog.New(slog.DiscardHandler), m, authed)))
}

// plainReport answers the same report for the same enterprise without the
// gate: no role, agreement or authorization check, no masking, no audit
// leaf, no register entry, every item released.
func plainReport(a *app.App) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		s, err := a.Subjects.Get(ctx, r.PathValue("uscc"))
		if err != nil {
			return err
		}
		cat, ver, err := a.Catalog.Current(ctx)
		if err != nil {
			return err
		}
		recs, err := a.Store.CurrentRecords(ctx, s.USCC, nil)
		if err != nil {
			return err
		}
		v := &gate.View{Action: gate.ActionReport, Subject: s, Purpose: "pre_loan", At: time.Now().UTC(), CatalogVersion: ver}
		pos := map[string]int{}
		for _, it := range cat.Items {
			pos[it.Code] = len(v.Items)
			v.Items = append(v.Items, gate.ItemView{Item: it, Level: gate.LevelFull, Fields: it.Fields})
		}
		for _, rec := range recs {
			iv := &v.Items[pos[rec.Item]]
			iv.Records = append(iv.Records, gate.Record{ID: rec.ID, Version: rec.Version, Data: rec.Data, Provider: rec.Provider,
				SourceTime: rec.SourceTime, ReceivedAt: rec.ReceivedAt})
		}
		rep := report.Build(v, cat, report.Meta{Number: "XR-BASELINE", Node: "bench", IssuedAt: time.Now()})
		w.Header().Set("Content-Type", "application/json")
		return json.NewEncoder(w).Encode(rep)
	}
}

// result is one load run.
type result struct {
	ok, failed int
	elapsed    time.Duration
	lat        []time.Duration
}

func (r result) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

func (r result) String() string {
	slices.Sort(r.lat)
	q := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
	}
	return fmt.Sprintf("%d ok, %d failed, %.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms", r.ok, r.failed, r.rate(),
		ms(q(0.50)), ms(q(0.90)), ms(q(0.99)))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// load runs workers that send requests for dur over keep-alive
// connections and records each answer's latency.
func load(t *testing.T, srv *httptest.Server, token string, workers int, dur time.Duration,
	next func(*rand.Rand) (*http.Request, error), want int) result {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}}
	var mu sync.Mutex
	var res result
	var firstErr string
	start := time.Now()
	deadline := start.Add(dur)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 42))
			var lat []time.Duration
			ok, failed := 0, 0
			for time.Now().Before(deadline) {
				req, err := next(r)
				if err != nil {
					t.Error(err)
					return
				}
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed++
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != want {
					failed++
					mu.Lock()
					if firstErr == "" {
						firstErr = fmt.Sprintf("%d %.300s", resp.StatusCode, b)
					}
					mu.Unlock()
					continue
				}
				lat = append(lat, time.Since(t0))
				ok++
			}
			mu.Lock()
			res.ok, res.failed, res.lat = res.ok+ok, res.failed+failed, append(res.lat, lat...)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	if firstErr != "" {
		t.Errorf("first failure: %s", firstErr)
	}
	return res
}
