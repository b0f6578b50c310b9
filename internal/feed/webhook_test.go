// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/feed"
)

func TestWebhook_DeliversSignedCloudEvents(t *testing.T) {
	e := newEnv(t)
	ep := newEndpoint(t, always(http.StatusNoContent))
	e.push(t, "PEN.XZCF", penalty(e.yc, 0, "2025-11-30")) // before the subscription: not sent
	sub, secret := e.subscribe(t, ep.srv.URL+"/hooks/xinrong", feed.Filter{Region: "6401"})
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"), penalty(e.szs, 2, "2025-12-02"), penalty(e.yc2, 3, "2025-12-03"))
	e.push(t, "REG.NB", annual(e.yc, "2024"))
	n, err := e.feed.Deliver(context.Background(), "node-a")
	must(t, err)
	if n != 1 {
		t.Fatalf("%d messages delivered, want 1", n)
	}
	reqs := ep.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	verify(t, secret, reqs[0], e.clock.Now())
	_, d := decodeEvent(t, reqs[0])
	if d.Subscription != sub.ID || d.Cursor == "" || d.NextCursor == "" || d.Cursor == d.NextCursor {
		t.Fatalf("data %+v", d)
	}
	if got := subjectsOf(d.Changes); len(got) != 2 || len(d.Changes) != 3 {
		t.Fatalf("changes %+v: want 3 changes of the two 银川 enterprises", d.Changes)
	}
	for _, c := range d.Changes {
		if _, ok := c.Data["TOTAL_ASSETS"]; ok {
			t.Fatalf("authorized field pushed: %+v", c)
		}
		if _, ok := c.Data["CF_FR_ZJHM"]; ok {
			t.Fatalf("verify_only field pushed: %+v", c)
		}
	}
	// The deliveries were logged, and each enterprise's access too.
	ds, err := e.feed.Deliveries(e.instQuery, sub.ID, 0)
	must(t, err)
	if len(ds) != 1 || ds[0].Status != feed.DeliveryDelivered || ds[0].Attempts != 1 || ds[0].LastStatus != 204 || ds[0].ID != reqs[0].id {
		t.Fatalf("delivery log %+v", ds)
	}
	evs := e.pushEvents(t, e.inst.ID)
	if len(evs) != 2 {
		t.Fatalf("%d push events, want 2 (one per enterprise)", len(evs))
	}
	for _, ev := range evs {
		if ev.Details["channel"] != "webhook" || ev.Actor.ID != "webhook:"+sub.ID || ev.Purpose != "post_loan" {
			t.Fatalf("event %+v", ev)
		}
	}
	// Nothing new: nothing sent.
	n, err = e.feed.Deliver(context.Background(), "node-a")
	must(t, err)
	if n != 0 || len(ep.requests()) != 1 {
		t.Fatalf("a second round sent %d messages", n)
	}
}

func TestWebhook_RetryKeepsID(t *testing.T) {
	e := newEnv(t)
	ep := newEndpoint(t, func(n int) int {
		if n == 0 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	})
	sub, secret := e.subscribe(t, ep.srv.URL, feed.Filter{})
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	ctx := context.Background()
	n, err := e.feed.Deliver(ctx, "node-a")
	must(t, err)
	if n != 0 {
		t.Fatalf("%d delivered after a 500, want 0", n)
	}
	ds, err := e.feed.Deliveries(e.instAdmin, sub.ID, 0)
	must(t, err)
	if len(ds) != 1 || ds[0].Status != feed.DeliveryPending || ds[0].Attempts != 1 || ds[0].LastStatus != 500 || ds[0].LastError == "" {
		t.Fatalf("delivery log after a 500: %+v", ds)
	}
	// Not due before the pause ends.
	must(t, run(e, ctx))
	if got := len(ep.requests()); got != 1 {
		t.Fatalf("%d requests before the retry is due, want 1", got)
	}
	e.clock.Advance(61 * time.Second)
	e.push(t, "PEN.XZCF", penalty(e.szs, 2, "2025-12-02")) // waits behind the retried message
	n, err = e.feed.Deliver(ctx, "node-a")
	must(t, err)
	if n != 2 {
		t.Fatalf("%d delivered on retry, want 2 (the retry, then the next page)", n)
	}
	reqs := ep.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	if reqs[0].id != reqs[1].id || string(reqs[0].body) != string(reqs[1].body) {
		t.Fatalf("retry changed the message: ids %s/%s", reqs[0].id, reqs[1].id)
	}
	if reqs[2].id == reqs[1].id {
		t.Fatalf("the next page reused webhook-id %s", reqs[2].id)
	}
	for _, r := range reqs {
		verify(t, secret, r, e.clock.Now())
	}
	_, d0 := decodeEvent(t, reqs[1])
	_, d2 := decodeEvent(t, reqs[2])
	if d0.NextCursor != d2.Cursor || d0.Changes[0].USCC != e.yc.USCC || d2.Changes[0].USCC != e.szs.USCC {
		t.Fatalf("pages out of order: %+v then %+v", d0, d2)
	}
}

