// SPDX-License-Identifier: Apache-2.0

package onboard_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// Two processes' worth of stores (separate pools) on one database draw on
// one daily counter: 20 concurrent takes against a quota of 10 succeed
// exactly 10 times.
func TestQuota_SharedAcrossInstances(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	open := func() *sqlstore.Store {
		s, err := sqlstore.Open(ctx, dsn)
		must(t, err)
		t.Cleanup(func() { s.Close() })
		return s
	}
	s1 := open()
	_, err := s1.Migrate(ctx)
	must(t, err)
	s2 := open()
	f := newFixture(t, s1)
	f.mustLive(t) // daily quota 10
	quotas := []*onboard.Quota{onboard.NewQuota(s1, f.clock.Now), onboard.NewQuota(s2, f.clock.Now)}

	var ok, tooMany atomic.Int32
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			switch err := quotas[i%2].Take(ctx, f.inst.ID, 1); apperr.CodeOf(err) {
			case "":
				ok.Add(1)
			case apperr.TooMany:
				tooMany.Add(1)
			default:
				t.Errorf("Take: %v", err)
			}
		})
	}
	wg.Wait()
	if got, want := ok.Load(), int32(10); got != want {
		t.Fatalf("succeeded=%d, want %d", got, want)
	}
	if got, want := tooMany.Load(), int32(10); got != want {
		t.Fatalf("refused=%d, want %d", got, want)
	}
	// The refusal says when the quota resets: next midnight in Shanghai
	// (the clock is 2026-03-01 09:00 CST).
	err = quotas[0].Take(ctx, f.inst.ID, 1)
	d, isLimit := onboard.RetryAfter(err, f.clock.Now())
	if got, want := d, 15*time.Hour; !isLimit || got != want {
		t.Fatalf("RetryAfter=%v,%v, want %v", got, isLimit, want)
	}
	// A new day in Shanghai (16:00 UTC) starts a new counter.
	f.clock.Set(time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC))
	must(t, quotas[1].Take(ctx, f.inst.ID, 10))
	wantCode(t, quotas[1].Take(ctx, f.inst.ID, 1), apperr.TooMany)
	// An institution without an agreement may take nothing.
	wantCode(t, quotas[0].Take(ctx, f.other.ID, 1), apperr.Forbidden)
}

func TestRateLimit_Middleware(t *testing.T) {
	f := newFixture(t, nil)
	f.mustLive(t) // 5 per second, burst 2
	q := onboard.NewQuota(f.store, f.clock.Now)
	h := onboard.RateLimit(q, httpx.WriteJSONError)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	do := func(ctx context.Context) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/enterprises", nil).WithContext(ctx))
		return w
	}
	for i := range 2 {
		if got, want := do(f.instQuery).Code, http.StatusNoContent; got != want {
			t.Fatalf("request %d: status=%d, want %d", i, got, want)
		}
	}
	w := do(f.instQuery)
	if got, want := w.Code, http.StatusTooManyRequests; got != want {
		t.Fatalf("third request: status=%d, want %d", got, want)
	}
	if got, want := w.Header().Get("Retry-After"), "1"; got != want {
		t.Fatalf("Retry-After=%q, want %q", got, want)
	}
	// The credit centre is not rate limited here.
	for range 5 {
		if got := do(f.op).Code; got != http.StatusNoContent {
			t.Fatalf("operator status=%d", got)
		}
	}
	f.clock.Advance(200 * time.Millisecond) // one token at 5/s
	if got, want := do(f.instQuery).Code, http.StatusNoContent; got != want {
		t.Fatalf("after refill: status=%d, want %d", got, want)
	}
}

// Suspending the institution ends its API client's token at once.
func TestSuspend_StopsToken(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	a := f.mustLive(t)
	c, secret, err := f.acc.CreateClient(f.instAdmin, f.inst.ID, "core-banking", []access.Role{access.RoleInstitutionQueryOfficer})
	must(t, err)
	tok, err := f.acc.IssueToken(ctx, c.ID, secret, "")
	must(t, err)
	_, err = f.acc.TokenPrincipal(ctx, tok.Token)
	must(t, err)
	_, err = f.svc.Suspend(f.opAdmin, a.ID)
	must(t, err)
	_, err = f.acc.TokenPrincipal(ctx, tok.Token)
	wantCode(t, err, apperr.Unauthenticated)
	_, err = f.acc.IssueToken(ctx, c.ID, secret, "")
	if err == nil {
		t.Fatal("IssueToken succeeded for a suspended institution")
	}
	// Reinstating does not revive the old token; a new one works.
	_, err = f.svc.Reinstate(f.opAdmin, a.ID)
	must(t, err)
	_, err = f.acc.TokenPrincipal(ctx, tok.Token)
	wantCode(t, err, apperr.Unauthenticated)
	tok, err = f.acc.IssueToken(ctx, c.ID, secret, "")
	must(t, err)
	_, err = f.acc.TokenPrincipal(ctx, tok.Token)
	must(t, err)
}
