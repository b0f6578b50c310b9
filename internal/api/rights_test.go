// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/subject"
)

// newRights builds the rights service over its own handle on the audit log.
func newRights(t testing.TB, store *sqlstore.Store, cat *catalog.Service) *rights.Service {
	t.Helper()
	log, err := audit.New(context.Background(), store, audit.Options{Secret: []byte("api-test-node-secret-0123456789abcdef"), Origin: "api.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	return rights.New(store, cat, log, rights.Options{})
}

// seedRights collects three penalties about tech from the market
// regulator (decided 1, 5 and 6 months ago) and opens two objections
// ("obj-open" on the abnormal-operations record, "obj-other" on the
// recent penalty) and one repair application ("repair-open", on the
// 5-month-old penalty), as tech's administrator.
func (e *env) seedRights(t testing.TB, svc *rights.Service, col *ingest.Service, store *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	agency, err := subject.Make('9', '1', "640104", "MB123456")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var rows []map[string]string
	for _, months := range []int{1, 5, 6} {
		d := now.AddDate(0, -months, 0)
		rows = append(rows, map[string]string{"CF_XDR_MC": "宁夏银川测试科技有限公司", "CF_XDR_LB": "法人及非法人组织",
			"CF_XDR_SHXYM": e.codes["tech"], "CF_FRDB": "张三丰", "CF_WSH": fmt.Sprintf("宁市监罚〔2026〕%d号", 100+months),
			"CF_WFXW": "未按规定公示年度报告", "CF_SY": "经查，当事人未按规定公示年度报告。", "CF_YJ": "《企业信息公示暂行条例》",
			"CF_CFLB": "罚款", "CF_NR": "罚款0.20万元", "CF_NR_FK": "0.20", "CF_JDRQ": d.Format(time.DateOnly),
			"CF_YXQ": d.AddDate(1, 0, 0).Format(time.DateOnly), "CF_GSJZQ": d.AddDate(1, 0, 0).Format(time.DateOnly),
			"CF_CFJG": "银川市市场监督管理局", "CF_CFJGDM": agency, "CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": agency})
	}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	if b, err := col.Push(sys, ingest.PushInput{Provider: scjg, Item: "PEN.XZCF", IdempotencyKey: "seed-rights", Rows: rows}); err != nil || b.Accepted != 3 {
		t.Fatalf("seed penalties: %+v %v", b, err)
	}
	recs, err := store.CurrentRecords(ctx, e.codes["tech"], nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		switch {
		case r.Item == "ABN.JYYC":
			e.codes["rec-abn"] = r.ID
		case r.Item == "TAX.LEVEL":
			e.codes["rec-tax"] = r.ID
		case r.Item == "PEN.XZCF":
			e.codes[map[string]string{"宁市监罚〔2026〕101号": "rec-pen1", "宁市监罚〔2026〕105号": "rec-pen5",
				"宁市监罚〔2026〕106号": "rec-pen6"}[r.Data["CF_WSH"]]] = r.ID
		}
	}
	for _, k := range []string{"rec-abn", "rec-tax", "rec-pen1", "rec-pen5", "rec-pen6"} {
		if e.codes[k] == "" {
			t.Fatalf("seed rights: no record %s among %d", k, len(recs))
		}
	}
	org, err := store.FindOrganizationByCode(ctx, e.codes["tech"])
	if err != nil {
		t.Fatal(err)
	}
	as := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "seed-techadmin", OrgID: org.ID,
		OrgKind: access.OrgEnterprise, Roles: []access.Role{access.RoleEnterpriseAdmin}})
	for key, rec := range map[string]string{"obj-open": e.codes["rec-abn"], "obj-other": e.codes["rec-pen1"]} {
		o, err := svc.File(as, rights.NewObjection{RecordID: rec, Reasons: "经营异常已移出", Evidence: "移出决定书"})
		if err != nil {
			t.Fatalf("seed objection: %v", err)
		}
		e.codes[key] = o.ID
	}
	r, err := svc.Apply(as, rights.NewRepair{RecordID: e.codes["rec-pen5"], Evidence: "罚款已缴清", Commitment: "本企业承诺依法经营。"})
	if err != nil {
		t.Fatalf("seed repair: %v", err)
	}
	e.codes["repair-open"] = r.ID
}

