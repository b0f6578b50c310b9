// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/api"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

// synthList serves a list of n codes as current records of DIS.SXBZXR,
// so that the measurement is the protocol, the HTTP stack and the gate,
// not seeding a million records first.
type synthList struct{ codes []string }

func (s synthList) ListRecords(ctx context.Context, items []string, fn func(uscc, item string, data map[string]string) error) error {
	d := map[string]string{"PUBLISH_DATE": time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly)}
	for _, c := range s.codes {
		if err := fn(c, "DIS.SXBZXR", d); err != nil {
			return err
		}
	}
	return nil
}

func psiCode(i int) string { return fmt.Sprintf("91640104MA%07dX", i) }

// TestPSI_Speed matches a set of N codes against a list of N, half of
// them shared, end to end over loopback HTTP through authentication, the
// API handlers and the gate (audit leaf and limits), cold (the node
// encrypts its list in the run) and warm (list cached). The baseline is
// the same HTTP exchange of N 32-byte elements without the curve work
// (N up, N back, N down), measured in the same run. N is
// XINRONG_BENCH_PSI (default 2000):
//
//	XINRONG_BENCH_PSI=1000000 go test -run TestPSI_Speed -v -timeout 1h ./internal/bench/
func TestPSI_Speed(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("XINRONG_BENCH_PSI"))
	if n <= 0 {
		n = 2000
	}
	e := gatetest.New(t)
	ctx := context.Background()
	bank := e.Orgs["bank2"]
	gatetest.GoLive(t, e.Onboard, bank.ID, e.Orgs["op"].ID, []string{gate.PurposeListMatching},
		onboard.Limits{RatePerSecond: 100, Burst: 100, DailyQuota: 1000})
	c, secret, err := e.Access.CreateClient(e.As[gatetest.System], bank.ID, "psi bench", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	list, mine := make([]string, n), make([]string, n)
	for i := range n {
		list[i], mine[i] = psiCode(i), psiCode(i+n/2) // half of mine are on the list
	}
	svc, err := psi.New(synthList{list}, e.Gate, e.Catalog, psi.Options{Secret: bytes.Repeat([]byte("b"), 32),
		Limits: gate.ListMatchLimits{MinElements: 50, RunsPerDay: 10, ElementsPerDay: 100_000_000}, MaxElements: max(n, 2_000_000)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	api.New(api.Deps{Tokens: e.Access, PSI: svc}).Routes(mux)
	outer := http.NewServeMux() // as app mounts it: the token endpoint outside Authenticate
	for _, p := range api.SelfAuthenticated() {
		outer.Handle(p, mux)
	}
	outer.Handle("/", httpx.Authenticate(e.Access, httpx.AuthOptions{})(mux))
	srv := httptest.NewServer(outer)
	defer srv.Close()
	tok, err := psi.FetchToken(ctx, nil, srv.URL, c.ID, secret)
	if err != nil {
		t.Fatal(err)
	}
	cl := &psi.Client{URL: srv.URL, Token: tok}

	c0 := cpuTime()
	base := transferBaseline(t, n)
	baseCPU := cpuTime() - c0
	var runs, cpu [2]time.Duration
	for i, name := range []string{"cold", "warm"} {
		c0, start := cpuTime(), time.Now()
		res, err := cl.Match(ctx, "dishonest-debtors", mine)
		if err != nil {
			t.Fatal(err)
		}
		runs[i], cpu[i] = time.Since(start), cpuTime()-c0
		if got, want := len(res.Matches), n-n/2; got != want {
			t.Fatalf("%s: %d matches, want %d", name, got, want)
		}
	}
	ops := [2]float64{float64(4 * n), float64(3 * n)} // cold: 2N + 2L group operations, warm: 2N + L
	t.Logf("PSI %d × %d, GOMAXPROCS=%d, loopback HTTP, client and node in one process", n, n, runtime.GOMAXPROCS(0))
	t.Logf("baseline (same HTTP exchange of 3N 32-byte elements, no curve work): wall %.2f s, CPU %.2f s", base.Seconds(), baseCPU.Seconds())
	for i, name := range []string{"cold (list encrypted in the run)", "warm (list cached)"} {
		t.Logf("%s: wall %.1f s (%.0f× the baseline), CPU %.1f s = %.1f s on %d idle cores, %.0f µs CPU per group operation",
			name, runs[i].Seconds(), runs[i].Seconds()/base.Seconds(), cpu[i].Seconds(),
			cpu[i].Seconds()/float64(runtime.GOMAXPROCS(0)), runtime.GOMAXPROCS(0), cpu[i].Seconds()*1e6/ops[i])
	}
}

// transferBaseline sends n elements up and gets them back, then n more
// down, over the same kind of loopback server: what PSI's bytes cost.
func transferBaseline(t *testing.T, n int) time.Duration {
	payload := bytes.Repeat([]byte{0x5a}, n*psi.ElementSize)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method == "GET" {
			b = payload
		}
		w.Header().Set("Content-Type", psi.ContentType)
		_, _ = w.Write(b)
	}))
	defer srv.Close()
	start := time.Now()
	for _, m := range []string{"POST", "GET"} {
		req, _ := http.NewRequest(m, srv.URL, bytes.NewReader(payload))
		if m == "GET" {
			req.Body, req.ContentLength = nil, 0
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(got) != len(payload) {
			t.Fatalf("baseline %s: %d bytes", m, len(got))
		}
	}
	return time.Since(start)
}
