// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/score"
)

// evaluations stands in for the evaluation service: one evaluation per
// enterprise.
type evaluations map[string]score.Evaluation

func (e evaluations) Latest(_ context.Context, uscc string) (score.Evaluation, error) {
	if ev, ok := e[uscc]; ok {
		return ev, nil
	}
	return score.Evaluation{}, apperr.NotFoundf("no evaluation")
}

func (e evaluations) Explain(ev score.Evaluation, en bool) string { return "grade " + ev.Grade }

// TestObjection_Evaluation: the enterprise objects to its latest
// evaluation (not to another ID); the case goes to operators, not to a
// provider; the decision writes the outbox entry that makes score.follow
// evaluate again.
func TestObjection_Evaluation(t *testing.T) {
	e := newEnv(t)
	if _, ok, err := e.svc.Evaluation(e.As[gatetest.EntAdmin]); ok || err != nil {
		t.Fatalf("without evaluations: %v %v", ok, err)
	}
	ev := score.Evaluation{ID: "EV1", USCC: e.USCC, Score: 612, Grade: "BBB", ModelVersion: "m1", ComputedAt: time.Now()}
	e.svc.SetEvaluations(evaluations{e.USCC: ev})
	got, ok, err := e.svc.Evaluation(e.As[gatetest.EntAdmin])
	if err != nil || !ok || got.ID != "EV1" {
		t.Fatalf("Evaluation: %+v %v %v", got, ok, err)
	}
	if _, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{EvaluationID: "OLD", Reasons: "评价有误"}); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("objection to another evaluation: %v, want not found", err)
	}
	if _, err := e.svc.File(e.As[gatetest.BankQuery], rights.NewObjection{EvaluationID: "EV1", Reasons: "x"}); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("objection by a bank: %v, want forbidden", err)
	}
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{EvaluationID: "EV1", Reasons: "纳税信用等级已更新为A级，评价未反映"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Item != rights.EvaluationItem || o.RecordID != "EV1" || o.ProviderOrg != "" {
		t.Fatalf("objection %+v", o)
	}
	if _, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{EvaluationID: "EV1", Reasons: "再次"}); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second objection: %v, want conflict", err)
	}
	if _, err := e.svc.Accept(e.As[gatetest.Operator], o.ID, "评价模型输入核对完毕"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Provider], o.ID, rights.OutcomeCorrected, ""); err == nil {
		t.Errorf("a provider decided an objection to an evaluation")
	}
	if _, err := e.svc.Decide(e.As[gatetest.Operator], o.ID, rights.OutcomeCorrected, "已按最新纳税信用等级重新评价"); err != nil {
		t.Fatal(err)
	}
	cs, err := e.svc.Changes(e.As[gatetest.Operator], 0, 0)
	if err != nil || len(cs) != 1 || cs[0].RecordID != "EV1" || cs[0].Item != rights.EvaluationItem || cs[0].USCC != e.USCC {
		t.Fatalf("outbox %+v %v", cs, err)
	}
}
