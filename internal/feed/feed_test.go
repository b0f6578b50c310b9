// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/subject"
)

// all reads the feed from the beginning to its end.
func (e *env) all(t testing.TB, ctx context.Context, req feed.Request) []feed.Change {
	t.Helper()
	var out []feed.Change
	for range 1000 {
		p, err := e.feed.Page(ctx, req)
		must(t, err)
		out = append(out, p.Changes...)
		req.Cursor = p.Next
		if !p.More {
			return out
		}
	}
	t.Fatal("the feed did not end")
	return nil
}

func subjectsOf(cs []feed.Change) []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c.USCC) {
			out = append(out, c.USCC)
		}
	}
	slices.Sort(out)
	return out
}

func sorted(s ...string) []string { slices.Sort(s); return s }

func TestFeed_Filters(t *testing.T) {
	e := newEnv(t)
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"), penalty(e.yc2, 2, "2025-12-02"), penalty(e.szs, 3, "2025-12-03"))
	e.push(t, "ABN.JYYC", abnormal(e.szs, "2025-11-01", ""))
	e.push(t, "REG.NB", annual(e.yc, "2024"))
	for _, tc := range []struct {
		name string
		f    feed.Filter
		want []string // enterprises
		n    int      // changes
	}{
		{"all", feed.Filter{}, sorted(e.yc.USCC, e.yc2.USCC, e.szs.USCC), 5},
		{"region 银川 prefix", feed.Filter{Region: "6401"}, sorted(e.yc.USCC, e.yc2.USCC), 3},
		{"region 银川 full code", feed.Filter{Region: "640100"}, sorted(e.yc.USCC, e.yc2.USCC), 3},
		{"region 宁夏", feed.Filter{Region: "640000"}, sorted(e.yc.USCC, e.yc2.USCC, e.szs.USCC), 5},
		{"region 大武口区", feed.Filter{Region: "640202"}, []string{e.szs.USCC}, 2},
		{"industry section F", feed.Filter{Industry: "F"}, sorted(e.yc.USCC, e.szs.USCC), 4},
		{"industry C13", feed.Filter{Industry: "C13"}, []string{e.yc2.USCC}, 1},
		{"industry 5211", feed.Filter{Industry: "5211"}, sorted(e.yc.USCC, e.szs.USCC), 4},
		{"item", feed.Filter{Items: []string{"PEN.XZCF"}}, sorted(e.yc.USCC, e.yc2.USCC, e.szs.USCC), 3},
		{"two items", feed.Filter{Items: []string{"ABN.JYYC", "REG.NB"}}, sorted(e.yc.USCC, e.szs.USCC), 2},
		{"region, industry and item", feed.Filter{Region: "6401", Industry: "F", Items: []string{"PEN.XZCF"}}, []string{e.yc.USCC}, 1},
		{"nobody", feed.Filter{Region: "11"}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := e.all(t, e.instQuery, feed.Request{Filter: tc.f, Purpose: "post_loan", Limit: 2})
			if got := subjectsOf(cs); !slices.Equal(got, tc.want) {
				t.Fatalf("enterprises %v, want %v", got, tc.want)
			}
			if got, want := len(cs), tc.n; got != want {
				t.Fatalf("%d changes, want %d", got, want)
			}
			for _, c := range cs {
				if len(tc.f.Items) > 0 && !slices.Contains(tc.f.Items, c.Item) {
					t.Fatalf("change of item %s, filter %v", c.Item, tc.f.Items)
				}
			}
		})
	}
	for _, bad := range []feed.Filter{{Region: "64x"}, {Region: "6"}, {Industry: "Z1"}, {Industry: "C13x"}} {
		_, err := e.feed.Page(e.instQuery, feed.Request{Filter: bad, Purpose: "post_loan"})
		wantCode(t, err, apperr.Invalid)
	}
	_, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Cursor: "not-a-cursor"})
	wantCode(t, err, apperr.Invalid)
}

