// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

func newFeed(t testing.TB, store *sqlstore.Store, g *gate.Gate) *feed.Service {
	t.Helper()
	f, err := feed.New(store, g, feed.Options{Secret: []byte("api-test-node-secret-0123456789abcdef"), Source: "https://api.test/feed"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// seedFeed adds a third institution, live with an agreement for ABN and
// TAX and the purpose post_loan, its administrator's session, a query
// officer's token and one webhook subscription.
func (e *env) seedFeed(t testing.TB, acc *access.Service, onb *onboard.Service, fd *feed.Service) {
	t.Helper()
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	o, err := acc.CreateOrganization(sys, access.NewOrganization{Kind: access.OrgInstitution, Name: "测试推送银行", Code: "XR-INSTITUTION3"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.CreateUser(sys, access.NewUser{OrgID: o.ID, Username: "bank3admin-user", Roles: []access.Role{access.RoleInstitutionAdmin}, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	login := func(name string) (access.Session, context.Context) {
		sess, p, err := acc.Login(ctx, name, testPassword, access.LoginMeta{IP: "192.0.2.1"})
		if err != nil {
			t.Fatal(err)
		}
		return sess, access.WithPrincipal(ctx, p)
	}
	sess, admin := login("bank3admin-user")
	e.creds["bank3admin-session"] = cred{session: sess}
	c, secret, err := acc.CreateClient(sys, o.ID, "bank3 system", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := acc.IssueToken(ctx, c.ID, secret, "")
	if err != nil {
		t.Fatal(err)
	}
	e.creds["bank3-token"] = cred{bearer: tok.Token}
	_, op := login("op-user")
	a, err := onb.Apply(admin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0003H264010003",
		ContactName: "吴联系", ContactPhone: "0951-7654000"})
	if err != nil {
		t.Fatal(err)
	}
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "材料 " + c.Code, Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	now := time.Now().UTC()
	steps := []func() error{
		func() error { _, err := onb.StartAssessment(op, a.ID); return err },
		func() error { _, err := onb.Assess(op, a.ID, onboard.NewAssessment{Checks: checks}); return err },
		func() error {
			a, err = onb.Approve(op, a.ID, onboard.NewAgreement{Categories: []string{"ABN", "TAX"}, Purposes: []string{"post_loan"},
				From: now.Add(-time.Hour), Until: now.AddDate(1, 0, 0), Limits: onboard.Limits{RatePerSecond: 100, Burst: 100, DailyQuota: 10000}})
			return err
		},
		func() error {
			_, err := onb.Sign(admin, a.ID, a.Agreement.Version, "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。")
			return err
		},
		func() error { _, err := onb.Activate(op, a.ID); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	sub, _, err := fd.Subscribe(admin, feed.NewSubscription{URL: "https://bank3.example/hooks", Purpose: "post_loan",
		Filter: feed.Filter{Region: "64", Items: []string{"ABN.JYYC"}}})
	if err != nil {
		t.Fatal(err)
	}
	e.codes["sub"] = sub.ID
}

// feedScenarios cover the change feed and the webhook subscriptions. The
// env's first bank is not onboarded, so the gate refuses it; the third is
// live for ABN and TAX with post_loan.
func feedScenarios(e *env) []scenario {
	sub := "/api/v1/subscriptions/" + e.codes["sub"]
	get := func(name, url, as string, status int, expect ...string) scenario {
		return scenario{name: "Feed" + name, req: request{method: "GET", url: url, as: as}, status: status, expect: expect}
	}
	post := func(name, as, body string, status int, expect ...string) scenario {
		return scenario{name: "Feed" + name, req: request{method: "POST", url: "/api/v1/subscriptions", as: as, body: body},
			status: status, expect: expect}
	}
	resume := func(name, as string, status int, expect ...string) scenario {
		return scenario{name: "Feed" + name, req: request{method: "POST", url: sub + "/resume", as: as}, status: status, expect: expect}
	}
	del := func(name, url, as string, status int) scenario {
		return scenario{name: "Feed" + name, req: request{method: "DELETE", url: url, as: as}, status: status}
	}
	// A fresh entry in the list of abnormal operations, within its
	// publicity period (the collection fixture's entries are past it).
	r := e.abnormal("tech", time.Now().AddDate(0, -1, 0).Format(time.DateOnly))
	row, _ := json.Marshal(map[string]any{"rows": []map[string]string{r}})
	push := scenario{name: "FeedSeedPush", req: request{method: "POST", url: "/api/v1/providers/" + scjg + "/items/ABN.JYYC/records",
		as: "provider-token", body: string(row), headers: map[string]string{"Idempotency-Key": "feed-1"}}, status: 200, expect: []string{`"accepted":1`}}
	page := get("PagePublicOnly", "/api/v1/feed?purpose=post_loan&region=64&limit=50", "bank3-token", 200,
		`"item":"ABN.JYYC"`, `"next_cursor":"`, `"has_more":`)
	page.forbid = []string{"TAX.LEVEL"} // authorized: never pushed in bulk
	return []scenario{
		push,
		page,
		get("PageOperator", "/api/v1/feed?items=ABN.JYYC", "op-token", 200, `"changes":[`),
		get("PageNoAgreement", "/api/v1/feed?purpose=post_loan", "bank-token", 403, "forbidden"),
		get("PageAuthorizedItem", "/api/v1/feed?purpose=post_loan&items=TAX.LEVEL", "bank3-token", 403, "forbidden"),
		get("PageBadRegion", "/api/v1/feed?purpose=post_loan&region=64x", "bank3-token", 400, "region"),
		get("PageBadCursor", "/api/v1/feed?purpose=post_loan&cursor=zzz", "bank3-token", 400, "cursor"),
		get("PageAnonymous", "/api/v1/feed", "", 401),
		post("Create", "bank3admin-session", `{"url":"https://bank3.example/other","purpose":"post_loan","industry":"F"}`, 201,
			`"secret":"whsec_`, `"status":"active"`),
		post("CreateHTTP", "bank3admin-session", `{"url":"http://bank3.example/","purpose":"post_loan"}`, 400, "url"),
		post("CreateNoAgreement", "bankadmin-session", `{"url":"https://bank.example/","purpose":"post_loan"}`, 403, "forbidden"),
		post("CreateAnonymous", "", `{"url":"https://bank.example/","purpose":"post_loan"}`, 401),
		get("List", "/api/v1/subscriptions", "bank3-token", 200, e.codes["sub"]),
		get("ListAnonymous", "/api/v1/subscriptions", "", 401),
		get("ListOperator", "/api/v1/subscriptions", "op-token", 403),
		get("Get", sub, "bank3-token", 200, `"region":"64"`),
		get("GetOtherInstitution", sub, "bank-token", 404),
		get("GetAnonymous", sub, "", 401),
		get("GetOperator", sub, "op-token", 403),
		get("Deliveries", sub+"/deliveries", "bank3-token", 200, `"items":[]`),
		get("DeliveriesBadLimit", sub+"/deliveries?limit=0", "bank3-token", 400),
		get("DeliveriesOtherInstitution", sub+"/deliveries", "bank-token", 404),
		get("DeliveriesAnonymous", sub+"/deliveries", "", 401),
		get("DeliveriesOperator", sub+"/deliveries", "op-token", 403),
		resume("ResumeActive", "bank3admin-session", 200, `"status":"active"`),
		resume("ResumeQueryOfficer", "bank3-token", 403),
		resume("ResumeAnonymous", "", 401),
		resume("ResumeOtherInstitution", "bankadmin-session", 404),
		del("DeleteQueryOfficer", sub, "bank3-token", 403),
		del("DeleteAnonymous", sub, "", 401),
		del("DeleteUnknown", "/api/v1/subscriptions/NOSUCH", "bank3admin-session", 404),
		del("Delete", sub, "bank3admin-session", 200),
		get("GetDeleted", sub, "bank3-token", 404),
	}
}
