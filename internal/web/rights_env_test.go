// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/usage"
)

// rightsEnv is the UI over gatetest's services with the rights service,
// a gate that reads its marks, reports and the access log wired in, and
// a password account per caller (the consent pages' accounts).
type rightsEnv struct {
	*gatetest.Env
	svc  *rights.Service
	gate *gate.Gate
	srv  *httptest.Server
	now  time.Time // the rights service's clock; zero is the real time
}

func newRightsEnv(t *testing.T) *rightsEnv {
	t.Helper()
	g := gatetest.New(t)
	e := &rightsEnv{Env: g}
	e.svc = rights.New(g.Store, g.Catalog, g.Audit, rights.Options{Now: func() time.Time {
		if e.now.IsZero() {
			return time.Now()
		}
		return e.now
	}})
	var err error
	e.gate, err = gate.New(gate.Deps{Store: g.Store, Subjects: g.Subjects, Catalog: g.Catalog, Consent: g.Consent,
		Agreements: g.Onboard, Audit: g.Audit, Marks: e.svc}, gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reps, err := report.New(context.Background(), g.Store, e.gate, g.Catalog, report.Options{Secret: gatetest.Secret, Origin: "web.test/report"})
	if err != nil {
		t.Fatal(err)
	}
	sys := g.As[gatetest.System]
	for name, a := range map[string]struct {
		org  string
		role access.Role
	}{
		acctEnt: {"ent", access.RoleEnterpriseAdmin}, acctEntB: {"entb", access.RoleEnterpriseAdmin},
		acctBank: {"bank", access.RoleInstitutionQueryOfficer}, acctProvider: {"provider", access.RoleProviderSubmitter},
		acctOp: {"op", access.RoleOperator},
	} {
		if _, _, err := g.Access.EnsureUser(sys, access.NewUser{OrgID: g.Orgs[a.org].ID, Username: name, DisplayName: "演示" + name,
			Roles: []access.Role{a.role}, Password: testPassword}); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
	}
	h, err := New(Deps{Sessions: g.Access, Organizations: g.Access, Subjects: g.Subjects, Catalog: serviceCatalog{g.Catalog},
		Gate: e.gate, Reports: reps, Consent: g.Consent, Usage: usage.New(g.Store, g.Audit, g.Ingest, g.Catalog, usage.Options{}),
		Rights: e.svc, DataDir: t.TempDir(), NodeName: "宁夏测试节点", Region: "640000", DefaultLang: LangZh,
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(chain(t, h, g.Access))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *rightsEnv) loginAs(t *testing.T, user string) *http.Client {
	t.Helper()
	ce := &collectEnv{testEnv: &testEnv{srv: e.srv}}
	return ce.loginAs(t, user)
}

// pushPenalty collects a general penalty about the enterprise decided on
// the given day, with the penalty text, and returns its record ID.
func (e *rightsEnv) pushPenalty(t *testing.T, no, text string, decided time.Time, key string) string {
	t.Helper()
	ctx := context.Background()
	recs, err := e.Store.CurrentRecords(ctx, e.USCC, []string{"PEN.XZCF"})
	if err != nil || len(recs) == 0 {
		t.Fatalf("penalties: %v", err)
	}
	agency := recs[0].Data["CF_CFJGDM"]
	row := map[string]string{"CF_XDR_MC": "宁夏测试科技有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": e.USCC,
		"CF_FRDB": "张三", "CF_WSH": no, "CF_WFXW": "未按规定公示年度报告", "CF_SY": "经查，当事人未按规定公示年度报告。",
		"CF_YJ": "《企业信息公示暂行条例》", "CF_CFLB": "罚款", "CF_NR": text, "CF_NR_FK": "0.20",
		"CF_JDRQ": decided.Format(time.DateOnly), "CF_YXQ": decided.AddDate(1, 0, 0).Format(time.DateOnly),
		"CF_GSJZQ": decided.AddDate(1, 0, 0).Format(time.DateOnly), "CF_CFJG": "银川市市场监督管理局", "CF_CFJGDM": agency,
		"CF_SJLY": "银川市市场监督管理局", "CF_SJLYDM": agency}
	if _, err := e.Ingest.Push(e.As[gatetest.System], ingest.PushInput{Provider: gatetest.ProviderCode, Item: "PEN.XZCF",
		IdempotencyKey: key, Rows: []map[string]string{row}}); err != nil {
		t.Fatalf("push %s: %v", no, err)
	}
	recs, err = e.Store.CurrentRecords(ctx, e.USCC, []string{"PEN.XZCF"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Data["CF_WSH"] == no {
			return r.ID
		}
	}
	t.Fatalf("no penalty %s", no)
	return ""
}

// postMultipart posts a form with an optional file as the browser does.
func postMultipart(t *testing.T, c *http.Client, u string, fields map[string]string, file []byte) *http.Response {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := w.CreateFormFile("file", "决定书.pdf")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	w.Close()
	res, err := c.Post(u, w.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func bodyOf(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func rightsFilter() rights.Filter { return rights.Filter{} }
