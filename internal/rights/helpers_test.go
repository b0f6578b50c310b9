// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
)

// env is a node with the rights service and a gate that reads its marks.
type env struct {
	*gatetest.Env
	svc  *rights.Service
	gate *gate.Gate
	now  time.Time // the rights service's clock; zero means the real time
	sent *recorder // what the service delivered outside the app
}

// recorder is a rights.Deliverer that keeps every message.
type recorder struct {
	mu   sync.Mutex
	msgs []rights.Message
}

func (r *recorder) Deliver(_ context.Context, m rights.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// to returns the channels of the messages delivered to org about caseID.
func (r *recorder) to(org, caseID string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.msgs {
		if m.OrgID == org && m.CaseID == caseID {
			out = append(out, m.Channel)
		}
	}
	return out
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{Env: gatetest.New(t), sent: &recorder{}}
	e.svc = rights.New(e.Store, e.Catalog, e.Audit, rights.Options{Deliverer: e.sent, Now: func() time.Time {
		if e.now.IsZero() {
			return time.Now()
		}
		return e.now
	}})
	g, err := gate.New(gate.Deps{Store: e.Store, Subjects: e.Subjects, Catalog: e.Catalog, Consent: e.Consent,
		Agreements: e.Onboard, Audit: e.Audit, Marks: e.svc}, gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.gate = g
	return e
}

// penalty returns the ID of the seeded penalty whose decision number
// contains no (the recent one when no is "2026").
func (e *env) penalty(t *testing.T, no string) string {
	t.Helper()
	recs, err := e.Store.CurrentRecords(context.Background(), e.USCC, []string{"PEN.XZCF"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if strings.Contains(r.Data["CF_WSH"], no) {
			return r.ID
		}
	}
	t.Fatalf("no penalty %s among %d", no, len(recs))
	return ""
}

// pushPenalty collects a general penalty decided on date and returns its ID.
func (e *env) pushPenalty(t *testing.T, no string, decided time.Time) string {
	t.Helper()
	row := map[string]string{"CF_XDR_MC": "宁夏测试科技有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": e.USCC,
		"CF_FRDB": "张三", "CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": gatetest.LegalRepID, "CF_WSH": no, "CF_WFXW": "未按规定公示年度报告",
		"CF_SY": "经查，当事人未按规定公示年度报告。", "CF_YJ": "《企业信息公示暂行条例》", "CF_CFLB": "罚款",
		"CF_NR": "罚款0.20万元", "CF_NR_FK": "0.20", "CF_JDRQ": decided.Format(time.DateOnly),
		"CF_YXQ": decided.AddDate(1, 0, 0).Format(time.DateOnly), "CF_GSJZQ": decided.AddDate(1, 0, 0).Format(time.DateOnly),
		"CF_CFJG": "银川市市场监督管理局", "CF_CFJGDM": e.penaltyAgency(t), "CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": e.penaltyAgency(t)}
	b, err := e.Ingest.Push(e.As[gatetest.System], ingest.PushInput{Provider: gatetest.ProviderCode, Item: "PEN.XZCF",
		IdempotencyKey: "rights-" + no, Rows: []map[string]string{row}})
	if err != nil || b.Accepted != 1 {
		t.Fatalf("push %s: %+v %v", no, b.Counts, err)
	}
	return e.penalty(t, no)
}

// penaltyAgency is the seeded penalties' agency code.
func (e *env) penaltyAgency(t *testing.T) string {
	t.Helper()
	recs, err := e.Store.CurrentRecords(context.Background(), e.USCC, []string{"PEN.XZCF"})
	if err != nil || len(recs) == 0 {
		t.Fatalf("penalties: %v", err)
	}
	return recs[0].Data["CF_CFJGDM"]
}

// view releases the penalties to the caller as the marking gate does and
// returns the released record with the ID, if shown.
func (e *env) view(t *testing.T, as, recordID string) (gate.Record, bool) {
	t.Helper()
	req := gate.Request{Action: gate.ActionReport, Subject: e.USCC, Items: []string{"PEN.XZCF"}}
	if as == gatetest.BankQuery {
		req.Purpose = string(consent.PurposePreLoan)
	}
	v, err := e.gate.Release(e.As[as], req, nil)
	if err != nil {
		t.Fatalf("Release as %s: %v", as, err)
	}
	iv, _ := v.Item("PEN.XZCF")
	for _, r := range iv.Records {
		if r.ID == recordID {
			return r, true
		}
	}
	return gate.Record{}, false
}

// kinds counts the audit leaves by kind.
func (e *env) kinds(t *testing.T) map[string]int {
	t.Helper()
	ctx := context.Background()
	n, err := e.Store.AuditTreeSize(ctx)
	if err != nil {
		t.Fatal(err)
	}
	leaves, err := e.Store.AuditLeaves(ctx, 0, n, false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, l := range leaves {
		out[l.Kind]++
	}
	return out
}

// notified reports whether the organization has a notification of kind about the case.
func (e *env) notified(t *testing.T, as, kind, caseID string) bool {
	t.Helper()
	ns, err := e.svc.Notifications(e.As[as], 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.Kind == kind && n.CaseID == caseID {
			return true
		}
	}
	return false
}
