// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

const testPassword = "Xinrong-2024-pw"

var testSecret = []byte("0123456789abcdef0123456789abcdef")

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// env is the feed over real services on a fresh store: an institution
// with a live agreement for PEN, ABN and REG and the purpose post_loan,
// a second institution without one, enterprises in two regions and two
// industries, and the market regulator as provider.
type env struct {
	store *sqlstore.Store
	clock *clock
	aud   *audit.Service
	ing   *ingest.Service
	gate  *gate.Gate
	feed  *feed.Service
	inst  access.Organization
	other access.Organization
	// signed-in contexts
	op, instAdmin, instQuery, otherQuery context.Context
	// enterprises: yc (银川 640104) in retail F5211, yc2 (银川) in grain
	// milling C1311, szs (石嘴山 640202) in retail F5211.
	yc, yc2, szs subject.Subject
	batch        int
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	store := storetest.Open(t)
	e := &env{store: store, clock: &clock{t: time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)}}
	acc := access.New(store, access.Options{Now: e.clock.Now,
		Hasher: access.NewHasher(access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)})
	var err error
	if e.aud, err = audit.New(ctx, store, audit.Options{Secret: testSecret, Origin: "test.example/audit", Now: e.clock.Now}); err != nil {
		t.Fatal(err)
	}
	base, err := catalog.Default()
	must(t, err)
	cat, err := catalog.NewService(ctx, store, base)
	must(t, err)
	cons, err := consent.New(ctx, store, cat, e.aud, consent.Options{Secret: testSecret, Origin: "test.example/consent", Now: e.clock.Now})
	must(t, err)
	onb := onboard.New(store, acc, cat, e.aud, onboard.Options{Now: e.clock.Now})
	subjects := subject.NewService(store)
	e.gate, err = gate.New(gate.Deps{Store: store, Subjects: subjects, Catalog: cat, Consent: cons, Agreements: onb, Audit: e.aud},
		gate.Options{Now: e.clock.Now})
	must(t, err)
	e.feed, err = feed.New(store, e.gate, feed.Options{Secret: testSecret, Source: "https://credit.test/feed", Now: e.clock.Now,
		Backoff: time.Minute, MaxBackoff: time.Hour, MaxFailures: 3, AllowLoopback: true})
	must(t, err)

	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	mk := func(kind access.OrgKind, name, code string) access.Organization {
		o, err := acc.CreateOrganization(sys, access.NewOrganization{Kind: kind, Name: name, Code: code})
		must(t, err)
		return o
	}
	centre := mk(access.OrgOperator, "信用中心", "XR-OPERATOR")
	e.inst = mk(access.OrgInstitution, "测试银行", "91640000MA76543210")
	e.other = mk(access.OrgInstitution, "另一银行", "91640000MA76543229")
	user := func(org access.Organization, name string, role access.Role) context.Context {
		_, err := acc.CreateUser(sys, access.NewUser{OrgID: org.ID, Username: name, Roles: []access.Role{role}, Password: testPassword})
		must(t, err)
		_, p, err := acc.Login(ctx, name, testPassword, access.LoginMeta{IP: "192.0.2.1"})
		must(t, err)
		return access.WithPrincipal(ctx, p)
	}
	e.op = user(centre, "operator1", access.RoleOperator)
	e.instAdmin = user(e.inst, "bankadmin", access.RoleInstitutionAdmin)
	e.instQuery = user(e.inst, "bankquery", access.RoleInstitutionQueryOfficer)
	otherAdmin := user(e.other, "otheradmin", access.RoleInstitutionAdmin)
	e.otherQuery = user(e.other, "otherquery", access.RoleInstitutionQueryOfficer)
	_ = otherAdmin

	// The institution goes live with an agreement for PEN, ABN and REG.
	a, err := onb.Apply(e.instAdmin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0001H264010001",
		ContactName: "李联系", ContactPhone: "0951-1234567"})
	must(t, err)
	_, err = onb.StartAssessment(e.op, a.ID)
	must(t, err)
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "材料编号 " + c.Code, Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	_, err = onb.Assess(e.op, a.ID, onboard.NewAssessment{Checks: checks})
	must(t, err)
	now := e.clock.Now()
	a, err = onb.Approve(e.op, a.ID, onboard.NewAgreement{Categories: []string{"PEN", "ABN", "REG"}, Purposes: []string{"post_loan"},
		From: now, Until: now.AddDate(2, 0, 0), Limits: onboard.Limits{RatePerSecond: 50, Burst: 50, DailyQuota: 100000}})
	must(t, err)
	_, err = onb.Sign(e.instAdmin, a.ID, a.Agreement.Version, "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。")
	must(t, err)
	_, err = onb.Activate(e.op, a.ID)
	must(t, err)

	mkSub := func(region, org, industry, name string) subject.Subject {
		code, err := subject.Make('9', '1', region, org)
		must(t, err)
		return subject.Subject{USCC: code, Name: name, RegionCode: region, IndustryCode: industry, LegalRep: "王五", Status: subject.StatusActive}
	}
	e.yc = mkSub("640104", "MA000001", "5211", "银川市兴庆区测试百货有限公司")
	e.yc2 = mkSub("640104", "MA000002", "1311", "银川市测试粮油加工有限公司")
	e.szs = mkSub("640202", "MA000003", "5211", "石嘴山市测试百货有限公司")
	all := []subject.Subject{e.yc, e.yc2, e.szs}
	res, err := subjects.Import(ctx, func(yield func(subject.Subject) bool) {
		for _, s := range all {
			if !yield(s) {
				return
			}
		}
	}, nil)
	must(t, err)
	if res.Inserted != len(all) {
		t.Fatalf("import: %+v", res)
	}
	e.ing = ingest.NewService(store, cat, store, nil)
	e.ing.Master = subjects
	_, err = e.ing.RegisterProvider(ctx, ingest.Provider{Code: "P-SCJG-640000", Name: "宁夏回族自治区市场监督管理厅",
		Items: []string{"ABN.JYYC", "PEN.XZCF", "REG.NB"}})
	must(t, err)
	return e
}

