// SPDX-License-Identifier: Apache-2.0

package score_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

func newService(t *testing.T) (*gatetest.Env, *score.Service) {
	t.Helper()
	e := gatetest.New(t)
	cat, _, err := e.Catalog.Current(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	def, err := score.Default(cat)
	if err != nil {
		t.Fatal(err)
	}
	// The default indicators on the AAA–C scale, whose narrower bands let
	// two penalties move this enterprise's grade.
	b, err := os.ReadFile("testdata/scale-aaa.json")
	if err != nil {
		t.Fatal(err)
	}
	m := *def.Model
	m.Scale = score.Scale{}
	if err := json.Unmarshal(b, &m.Scale); err != nil {
		t.Fatal(err)
	}
	c, err := score.Compile(&m, cat)
	if err != nil {
		t.Fatal(err)
	}
	return e, score.New(e.Store, c, score.Options{Workers: 2, Readers: 2, Chunk: 1})
}

func input(e score.Evaluation, code string) score.Input {
	for _, in := range e.Inputs {
		if in.Indicator == code {
			return in
		}
	}
	return score.Input{Indicator: code, Missing: true}
}

// pushPenalty collects a general penalty about the enterprise decided
// days ago and returns its record ID.
func pushPenalty(t *testing.T, e *gatetest.Env, no string, days int) string {
	t.Helper()
	decided := time.Now().UTC().AddDate(0, 0, -days)
	agency := "11640100MB1234567X"
	recs, _ := e.Store.CurrentRecords(context.Background(), e.USCC, []string{"PEN.XZCF"})
	for _, r := range recs {
		agency = r.Data["CF_CFJGDM"]
	}
	row := map[string]string{"CF_XDR_MC": "宁夏测试科技有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": e.USCC,
		"CF_FRDB": "张三", "CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": gatetest.LegalRepID, "CF_WSH": no, "CF_WFXW": "未按规定公示年度报告",
		"CF_SY": "经查，当事人未按规定公示年度报告。", "CF_YJ": "《企业信息公示暂行条例》", "CF_CFLB": "罚款",
		"CF_NR": "罚款0.20万元", "CF_NR_FK": "0.20", "CF_JDRQ": decided.Format(time.DateOnly),
		"CF_YXQ": decided.AddDate(1, 0, 0).Format(time.DateOnly), "CF_GSJZQ": decided.AddDate(1, 0, 0).Format(time.DateOnly),
		"CF_CFJG": "银川市市场监督管理局", "CF_CFJGDM": agency, "CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": agency}
	b, err := e.Ingest.Push(e.As[gatetest.System], ingest.PushInput{Provider: gatetest.ProviderCode, Item: "PEN.XZCF",
		IdempotencyKey: "score-" + no, Rows: []map[string]string{row}})
	if err != nil || b.Accepted != 1 {
		t.Fatalf("push %s: %+v %v", no, b.Counts, err)
	}
	recs, err = e.Store.CurrentRecords(context.Background(), e.USCC, []string{"PEN.XZCF"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Data["CF_WSH"] == no {
			return r.ID
		}
	}
	t.Fatalf("penalty %s not stored", no)
	return ""
}

// TestRunFollowRepair: a full run evaluates every enterprise; a second run
// changes nothing; a new penalty lowers the grade at the next follow, with
// a score-change event; a repair lifts it back.
func TestRunFollowRepair(t *testing.T) {
	ctx := context.Background()
	e, svc := newService(t)
	var ticks int
	sum, err := svc.RunAll(ctx, func(done, changed int64) { ticks++ })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Enterprises < 2 || sum.Changed != sum.Enterprises || ticks == 0 {
		t.Fatalf("first run: %+v (%d progress calls)", sum, ticks)
	}
	var graded int64
	for _, n := range sum.Grades {
		graded += n
	}
	if graded != sum.Enterprises {
		t.Fatalf("grades %v do not add up to %d", sum.Grades, sum.Enterprises)
	}
	first, err := svc.Latest(ctx, e.USCC)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := input(first, "LAW_PENALTY").Value, 1.0; got != want {
		t.Fatalf("penalties counted = %v, want %v (the 2020 one is past its publicity)", got, want)
	}
	if got, want := input(first, "OP_TAX_LEVEL").Text, "A"; got != want {
		t.Fatalf("tax level input = %q, want %q", got, want)
	}
	if len(first.Reasons) == 0 || first.Reasons[0].Text == "" || first.ModelVersion != score.DefaultVersion {
		t.Fatalf("latest = %+v", first)
	}
	if b, err := svc.Latest(ctx, e.USCCB); err != nil || b.Score >= first.Score+200 {
		t.Fatalf("enterprise B: %+v %v", b, err)
	}

	again, err := svc.RunAll(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed != 0 || again.Enterprises != sum.Enterprises {
		t.Fatalf("second run changed %d of %d", again.Changed, again.Enterprises)
	}
	if f, err := svc.Follow(ctx, "test"); err != nil || f.Enterprises != 0 {
		t.Fatalf("follow after a full run: %+v %v", f, err)
	}

	recID := pushPenalty(t, e, "宁市监罚〔2026〕77号", 10)
	pushPenalty(t, e, "宁市监罚〔2026〕78号", 20)
	f, err := svc.Follow(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if f.Enterprises != 1 || f.Changed != 1 {
		t.Fatalf("follow after two penalties: %+v", f)
	}
	worse, err := svc.Latest(ctx, e.USCC)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := input(worse, "LAW_PENALTY").Value, 3.0; got != want {
		t.Fatalf("penalties counted = %v, want %v", got, want)
	}
	if worse.Score >= first.Score || worse.Grade == first.Grade {
		t.Fatalf("score %d %s → %d %s: the penalties did not lower the grade", first.Score, first.Grade, worse.Score, worse.Grade)
	}
	evs, err := svc.Events(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].USCC != e.USCC || evs[0].OldGrade != first.Grade || evs[0].NewGrade != worse.Grade || evs[0].NewScore != worse.Score {
		t.Fatalf("events = %+v", evs)
	}

	// Credit repair of one penalty granted: the mark and the outbox entry
	// the rights service writes in one transaction.
	err = e.Store.RightsTx(ctx, func(tx rights.Tx) error {
		if err := tx.SetRepaired(ctx, e.USCC, recID, time.Now().UTC()); err != nil {
			return err
		}
		return tx.AddChange(ctx, rights.Change{Kind: rights.ChangeRecord, USCC: e.USCC, RecordID: recID, Item: "PEN.XZCF",
			Provider: gatetest.ProviderCode, CaseID: "R-1", Outcome: "repaired", CreatedAt: time.Now().UTC()})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Follow(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	repaired, err := svc.Latest(ctx, e.USCC)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := input(repaired, "LAW_PENALTY").Value, 2.0; got != want || repaired.Score <= worse.Score {
		t.Fatalf("after repair: penalties %v (want %v), score %d (was %d)", got, want, repaired.Score, worse.Score)
	}
	if evs, _ := svc.Events(ctx, evs[0].Seq, 10); len(evs) != 1 || evs[0].OldScore != worse.Score {
		t.Fatalf("events after repair = %+v", evs)
	}

	dist, err := svc.Distribution(ctx, "region", 4)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, g := range dist {
		if g.Key == "6401" {
			n += g.Count
		}
	}
	if n != 2 {
		t.Fatalf("distribution for 6401 = %d, want 2: %+v", n, dist)
	}
	if _, err := svc.Distribution(ctx, "galaxy", 0); err == nil {
		t.Fatal("distribution by an unknown key accepted")
	}
	var _ *sqlstore.Store = e.Store
}
