// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

func counts(b ingest.Batch) [7]int64 {
	return [7]int64{b.Received, b.Accepted, b.Updated, b.Duplicate, b.Revoked, b.Rejected, b.Quarantined}
}

func TestPush_EveryRowEndsSomewhere(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 10)
	bad := e.abnormal(3, "2023-13-45", "")
	wrongCheck := e.abnormal(4, "2023-05-01", "")
	wrongCheck["统一社会信用代码/注册号"] = e.codes[4][:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", e.codes[4][17])+1)%31])
	unknown := e.abnormal(5, "2023-05-01", "")
	unknown["统一社会信用代码/注册号"], unknown["企业名称"] = mustMake(t, "MA000999"), "不存在的公司"
	rows := []map[string]string{
		e.abnormal(0, "2023-05-01", ""),
		e.abnormal(1, "2023-05-01", ""),
		e.abnormal(0, "2023-05-01", ""), // the same row again in one batch
		bad, wrongCheck, unknown,
	}
	b, err := e.svc.Push(ctx, ingest.PushInput{Provider: "P-SCJG-640000", Item: "ABN.JYYC", IdempotencyKey: "k1", Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counts(b), [7]int64{6, 2, 0, 1, 0, 2, 1}; got != want {
		t.Fatalf("counts %v, want %v (received, accepted, updated, duplicate, revoked, rejected, quarantined)", got, want)
	}
	if !b.Settled() || b.Status != ingest.BatchDone {
		t.Fatalf("batch %+v", b)
	}
	var rej []ingest.Rejection
	for r, err := range e.svc.Rejections(ctx, b.ID) {
		if err != nil {
			t.Fatal(err)
		}
		rej = append(rej, r)
	}
	if len(rej) != 2 || rej[0].Row != 4 || rej[0].Field != "IN_DATE" || rej[1].Row != 5 || !strings.Contains(rej[1].MsgEN, "check character 18") {
		t.Fatalf("rejections %+v", rej)
	}

	t.Run("SameKeyChangesNothing", func(t *testing.T) {
		again, err := e.svc.Push(ctx, ingest.PushInput{Provider: "P-SCJG-640000", Item: "ABN.JYYC", IdempotencyKey: "k1", Rows: rows})
		if err != nil {
			t.Fatal(err)
		}
		if again.ID != b.ID || counts(again) != counts(b) {
			t.Fatalf("second push %v %v, want the first receipt %v %v", again.ID, counts(again), b.ID, counts(b))
		}
	})
	t.Run("ErrSameKeyOtherContent", func(t *testing.T) {
		_, err := e.svc.Push(ctx, ingest.PushInput{Provider: "P-SCJG-640000", Item: "ABN.JYYC", IdempotencyKey: "k1", Rows: rows[:1]})
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("err=%v, want Conflict", err)
		}
	})
	t.Run("VersionsAndRevocation", func(t *testing.T) {
		changed := e.abnormal(1, "2023-05-01", "")
		changed["作出决定机关（列入）"] = "银川市市场监督管理局"
		b2, err := e.svc.Push(ctx, ingest.PushInput{Provider: "P-SCJG-640000", Item: "ABN.JYYC", IdempotencyKey: "k2",
			Rows: []map[string]string{e.abnormal(0, "2023-05-01", ""), changed, e.abnormal(0, "2023-05-01", "2024-01-10")}})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(b2), [7]int64{3, 0, 1, 1, 1, 0, 0}; got != want {
			t.Fatalf("counts %v, want %v", got, want)
		}
	})
	t.Run("QuarantineResolved", func(t *testing.T) {
		open, err := e.svc.Quarantine(ctx, ingest.QuarantineFilter{Status: ingest.QuarantineOpen})
		if err != nil || len(open) != 1 || open[0].Row != 6 || open[0].SubjectName != "不存在的公司" {
			t.Fatalf("open quarantine %+v, %v", open, err)
		}
		if _, err := e.svc.ResolveQuarantined(ctx, open[0].ID, mustMake(t, "MA123456")); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("resolving to an unknown enterprise: err=%v, want Invalid", err)
		}
		q, err := e.svc.ResolveQuarantined(ctx, open[0].ID, e.codes[7])
		if err != nil || q.Status != ingest.QuarantineResolved {
			t.Fatalf("resolve: %+v %v", q, err)
		}
		if _, err := e.svc.ResolveQuarantined(ctx, open[0].ID, e.codes[7]); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second resolve: err=%v, want Conflict", err)
		}
		if open, _ := e.svc.Quarantine(ctx, ingest.QuarantineFilter{Status: ingest.QuarantineOpen}); len(open) != 0 {
			t.Fatalf("still open: %+v", open)
		}
	})
	t.Run("ErrProviderNotRegisteredForItem", func(t *testing.T) {
		_, err := e.svc.Push(ctx, ingest.PushInput{Provider: "P-SW-640000", Item: "ABN.JYYC", IdempotencyKey: "k3", Rows: rows[:1]})
		if !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("err=%v, want Forbidden", err)
		}
	})
}