// push collects rows of one item as the market regulator.
func (e *env) push(t testing.TB, item string, rows ...map[string]string) ingest.Batch {
	t.Helper()
	e.batch++
	b, err := e.ing.Push(context.Background(), ingest.PushInput{Provider: "P-SCJG-640000", Item: item,
		IdempotencyKey: fmt.Sprintf("k-%d-%d", e.batch, time.Now().UnixNano()), Rows: rows})
	must(t, err)
	if b.Rejected > 0 || b.Quarantined > 0 {
		for r, err := range e.ing.Rejections(context.Background(), b.ID) {
			t.Logf("rejection: %+v %v", r, err)
		}
		t.Fatalf("push %s: %d rejected, %d quarantined", item, b.Rejected, b.Quarantined)
	}
	return b
}

var agencyCode, _ = subject.Make('1', '1', "640100", "MB123456")

// penalty is an administrative penalty (行政处罚) decided on date, with
// the legal representative's ID number, which is verify_only.
func penalty(s subject.Subject, n int, date string) map[string]string {
	return map[string]string{"CF_XDR_MC": s.Name, "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": s.USCC, "CF_FRDB": "王五",
		"CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": "640104198001011234",
		"CF_WSH": fmt.Sprintf("宁市监罚〔2025〕%d号", n), "CF_WFXW": "违反产品质量管理规定", "CF_SY": "经查，当事人销售的产品经抽样检验不合格。",
		"CF_YJ": "《中华人民共和国产品质量法》第四十九条", "CF_CFLB": "罚款", "CF_NR": "罚款0.50万元", "CF_NR_FK": "0.5",
		"CF_JDRQ": date, "CF_YXQ": "2026-12-31", "CF_CFJG": "银川市市场监督管理局", "CF_CFJGDM": agencyCode,
		"CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": agencyCode}
}

// annual is an annual report (年度报告) whose financial figures are
// authorized information.
func annual(s subject.Subject, year string) map[string]string {
	return map[string]string{"USCC": s.USCC, "NAME": s.Name, "REPORT_YEAR": year, "SUBMIT_DATE": year + "-05-20",
		"TOTAL_ASSETS": "1234.5", "REVENUE": "888.8", "TAX_TOTAL": "12.3", "PHONE": "13812345678"}
}

// abnormal is an entry in the list of abnormal operations (经营异常名录);
// with an out date it is a removal, which revokes the entry.
func abnormal(s subject.Subject, in, out string) map[string]string {
	r := map[string]string{"企业名称": s.Name, "统一社会信用代码/注册号": s.USCC, "列入经营异常名录原因": "未按规定期限公示年度报告",
		"列入日期": in, "作出决定机关（列入）": "银川市兴庆区市场监督管理局"}
	if out != "" {
		r["移出日期"], r["移出经营异常名录原因"], r["作出决定机关（移出）"] = out, "已补报年度报告", "银川市兴庆区市场监督管理局"
	}
	return r
}

// pushEvents returns the push events the institution org caused, oldest first.
func (e *env) pushEvents(t testing.TB, orgID string) []audit.Event {
	t.Helper()
	recs, err := e.aud.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{ActorOrgID: orgID, Limit: 1000})
	must(t, err)
	var out []audit.Event
	for i := len(recs) - 1; i >= 0; i-- {
		if recs[i].Event.Kind == gate.ActionPush.Kind() {
			out = append(out, recs[i].Event)
		}
	}
	return out
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func wantCode(tb testing.TB, err error, code apperr.Code) {
	tb.Helper()
	if got := apperr.CodeOf(err); got != code {
		tb.Fatalf("err=%v (code %q), want code %q", err, got, code)
	}
}
