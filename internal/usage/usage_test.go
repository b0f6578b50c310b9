// SPDX-License-Identifier: Apache-2.0

package usage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/usage"
)

// newService builds the usage service over a gatetest env.
func newService(e *gatetest.Env, store usage.Store, batch int) *usage.Service {
	return usage.New(store, e.Audit, e.Ingest, e.Catalog, usage.Options{Batch: batch, Witness: e.Gate})
}

// release passes a request through the gate as caller and returns the
// view (nil when refused).
func release(t *testing.T, e *gatetest.Env, caller string, a gate.Action, uscc, purpose string) *gate.View {
	t.Helper()
	v, err := e.Gate.Release(e.As[caller], gate.Request{Action: a, Subject: uscc, Purpose: purpose}, nil)
	if err != nil && !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("Release as %s: %v", caller, err)
	}
	return v
}

// providerItems are the released items the seeded provider delivers.
func providerItems(t *testing.T, e *gatetest.Env, v *gate.View) []string {
	t.Helper()
	ps, err := e.Ingest.Providers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var reg []string
	for _, p := range ps {
		if p.Code == gatetest.ProviderCode {
			reg = p.Items
		}
	}
	var out []string
	for _, it := range v.Released() {
		if slices.Contains(reg, it) {
			out = append(out, it)
		}
	}
	return out
}

// figures returns the month's usage as the provider sees it: accesses by
// organization, item, purpose and action.
func figures(t *testing.T, e *gatetest.Env, svc *usage.Service) map[[4]string]int64 {
	t.Helper()
	fb, err := svc.Usage(e.As[gatetest.Provider], usage.Month(time.Now()), "")
	if err != nil {
		t.Fatalf("Usage: %v", err)
	}
	out := map[[4]string]int64{}
	for _, r := range fb.Rows {
		if r.Provider != gatetest.ProviderCode {
			t.Fatalf("row of provider %s", r.Provider)
		}
		out[[4]string{r.OrgID, r.Item, r.Purpose, r.Action}] += r.Accesses
	}
	return out
}

