// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
)

// provider is a data provider's endpoint serving 经营异常名录 rows in
// pages of two, after a cursor that is the index of the last row sent.
type provider struct {
	mu       sync.Mutex
	rows     []map[string]any
	fails    int // answer 503 this many times first
	requests int
}

func (p *provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests++
	if p.fails > 0 {
		p.fails--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	if r.URL.Query().Get("item") != "ABN.JYYC" {
		_ = json.NewEncoder(w).Encode(ingest.PullPage{})
		return
	}
	from, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
	to := min(from+2, len(p.rows))
	page := ingest.PullPage{Rows: p.rows[from:to], NextCursor: strconv.Itoa(to), HasMore: to < len(p.rows)}
	_ = json.NewEncoder(w).Encode(page)
}

func TestPuller_PagesCursorRetries(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 10)
	p := &provider{fails: 2}
	for i := 0; i < 5; i++ {
		r := map[string]any{}
		for k, v := range e.abnormal(i, "2024-03-01", "") {
			r[k] = v
		}
		p.rows = append(p.rows, r)
	}
	srv := httptest.NewServer(p)
	defer srv.Close()
	prov, err := e.svc.Provider(ctx, "P-SCJG-640000")
	if err != nil {
		t.Fatal(err)
	}
	prov.PullURL = srv.URL + "/credit/abnormal"
	if _, err := e.svc.RegisterProvider(ctx, prov); err != nil {
		t.Fatal(err)
	}
	pl := e.svc.NewPuller(srv.Client())
	pl.Backoff = time.Millisecond

	bs, err := pl.PullItem(ctx, "P-SCJG-640000", "ABN.JYYC")
	if err != nil {
		t.Fatal(err)
	}
	var accepted int64
	for _, b := range bs {
		if b.Channel != ingest.ChannelPull {
			t.Fatalf("channel %s", b.Channel)
		}
		accepted += b.Accepted
	}
	if len(bs) != 3 || accepted != 5 || p.requests != 5 {
		t.Fatalf("%d batches, %d accepted, %d requests; want 3 pages, 5 rows, 2 failed + 3 requests", len(bs), accepted, p.requests)
	}

	t.Run("NothingNew", func(t *testing.T) {
		bs, err := pl.PullItem(ctx, "P-SCJG-640000", "ABN.JYYC")
		if err != nil || len(bs) != 0 {
			t.Fatalf("%d batches, %v; want none", len(bs), err)
		}
	})
	t.Run("OnlyNewRows", func(t *testing.T) {
		p.mu.Lock()
		r := map[string]any{}
		for k, v := range e.abnormal(0, "2024-03-01", "2024-06-01") {
			r[k] = v
		}
		p.rows = append(p.rows, r)
		p.mu.Unlock()
		bs, err := pl.PullItem(ctx, "P-SCJG-640000", "ABN.JYYC")
		if err != nil || len(bs) != 1 || bs[0].Revoked != 1 {
			t.Fatalf("%+v, %v; want one batch revoking one record", bs, err)
		}
	})
	t.Run("PullDue", func(t *testing.T) {
		bs, err := pl.PullDue(ctx, e.store, "proc-1")
		if err != nil || len(bs) != 0 {
			t.Fatalf("first PullDue: %d batches, %v (nothing new)", len(bs), err)
		}
		p.mu.Lock()
		before := p.requests
		p.mu.Unlock()
		if _, err := pl.PullDue(ctx, e.store, "proc-2"); err != nil {
			t.Fatal(err)
		}
		p.mu.Lock()
		after := p.requests
		p.mu.Unlock()
		if after != before {
			t.Fatalf("a daily item was pulled again within the day (%d requests)", after-before)
		}
	})
	t.Run("ErrProviderDown", func(t *testing.T) {
		p.mu.Lock()
		p.fails = 100
		p.rows = append(p.rows, p.rows[1])
		p.mu.Unlock()
		if _, err := pl.PullItem(ctx, "P-SCJG-640000", "ABN.JYYC"); err == nil {
			t.Fatal("want an error when the provider keeps failing")
		}
	})
}

// Numbers from a provider's endpoint keep their digits: a float64 detour
// would turn 1.10 into 1.1 and round an 18-digit number.
func TestRowsFromJSON_KeepsDigits(t *testing.T) {
	var page ingest.PullPage
	dec := json.NewDecoder(strings.NewReader(`{"rows":[{"a":1.10,"b":123456789012345678,"c":null,"d":true,"e":"x"}]}`))
	dec.UseNumber()
	if err := dec.Decode(&page); err != nil {
		t.Fatal(err)
	}
	rows, err := ingest.RowsFromJSON(page.Rows)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "1.10", "b": "123456789012345678", "d": "true", "e": "x"}
	if got := rows[0]; len(got) != len(want) || got["a"] != want["a"] || got["b"] != want["b"] || got["d"] != want["d"] || got["e"] != want["e"] {
		t.Fatalf("got %v, want %v", got, want)
	}
	if _, err := ingest.RowsFromJSON([]map[string]any{{"nested": map[string]any{"x": 1}}}); err == nil || !strings.Contains(err.Error(), "rows[0].nested") {
		t.Fatalf("nested value: err=%v, want one naming rows[0].nested", err)
	}
}