// rightsScenarios exercise objections, repairs and notifications: every
// documented status of every operation, and who may see what.
func rightsScenarios(e *env) []scenario {
	c := e.codes
	obj, other, rep := "/api/v1/objections/"+c["obj-open"], "/api/v1/objections/"+c["obj-other"], "/api/v1/repairs/"+c["repair-open"]
	body := func(rec string) string {
		return `{"record_id":"` + rec + `","reasons":"纳税信用等级评价有误","evidence":"复评申请回执"}`
	}
	repair := func(rec string) string {
		return `{"record_id":"` + rec + `","evidence":"罚款已缴清，缴款书附后","commitment":"本企业承诺依法诚信经营。"}`
	}
	var out []scenario
	for _, r := range [][2]string{{"POST", "/api/v1/objections"}, {"GET", "/api/v1/objections"}, {"GET", obj},
		{"POST", obj + "/accept"}, {"POST", obj + "/reject"}, {"POST", obj + "/decide"}, {"POST", "/api/v1/repairs"},
		{"GET", "/api/v1/repairs"}, {"POST", rep + "/decide"}, {"GET", "/api/v1/notifications"}} {
		out = append(out, scenario{name: "rights anonymous " + r[0] + " " + r[1], req: request{method: r[0], url: r[1], body: "{}"},
			status: http.StatusUnauthorized})
	}
	out = append(out,
		scenario{name: "objection filed by the enterprise's staff", req: request{method: "POST", url: "/api/v1/objections", as: "techstaff-token",
			body: body(c["rec-tax"])}, status: http.StatusCreated, expect: []string{`"status":"filed"`, c["rec-tax"], `"item":"TAX.LEVEL"`}},
		scenario{name: "objection without reasons", req: request{method: "POST", url: "/api/v1/objections", as: "techadmin-session",
			body: `{"record_id":"` + c["rec-tax"] + `"}`}, status: http.StatusBadRequest},
		scenario{name: "objection by a bank", req: request{method: "POST", url: "/api/v1/objections", as: "bank-token", body: body(c["rec-tax"])},
			status: http.StatusForbidden},
		scenario{name: "objection to another enterprise's record", req: request{method: "POST", url: "/api/v1/objections", as: "ent-session",
			body: body(c["rec-tax"])}, status: http.StatusNotFound},
		scenario{name: "second objection to an open case", req: request{method: "POST", url: "/api/v1/objections", as: "techadmin-session",
			body: body(c["rec-abn"])}, status: http.StatusConflict},
		scenario{name: "objections of the enterprise", req: request{method: "GET", url: "/api/v1/objections", as: "techadmin-session"},
			status: http.StatusOK, expect: []string{c["obj-open"], c["obj-other"]}},
		scenario{name: "objections with an unknown status", req: request{method: "GET", url: "/api/v1/objections?status=lost", as: "op-token"},
			status: http.StatusBadRequest},
		scenario{name: "objections of another enterprise", req: request{method: "GET", url: "/api/v1/objections", as: "ent-session"},
			status: http.StatusOK, forbid: []string{c["obj-open"]}},
		scenario{name: "objections by a bank", req: request{method: "GET", url: "/api/v1/objections", as: "bank-token"}, status: http.StatusForbidden},
		scenario{name: "objection in the provider's inbox", req: request{method: "GET", url: obj, as: "provider-token"},
			status: http.StatusOK, expect: []string{`"status":"filed"`, "经营异常已移出"}},
		scenario{name: "objection hidden from another provider", req: request{method: "GET", url: obj, as: "provider2-token"}, status: http.StatusNotFound},
		scenario{name: "objection read by a regulator", req: request{method: "GET", url: obj, as: "regulator-session"}, status: http.StatusForbidden},
		scenario{name: "accept by a provider", req: request{method: "POST", url: obj + "/accept", as: "provider-token", body: `{}`}, status: http.StatusForbidden},
		scenario{name: "accept an unknown objection", req: request{method: "POST", url: "/api/v1/objections/NOPE/accept", as: "op-token", body: `{}`},
			status: http.StatusNotFound},
		scenario{name: "accept with the self-check", req: request{method: "POST", url: obj + "/accept", as: "op-token",
			body: `{"self_check":"平台归集与关联无误"}`}, status: http.StatusOK, expect: []string{`"status":"provider_check"`, "平台归集与关联无误"}},
		scenario{name: "accept again", req: request{method: "POST", url: obj + "/accept", as: "op-session", body: `{}`}, status: http.StatusConflict},
		scenario{name: "reject after acceptance", req: request{method: "POST", url: obj + "/reject", as: "op-token", body: `{"reason":"迟了"}`},
			status: http.StatusConflict},
		scenario{name: "reject without a reason", req: request{method: "POST", url: other + "/reject", as: "op-token", body: `{}`}, status: http.StatusBadRequest},
		scenario{name: "reject by an enterprise", req: request{method: "POST", url: other + "/reject", as: "techadmin-session", body: `{"reason":"x"}`},
			status: http.StatusForbidden},
		scenario{name: "reject an unknown objection", req: request{method: "POST", url: "/api/v1/objections/NOPE/reject", as: "op-token",
			body: `{"reason":"x"}`}, status: http.StatusNotFound},
		scenario{name: "reject", req: request{method: "POST", url: other + "/reject", as: "op-token", body: `{"reason":"不属于本平台归集的信息"}`},
			status: http.StatusOK, expect: []string{`"status":"rejected"`}},
		scenario{name: "decide with an unknown outcome", req: request{method: "POST", url: obj + "/decide", as: "provider-token",
			body: `{"outcome":"maybe"}`}, status: http.StatusBadRequest},
		scenario{name: "decide by the enterprise", req: request{method: "POST", url: obj + "/decide", as: "techadmin-session",
			body: `{"outcome":"deleted"}`}, status: http.StatusForbidden},
		scenario{name: "decide by another provider", req: request{method: "POST", url: obj + "/decide", as: "provider2-token",
			body: `{"outcome":"deleted"}`}, status: http.StatusNotFound},
		scenario{name: "decide undeterminable", req: request{method: "POST", url: obj + "/decide", as: "provider-token",
			body: `{"outcome":"undeterminable","note":"原始档案缺失"}`}, status: http.StatusOK,
			expect: []string{`"status":"decided"`, `"outcome":"undeterminable"`, "原始档案缺失"}},
		scenario{name: "decide twice", req: request{method: "POST", url: obj + "/decide", as: "op-token", body: `{"outcome":"confirmed"}`},
			status: http.StatusConflict},
		scenario{name: "repair applied for", req: request{method: "POST", url: "/api/v1/repairs", as: "techstaff-token", body: repair(c["rec-pen6"])},
			status: http.StatusCreated, expect: []string{`"status":"pending"`, c["rec-pen6"]}},
		scenario{name: "repair before the minimum period", req: request{method: "POST", url: "/api/v1/repairs", as: "techadmin-session",
			body: repair(c["rec-pen1"])}, status: http.StatusConflict, expect: []string{"最短公示期 3 个月"}},
		scenario{name: "repair of a record that is not negative", req: request{method: "POST", url: "/api/v1/repairs", as: "techadmin-session",
			body: repair(c["rec-tax"])}, status: http.StatusBadRequest},
		scenario{name: "repair applied for by a bank", req: request{method: "POST", url: "/api/v1/repairs", as: "bank-token", body: repair(c["rec-pen6"])},
			status: http.StatusForbidden},
		scenario{name: "repair of another enterprise's record", req: request{method: "POST", url: "/api/v1/repairs", as: "ent-session",
			body: repair(c["rec-pen6"])}, status: http.StatusNotFound},
		scenario{name: "repairs in the provider's inbox", req: request{method: "GET", url: "/api/v1/repairs?status=pending", as: "provider-token"},
			status: http.StatusOK, expect: []string{c["repair-open"], c["rec-pen6"]}},
		scenario{name: "repairs by a bank", req: request{method: "GET", url: "/api/v1/repairs", as: "bank-token"}, status: http.StatusForbidden},
		scenario{name: "repair decision by another provider", req: request{method: "POST", url: rep + "/decide", as: "provider2-token",
			body: `{"decision":"grant"}`}, status: http.StatusNotFound},
		scenario{name: "repair decision by the enterprise", req: request{method: "POST", url: rep + "/decide", as: "techadmin-session",
			body: `{"decision":"grant"}`}, status: http.StatusForbidden},
		scenario{name: "repair decision unknown", req: request{method: "POST", url: rep + "/decide", as: "provider-token",
			body: `{"decision":"later"}`}, status: http.StatusBadRequest},
		scenario{name: "repair granted by the provider", req: request{method: "POST", url: rep + "/decide", as: "provider-token",
			body: `{"decision":"grant","note":"已履行义务"}`}, status: http.StatusOK, expect: []string{`"status":"granted"`}},
		scenario{name: "repair decided twice", req: request{method: "POST", url: rep + "/decide", as: "op-token",
			body: `{"decision":"refuse","note":"x"}`}, status: http.StatusConflict},
		scenario{name: "notifications of the enterprise", req: request{method: "GET", url: "/api/v1/notifications", as: "techadmin-session"},
			status: http.StatusOK, expect: []string{"repair.granted/v1", "objection.decided/v1", c["repair-open"]}},
		scenario{name: "notifications of another enterprise", req: request{method: "GET", url: "/api/v1/notifications", as: "ent-session"},
			status: http.StatusOK, forbid: []string{c["obj-open"], c["repair-open"]}},
	)
	return append(out, rightsMoreScenarios(e)...)
}