// TestFeed_PublicOnly: authorized fields (the annual report's financial
// figures) and verify_only fields (ID numbers) never leave; personal
// fields are masked; authorized items and items outside the agreement
// are refused when named, and the refusal is logged.
func TestFeed_PublicOnly(t *testing.T) {
	e := newEnv(t)
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	e.push(t, "REG.NB", annual(e.yc, "2024"))
	for _, ctx := range []context.Context{e.instQuery, e.op} {
		cs := e.all(t, ctx, feed.Request{Purpose: "post_loan"})
		if len(cs) != 2 {
			t.Fatalf("%d changes, want 2", len(cs))
		}
		for _, c := range cs {
			for _, f := range []string{"TOTAL_ASSETS", "REVENUE", "TAX_TOTAL", "EMPLOYEES", "CF_FR_ZJHM", "CF_XDR_ZJHM"} {
				if v, ok := c.Data[f]; ok {
					t.Fatalf("%s: field %s=%q released in bulk", c.Item, f, v)
				}
			}
			for _, v := range c.Data {
				if v == "640104198001011234" || v == "1234.5" {
					t.Fatalf("%s: value %q released in bulk", c.Item, v)
				}
			}
			switch c.Item {
			case "REG.NB":
				if got, want := c.Data["PHONE"], "138****5678"; got != want {
					t.Fatalf("PHONE=%q, want %q", got, want)
				}
				if got, want := c.Data["REPORT_YEAR"], "2024"; got != want {
					t.Fatalf("REPORT_YEAR=%q, want %q", got, want)
				}
			case "PEN.XZCF":
				if got, want := c.Data["CF_WSH"], "宁市监罚〔2025〕1号"; got != want {
					t.Fatalf("CF_WSH=%q, want %q", got, want)
				}
			}
		}
	}
	before := len(e.pushEvents(t, e.inst.ID))
	for _, items := range [][]string{{"TAX.LEVEL"}, {"LIC.XZXK"}, {"PEN.XZCF", "SOC.CBJF"}} {
		_, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Filter: feed.Filter{Items: items}})
		wantCode(t, err, apperr.Forbidden)
	}
	evs := e.pushEvents(t, e.inst.ID)
	if got, want := len(evs)-before, 3; got != want {
		t.Fatalf("%d new push events after 3 refusals, want %d", got, want)
	}
	for _, ev := range evs[before:] {
		if ev.Outcome != audit.OutcomeDenied || ev.Details["channel"] != "feed" {
			t.Fatalf("refusal logged as %+v", ev)
		}
	}
	// A purpose the agreement does not name is refused too.
	_, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "pre_loan"})
	wantCode(t, err, apperr.Forbidden)
}

func TestFeed_PublicityAndRevocation(t *testing.T) {
	e := newEnv(t)
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2024-01-02")) // publicity ended 2025-01-02
	e.push(t, "ABN.JYYC", abnormal(e.szs, "2025-11-01", ""))
	e.push(t, "ABN.JYYC", abnormal(e.szs, "2025-11-01", "2026-02-01"))
	cs := e.all(t, e.instQuery, feed.Request{Purpose: "post_loan"})
	if got, want := len(cs), 2; got != want {
		t.Fatalf("%d changes %+v, want %d (the penalty is past publicity)", got, cs, want)
	}
	if cs[0].Kind != gate.ChangeUpsert || cs[0].Data["IN_DATE"] == "" && len(cs[0].Data) == 0 {
		t.Fatalf("first change %+v, want the listing with its data", cs[0])
	}
	if got, want := cs[1].Kind, gate.ChangeRevoked; got != want {
		t.Fatalf("second change kind %s, want %s", got, want)
	}
	if cs[1].Data != nil || cs[1].RecordID != cs[0].RecordID || cs[1].Version != cs[0].Version+1 {
		t.Fatalf("revocation %+v of %+v: want the same record, next version, no data", cs[1], cs[0])
	}
}

func TestFeed_NoAgreement(t *testing.T) {
	e := newEnv(t)
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	_, err := e.feed.Page(e.otherQuery, feed.Request{Purpose: "post_loan"})
	wantCode(t, err, apperr.Forbidden)
	evs := e.pushEvents(t, e.other.ID)
	if len(evs) != 1 || evs[0].Outcome != audit.OutcomeDenied || evs[0].Purpose != "post_loan" || evs[0].Subject != "" {
		t.Fatalf("events %+v, want one denied push about no enterprise", evs)
	}
	// The institution's administrator manages; it does not receive data.
	_, err = e.feed.Page(e.instAdmin, feed.Request{Purpose: "post_loan"})
	wantCode(t, err, apperr.Forbidden)
	// No purpose at all is a bad request, not a refusal.
	_, err = e.feed.Page(e.instQuery, feed.Request{})
	wantCode(t, err, apperr.Invalid)
}

