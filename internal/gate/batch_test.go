// SPDX-License-Identifier: Apache-2.0

package gate_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// batchGate is a gate over a fresh store with the built-in catalog and a
// real audit log; ReleaseChanges needs nothing else for operators.
func batchGate(t *testing.T, now time.Time) (*gate.Gate, *audit.Service) {
	t.Helper()
	ctx := context.Background()
	store := storetest.Open(t)
	clock := func() time.Time { return now }
	aud, err := audit.New(ctx, store, audit.Options{Secret: []byte("0123456789abcdef0123456789abcdef"), Origin: "test.example/audit", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.NewService(ctx, store, base)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gate.New(gate.Deps{Store: store, Catalog: cat, Audit: aud}, gate.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	return g, aud
}

func TestReleaseChanges_PublicOnly(t *testing.T) {
	now := time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)
	g, aud := batchGate(t, now)
	const a, b = "91640104MA0000015Y", "91640202MA0000036F"
	rec := func(seq int64, uscc, item string, st ingest.RecordStatus, data map[string]string) ingest.Record {
		return ingest.Record{Seq: seq, ID: "R" + item, Version: 1, Item: item, USCC: uscc, Status: st, Data: data,
			Provider: "P-1", ReceivedAt: now}
	}
	recs := []ingest.Record{
		rec(1, a, "REG.NB", ingest.RecordActive, map[string]string{"REPORT_YEAR": "2024", "TOTAL_ASSETS": "1234.5", "PHONE": "13812345678"}),
		rec(2, a, "PEN.XZCF", ingest.RecordActive, map[string]string{"CF_WSH": "罚1号", "CF_JDRQ": "2025-12-01", "CF_FR_ZJHM": "640104198001011234"}),
		rec(3, b, "PEN.XZCF", ingest.RecordActive, map[string]string{"CF_WSH": "罚2号", "CF_JDRQ": "2024-01-01"}), // past publicity
		rec(4, b, "TAX.NSE", ingest.RecordActive, map[string]string{"TAX_TYPE": "增值税"}),                         // authorized item
		rec(5, b, "ABN.JYYC", ingest.RecordRevoked, map[string]string{"IN_DATE": "2025-11-01"}),
	}
	ctx := access.WithPrincipal(context.Background(), access.SystemPrincipal())
	out, err := g.ReleaseChanges(ctx, gate.BatchRequest{Channel: gate.ChannelFeed, Cursor: "c0"}, recs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(out), 3; got != want {
		t.Fatalf("%d changes %+v, want %d", got, out, want)
	}
	nb := out[0].Record.Data
	if _, ok := nb["TOTAL_ASSETS"]; ok || nb["PHONE"] != "138****5678" || nb["REPORT_YEAR"] != "2024" {
		t.Fatalf("REG.NB released as %v", nb)
	}
	if _, ok := out[1].Record.Data["CF_FR_ZJHM"]; ok || out[1].Record.Data["CF_WSH"] != "罚1号" {
		t.Fatalf("PEN.XZCF released as %v", out[1].Record.Data)
	}
	if out[2].Kind != gate.ChangeRevoked || len(out[2].Record.Data) != 0 || out[2].Subject != b {
		t.Fatalf("revocation released as %+v", out[2])
	}
	evs, err := aud.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("%d audit events, want one per enterprise (2)", len(evs))
	}
	for _, r := range evs {
		ev := r.Event
		if ev.Kind != gate.ActionPush.Kind() || ev.Details["channel"] != "feed" || ev.Details["cursor"] != "c0" || ev.Outcome != audit.OutcomeOK {
			t.Fatalf("event %+v", ev)
		}
		want := map[string]string{a: "PEN.XZCF REG.NB", b: "ABN.JYYC"}[ev.Subject]
		if got := strings.Join(ev.Items, " "); got != want {
			t.Fatalf("items of %s: %q, want %q", ev.Subject, got, want)
		}
	}
	leafOf := map[string]int64{}
	for _, r := range evs {
		leafOf[r.Event.Subject] = r.Index
	}
	for _, c := range out {
		if got, want := c.AuditIndex, leafOf[c.Subject]; got != want {
			t.Fatalf("change %+v: audit index %d, want its enterprise's leaf %d", c, got, want)
		}
	}
}

func TestReleaseChanges_Refusals(t *testing.T) {
	now := time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)
	g, aud := batchGate(t, now)
	recs := []ingest.Record{{Seq: 1, ID: "R1", Version: 1, Item: "PEN.XZCF", USCC: "91640104MA0000015Y", Status: ingest.RecordActive,
		Data: map[string]string{"CF_JDRQ": "2025-12-01"}, ReceivedAt: now}}
	reg := access.WithPrincipal(context.Background(), access.Principal{Kind: access.PrincipalUser, UserID: "u1", OrgID: "org-reg",
		OrgKind: access.OrgRegulator, Roles: []access.Role{access.RoleRegulatorViewer}})
	_, err := g.ReleaseChanges(reg, gate.BatchRequest{Channel: gate.ChannelFeed, Purpose: "post_loan"}, recs)
	if got, want := apperr.CodeOf(err), apperr.Forbidden; got != want {
		t.Fatalf("regulator: %v, want %s", err, want)
	}
	op := access.WithPrincipal(context.Background(), access.SystemPrincipal())
	_, err = g.ReleaseChanges(op, gate.BatchRequest{Channel: gate.ChannelFeed, Items: []string{"TAX.NSE"}}, recs)
	if got, want := apperr.CodeOf(err), apperr.Forbidden; got != want {
		t.Fatalf("authorized item named: %v, want %s", err, want)
	}
	_, err = g.ReleaseChanges(op, gate.BatchRequest{Channel: gate.ChannelFeed, Items: []string{"NO.SUCH"}}, recs)
	if got, want := apperr.CodeOf(err), apperr.Invalid; got != want {
		t.Fatalf("unknown item: %v, want %s", err, want)
	}
	if _, err = g.ReleaseChanges(op, gate.BatchRequest{Channel: "fax"}, recs); err == nil {
		t.Fatal("unknown channel accepted")
	}
	if _, err = g.ReleaseChanges(context.Background(), gate.BatchRequest{Channel: gate.ChannelFeed}, recs); apperr.CodeOf(err) != apperr.Unauthenticated {
		t.Fatalf("no principal: %v", err)
	}
	evs, err := aud.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 {
		t.Fatalf("%d audit events, want the 2 refusals", len(evs))
	}
	for _, r := range evs {
		if r.Event.Outcome != audit.OutcomeDenied || r.Event.Kind != gate.ActionPush.Kind() || r.Event.Subject != "" {
			t.Fatalf("refusal logged as %+v", r.Event)
		}
	}
}