func TestUsage_FiguresAfterGateReleases(t *testing.T) {
	e := gatetest.New(t)
	svc := newService(e, e.Store, 0)
	v := release(t, e, gatetest.BankQuery, gate.ActionReport, e.USCC, "pre_loan")
	release(t, e, gatetest.BankQuery, gate.ActionReport, e.USCC, "pre_loan")
	release(t, e, gatetest.Bank2Query, gate.ActionReport, e.USCC, "pre_loan") // refused: released nothing
	release(t, e, gatetest.EntAdmin, gate.ActionProfile, e.USCC, "")
	if _, err := svc.Aggregate(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := figures(t, e, svc)
	items := providerItems(t, e, v)
	if len(items) == 0 {
		t.Fatal("the bank's report released none of the provider's items")
	}
	bank, bank2 := e.Orgs["bank"].ID, e.Orgs["bank2"].ID
	for _, it := range items {
		if got, want := got[[4]string{bank, it, "pre_loan", "report"}], int64(2); got != want {
			t.Errorf("bank report %s: %d accesses, want %d", it, got, want)
		}
	}
	for k := range got {
		if k[0] == bank2 {
			t.Errorf("the refused bank is counted: %v", k)
		}
	}
	if got[[4]string{e.Orgs["ent"].ID, "PEN.XZCF", gate.PurposeSelf, "profile"}] != 1 {
		t.Errorf("the enterprise's own look is not counted once: %v", got)
	}

	// Re-running with nothing new changes nothing; a new release adds one.
	if n, err := svc.Aggregate(context.Background()); err != nil || n != 0 {
		t.Fatalf("second Aggregate read %d leaves, err %v", n, err)
	}
	if again := figures(t, e, svc); !mapsEqual(again, got) {
		t.Fatalf("re-run changed the figures: %v -> %v", got, again)
	}
	release(t, e, gatetest.BankQuery, gate.ActionReport, e.USCC, "pre_loan")
	if _, err := svc.Aggregate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := figures(t, e, svc)[[4]string{bank, items[0], "pre_loan", "report"}], int64(3); got != want {
		t.Errorf("after a third report: %d, want %d", got, want)
	}
}

func mapsEqual(a, b map[[4]string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// crashingStore is the real store whose AddUsage fails once, at the n-th
// call, before anything is written: the process dies between batches.
type crashingStore struct {
	usage.Store
	calls, crashAt int
}

var errCrash = errors.New("crash")

func (c *crashingStore) AddUsage(ctx context.Context, from, to int64, counts []usage.Count) error {
	c.calls++
	if c.calls == c.crashAt {
		return errCrash
	}
	return c.Store.AddUsage(ctx, from, to, counts)
}

// TestUsage_CrashBetweenBatchesLosesNothing aggregates in batches of 3,
// dies at the third batch, and runs again: the figures equal a tally of
// the whole log in one go, neither short nor doubled.
func TestUsage_CrashBetweenBatchesLosesNothing(t *testing.T) {
	e := gatetest.New(t)
	for i := range 4 {
		release(t, e, gatetest.BankQuery, gate.ActionReport, e.USCC, "pre_loan")
		release(t, e, gatetest.EntAdmin, gate.ActionProfile, e.USCC, "")
		if i%2 == 0 {
			release(t, e, gatetest.Operator, gate.ActionQuery, e.USCC, "")
		}
	}
	crash := &crashingStore{Store: e.Store, crashAt: 3}
	if _, err := newService(e, crash, 3).Aggregate(context.Background()); !errors.Is(err, errCrash) {
		t.Fatalf("first run: err %v, want the crash", err)
	}
	cur, err := e.Store.UsageCursor(context.Background())
	if err != nil || cur != 6 {
		t.Fatalf("cursor after the crash %d (%v), want 6: two whole batches", cur, err)
	}
	svc := newService(e, e.Store, 3)
	if _, err := svc.Aggregate(context.Background()); err != nil {
		t.Fatal(err)
	}
	size, err := e.Audit.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := e.Store.UsageCursor(context.Background()); cur != size {
		t.Fatalf("cursor %d, want the log size %d", cur, size)
	}
	recs, err := e.Audit.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := e.Ingest.Providers(context.Background())
	items := map[string][]string{}
	for _, p := range ps {
		items[p.Code] = p.Items
	}
	want := map[[4]string]int64{}
	for _, c := range usage.Tally(recs, items) {
		want[[4]string{c.OrgID, c.Item, c.Purpose, c.Action}] += c.Accesses
	}
	if got := figures(t, e, svc); !mapsEqual(got, want) || len(want) == 0 {
		t.Fatalf("figures after the crash %v, want %v", got, want)
	}
}

// TestUsage_CursorRaceChangesNothing: a batch written by a process that
// read a stale cursor is refused whole.
func TestUsage_CursorRaceChangesNothing(t *testing.T) {
	e := gatetest.New(t)
	ctx := context.Background()
	c := []usage.Count{{Month: "2026-01", Provider: gatetest.ProviderCode, OrgID: "O1", Item: "PEN.XZCF", Purpose: "pre_loan", Action: "report", Accesses: 2}}
	if err := e.Store.AddUsage(ctx, 0, 5, c); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.AddUsage(ctx, 0, 5, c); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second AddUsage from 0: %v, want Conflict", err)
	}
	if err := e.Store.AddUsage(ctx, 5, 7, c); err != nil {
		t.Fatal(err)
	}
	got, err := e.Store.FindUsage(ctx, "2026-01", []string{gatetest.ProviderCode})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Accesses != 4 {
		t.Fatalf("counts %+v, want one row of 4", got)
	}
	if cur, _ := e.Store.UsageCursor(ctx); cur != 7 {
		t.Fatalf("cursor %d, want 7", cur)
	}
	if got, _ := e.Store.FindUsage(ctx, "2026-02", nil); len(got) != 0 {
		t.Fatalf("another month has %d rows", len(got))
	}
}

func TestUsage_Scope(t *testing.T) {
	e := gatetest.New(t)
	svc := newService(e, e.Store, 0)
	if _, err := svc.Usage(e.As[gatetest.BankQuery], "", ""); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("institution reads usage: %v", err)
	}
	if _, err := svc.Usage(e.As[gatetest.Provider], "2026-13", ""); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("bad month: %v", err)
	}
	if _, err := svc.Usage(e.As[gatetest.Provider], "", "P-OTHER"); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("another provider: %v", err)
	}
	fb, err := svc.Usage(e.As[gatetest.Operator], "", gatetest.ProviderCode)
	if err != nil || len(fb.Providers) != 1 {
		t.Errorf("operator names a provider: %v %v", fb.Providers, err)
	}
}