func run(e *env, ctx context.Context) error { _, err := e.feed.Deliver(ctx, "node-a"); return err }

func TestWebhook_DisabledAfterRepeatedFailures(t *testing.T) {
	e := newEnv(t)
	ep := newEndpoint(t, always(http.StatusServiceUnavailable))
	sub, _ := e.subscribe(t, ep.srv.URL, feed.Filter{})
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	ctx := context.Background()
	for range 5 {
		must(t, run(e, ctx))
		e.clock.Advance(2 * time.Hour)
	}
	if got, want := len(ep.requests()), 3; got != want {
		t.Fatalf("%d attempts, want %d (MaxFailures)", got, want)
	}
	s, err := e.feed.Subscription(e.instQuery, sub.ID)
	must(t, err)
	if s.Status != feed.StatusDisabled || s.Failures != 3 || s.LastError == "" {
		t.Fatalf("subscription %+v, want disabled after 3 failures", s)
	}
	ds, err := e.feed.Deliveries(e.instQuery, sub.ID, 0)
	must(t, err)
	if len(ds) != 1 || ds[0].Status != feed.DeliveryFailed || ds[0].Attempts != 3 {
		t.Fatalf("delivery log %+v", ds)
	}
}

// TestWebhook_ConcurrentRunsDeliverOnce runs the job in two "processes"
// at once, round after round, while records arrive: every message
// reaches the endpoint once and every change is in exactly one message.
func TestWebhook_ConcurrentRunsDeliverOnce(t *testing.T) {
	e := newEnv(t)
	ep := newEndpoint(t, always(http.StatusOK))
	e.subscribe(t, ep.srv.URL, feed.Filter{})
	ctx := context.Background()
	const rounds = 8
	for i := range rounds {
		e.push(t, "PEN.XZCF", penalty(e.yc, 2*i, "2025-12-01"), penalty(e.szs, 2*i+1, "2025-12-02"))
		var wg sync.WaitGroup
		for _, holder := range []string{"node-a", "node-b"} {
			wg.Go(func() {
				if _, err := e.feed.Deliver(ctx, holder); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	must(t, run(e, ctx)) // whatever a round left for the next
	ids := map[string]bool{}
	records := map[string]int{}
	for _, r := range ep.requests() {
		if ids[r.id] {
			t.Fatalf("webhook-id %s delivered twice", r.id)
		}
		ids[r.id] = true
		_, d := decodeEvent(t, r)
		for _, c := range d.Changes {
			records[c.RecordID]++
		}
	}
	if got, want := len(records), 2*rounds; got != want {
		t.Fatalf("%d records delivered, want %d", got, want)
	}
	for id, n := range records {
		if n != 1 {
			t.Fatalf("record %s in %d messages", id, n)
		}
	}
}

func TestWebhook_Subscriptions(t *testing.T) {
	e := newEnv(t)
	for _, bad := range []string{"http://bank.example/hook", "ftp://bank.example/", "https://user:pw@bank.example/", "bank.example/hook", ""} {
		_, _, err := e.feed.Subscribe(e.instAdmin, feed.NewSubscription{URL: bad, Purpose: "post_loan"})
		wantCode(t, err, apperr.Invalid)
	}
	_, _, err := e.feed.Subscribe(e.instQuery, feed.NewSubscription{URL: "https://bank.example/hook", Purpose: "post_loan"})
	wantCode(t, err, apperr.Forbidden) // query officers read; administrators manage
	_, _, err = e.feed.Subscribe(e.instAdmin, feed.NewSubscription{URL: "https://bank.example/hook", Purpose: "post_loan",
		Filter: feed.Filter{Items: []string{"TAX.NSE"}}})
	wantCode(t, err, apperr.Forbidden) // authorized information is never pushed
	sub, secret, err := e.feed.Subscribe(e.instAdmin, feed.NewSubscription{URL: "https://bank.example/hook", Purpose: "post_loan",
		Filter: feed.Filter{Region: "640100", Industry: "F"}})
	must(t, err)
	if !strings.HasPrefix(secret, "whsec_") || strings.Contains(sub.SealedSecret, strings.TrimPrefix(secret, "whsec_")) {
		t.Fatalf("secret %q / sealed %q", secret, sub.SealedSecret)
	}
	list, err := e.feed.Subscriptions(e.instQuery)
	must(t, err)
	if len(list) != 1 || list[0].ID != sub.ID || list[0].Filter.Region != "6401" || list[0].Filter.Industry != "F" {
		t.Fatalf("list %+v", list)
	}
	_, err = e.feed.Subscription(e.otherQuery, sub.ID)
	wantCode(t, err, apperr.NotFound)
	wantCode(t, e.feed.Unsubscribe(e.instQuery, sub.ID), apperr.Forbidden)
	must(t, e.feed.Unsubscribe(e.instAdmin, sub.ID))
	list, err = e.feed.Subscriptions(e.instAdmin)
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("deleted subscription still listed: %+v", list)
	}
}

// TestWebhook_Resume: a subscription switched off after failures is
// switched back on by the bank's administrator only, and the change that
// never arrived is delivered then.
func TestWebhook_Resume(t *testing.T) {
	e := newEnv(t)
	ep := newEndpoint(t, func(n int) int {
		if n < 3 {
			return http.StatusServiceUnavailable
		}
		return http.StatusOK
	})
	sub, secret := e.subscribe(t, ep.srv.URL, feed.Filter{})
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	ctx := context.Background()
	for range 4 {
		must(t, run(e, ctx))
		e.clock.Advance(2 * time.Hour)
	}
	if s, err := e.feed.Subscription(e.instQuery, sub.ID); err != nil || s.Status != feed.StatusDisabled {
		t.Fatalf("before resuming: %+v %v, want disabled", s, err)
	}
	if _, err := e.feed.Resume(e.instQuery, sub.ID); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("a query officer resumed: %v, want Forbidden", err)
	}
	s, err := e.feed.Resume(e.instAdmin, sub.ID)
	must(t, err)
	if s.Status != feed.StatusActive || s.Failures != 0 || s.LastError != "" {
		t.Fatalf("resumed: %+v", s)
	}
	n, err := e.feed.Deliver(ctx, "node-a")
	must(t, err)
	reqs := ep.requests()
	if n != 1 || len(reqs) != 4 {
		t.Fatalf("after resuming: %d delivered, %d requests; want 1 and 4", n, len(reqs))
	}
	verify(t, secret, reqs[3], e.clock.Now())
	if _, d := decodeEvent(t, reqs[3]); len(d.Changes) != 1 || d.Changes[0].USCC != e.yc.USCC {
		t.Fatalf("the missed change was not delivered: %+v", d)
	}
}

// TestWebhook_RetryAsksTheGateAgain: a message released while the
// agreement was in force is not posted on retry once it has ended.
func TestWebhook_RetryAsksTheGateAgain(t *testing.T) {
	e := newEnv(t)
	ep := newEndpoint(t, func(n int) int {
		if n == 0 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	})
	sub, _ := e.subscribe(t, ep.srv.URL, feed.Filter{})
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	ctx := context.Background()
	must(t, run(e, ctx))
	e.clock.Advance(2*365*24*time.Hour + 48*time.Hour) // past the agreement's term
	n, err := e.feed.Deliver(ctx, "node-a")
	must(t, err)
	if got := len(ep.requests()); n != 0 || got != 1 {
		t.Fatalf("after the agreement ended: %d delivered, %d requests; want 0 and 1", n, got)
	}
	s, err := e.feed.Subscription(e.instQuery, sub.ID)
	must(t, err)
	if s.Failures != 2 || s.LastError == "" {
		t.Fatalf("subscription after a refused retry: %+v", s)
	}
	ds, err := e.feed.Deliveries(e.instQuery, sub.ID, 0)
	must(t, err)
	if len(ds) != 1 || ds[0].Status != feed.DeliveryPending || ds[0].Attempts != 1 {
		t.Fatalf("the refused retry was counted as an attempt: %+v", ds)
	}
}