// TestFeed_AuditPerEnterprise: a page leaves one leaf per enterprise in
// it, naming the items, the purpose, the channel and the cursor.
func TestFeed_AuditPerEnterprise(t *testing.T) {
	e := newEnv(t)
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"), penalty(e.yc, 2, "2025-12-02"), penalty(e.szs, 3, "2025-12-03"))
	e.push(t, "REG.NB", annual(e.yc, "2024"))
	p, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan"})
	must(t, err)
	if len(p.Changes) != 4 {
		t.Fatalf("%d changes, want 4", len(p.Changes))
	}
	evs := e.pushEvents(t, e.inst.ID)
	if len(evs) != 2 {
		t.Fatalf("%d push events, want one per enterprise (2): %+v", len(evs), evs)
	}
	byUSCC := map[string]audit.Event{}
	for _, ev := range evs {
		byUSCC[ev.Subject] = ev
		if ev.Outcome != audit.OutcomeOK || ev.Purpose != "post_loan" || ev.Details["channel"] != "feed" ||
			ev.Details["cursor"] != feed.EncodeCursor(0) || ev.Actor.OrgID != e.inst.ID || ev.Details["providers"] != "P-SCJG-640000" {
			t.Fatalf("event %+v", ev)
		}
	}
	if got := byUSCC[e.yc.USCC].Items; !slices.Equal(got, []string{"PEN.XZCF", "REG.NB"}) {
		t.Fatalf("items of %s: %v", e.yc.USCC, got)
	}
	if got, want := byUSCC[e.yc.USCC].Details["changes"], "3"; got != want {
		t.Fatalf("changes detail %q, want %q", got, want)
	}
	if got := byUSCC[e.szs.USCC].Items; !slices.Equal(got, []string{"PEN.XZCF"}) {
		t.Fatalf("items of %s: %v", e.szs.USCC, got)
	}
	// A caught-up page releases nothing and logs nothing.
	_, err = e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Cursor: p.Next})
	must(t, err)
	if got := len(e.pushEvents(t, e.inst.ID)); got != 2 {
		t.Fatalf("%d push events after an empty page, want 2", got)
	}
}

// TestFeed_PagingWhileCollecting pages through the feed while two
// providers' pushes commit concurrently: every record version is seen
// exactly once, none is lost.
func TestFeed_PagingWhileCollecting(t *testing.T) {
	e := newEnv(t)
	const writers, batches, rows = 2, 12, 5
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			for b := range batches {
				var rs []map[string]string
				for r := range rows {
					n := (w*batches+b)*rows + r
					rs = append(rs, penalty([]subject.Subject{e.yc, e.yc2, e.szs}[n%3], n, "2025-12-01"))
				}
				got, err := e.ing.Push(context.Background(), ingest.PushInput{Provider: "P-SCJG-640000", Item: "PEN.XZCF",
					IdempotencyKey: fmt.Sprintf("w%d-b%d", w, b), Rows: rs})
				if err != nil || got.Accepted != rows {
					t.Errorf("push: %+v %v", got, err) // not Fatal: this is not the test's goroutine
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	seen := map[string]int{}
	var order []int64
	cursor := ""
	finished := false
	for !finished {
		select {
		case <-done:
			finished = true // one more full read after the last commit
		default:
		}
		for {
			p, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Cursor: cursor, Limit: 7})
			must(t, err)
			for _, c := range p.Changes {
				seen[fmt.Sprintf("%s/%d", c.RecordID, c.Version)]++
				order = append(order, c.Seq)
			}
			cursor = p.Next
			if !p.More {
				break
			}
		}
	}
	if got, want := len(seen), writers*batches*rows; got != want {
		t.Fatalf("%d distinct changes, want %d", got, want)
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("change %s seen %d times", k, n)
		}
	}
	if !slices.IsSorted(order) {
		t.Fatalf("changes out of order: %v", order)
	}
	// The cursor is stable: reading again from the start gives the same.
	again := e.all(t, e.instQuery, feed.Request{Purpose: "post_loan", Limit: 50})
	if got, want := len(again), len(seen); got != want {
		t.Fatalf("re-read %d changes, want %d", got, want)
	}
}
