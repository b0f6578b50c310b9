// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/subject"
)

// Fixture providers: the market regulator belongs to the env's provider
// organization (users "provider", "provideradmin"), the tax bureau to a
// second provider organization (user "provider2").
const (
	scjg = "P-SCJG-640000"
	sw   = "P-SW-640000"
)

// seedCollect registers the two providers, signs in the principals the
// collection scenarios need beyond newEnv's, delivers two batches (with
// rejected rows whose raw values try formula injection, and quarantined
// rows) and starts three resumable uploads through the API, recording the
// IDs in e.codes.
func (e *env) seedCollect(t testing.TB, col *ingest.Service, providerOrg string) {
	t.Helper()
	ctx := context.Background()
	org2 := e.addOrg(t, access.OrgProvider, "XR-PROVIDER2")
	e.addPrincipal(t, providerOrg, "provideradmin", access.RoleProviderAdmin)
	e.addPrincipal(t, org2, "provider2", access.RoleProviderSubmitter)
	e.addPrincipal(t, e.addOrg(t, access.OrgRegulator, "XR-REGULATOR2"), "regulator", access.RoleRegulatorViewer)
	e.addPrincipal(t, e.addOrg(t, access.OrgEnterprise, "XR-ENTERPRISE"), "ent", access.RoleEnterpriseStaff)
	for _, p := range []ingest.Provider{
		{Code: scjg, Name: "宁夏回族自治区市场监督管理厅", OrgID: providerOrg, Items: []string{"ABN.JYYC", "PEN.XZCF"}},
		{Code: sw, Name: "国家税务总局宁夏回族自治区税务局", OrgID: org2, Items: []string{"TAX.LEVEL"}},
	} {
		if _, err := col.RegisterProvider(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	ghost, _ := subject.Make('9', '1', "640104", "MA7X0098")
	rows := []map[string]string{
		e.abnormal("tech", "2023-05-01"), e.abnormal("trade", "2023-05-01"),
		e.abnormal("tech", "=1+2"), e.abnormal("trade", "+cmd|' /C calc'!A0"),
		e.abnormalOf(e.codes["unregistered"], "不存在的公司甲", "2023-05-01"), e.abnormalOf(ghost, "不存在的公司乙", "2023-05-01"),
	}
	b, err := col.Push(ctx, ingest.PushInput{Provider: scjg, Item: "ABN.JYYC", IdempotencyKey: "seed-1", Rows: rows})
	if err != nil || b.Received != 6 || b.Rejected != 2 || b.Quarantined != 2 {
		t.Fatalf("seed push: %+v %v", b, err)
	}
	e.codes["batch"] = b.ID
	b, err = col.Push(ctx, ingest.PushInput{Provider: sw, Item: "TAX.LEVEL", IdempotencyKey: "seed-2",
		Rows: []map[string]string{{"USCC": e.codes["tech"], "NAME": "宁夏银川测试科技有限公司", "EVAL_YEAR": "2023", "LEVEL": "A"}}})
	if err != nil || b.Accepted != 1 {
		t.Fatalf("seed push: %+v %v", b, err)
	}
	e.codes["batch2"] = b.ID
	open, err := col.Quarantine(ctx, ingest.QuarantineFilter{Status: ingest.QuarantineOpen})
	if err != nil || len(open) != 2 {
		t.Fatalf("quarantine: %+v %v", open, err)
	}
	e.codes["q1"], e.codes["q2"] = open[0].ID, open[1].ID
	e.codes["upload"] = e.startUpload(t, scjg, "ABN.JYYC", e.abnormalCSV(), sha(e.abnormalCSV()))
	e.codes["upload-badsum"] = e.startUpload(t, scjg, "ABN.JYYC", e.otherCSV(), sha("something else"))
	e.codes["upload-other"] = e.startUpload(t, sw, "TAX.LEVEL", "USCC,NAME\n", "")
}

func (e *env) addOrg(t testing.TB, kind access.OrgKind, code string) string {
	t.Helper()
	sys := access.WithPrincipal(context.Background(), access.SystemPrincipal())
	o, err := e.access.CreateOrganization(sys, access.NewOrganization{Kind: kind, Name: "测试" + code, Code: code})
	if err != nil {
		t.Fatalf("CreateOrganization(%s): %v", code, err)
	}
	return o.ID
}

// addPrincipal creates a user with a session ("name-session") and, unless
// the role is an administrator's, a client with a token ("name-token").
func (e *env) addPrincipal(t testing.TB, orgID, name string, role access.Role) {
	t.Helper()
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	roles := []access.Role{role}
	if _, err := e.access.CreateUser(sys, access.NewUser{OrgID: orgID, Username: name + "-user", Roles: roles, Password: testPassword}); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	sess, _, err := e.access.Login(ctx, name+"-user", testPassword, access.LoginMeta{IP: "192.0.2.1"})
	if err != nil {
		t.Fatalf("Login(%s): %v", name, err)
	}
	e.creds[name+"-session"] = cred{session: sess}
	if role.Admin() {
		return
	}
	c, secret, err := e.access.CreateClient(sys, orgID, name+" system", roles)
	if err != nil {
		t.Fatalf("CreateClient(%s): %v", name, err)
	}
	tok, err := e.access.IssueToken(ctx, c.ID, secret, "")
	if err != nil {
		t.Fatalf("IssueToken(%s): %v", name, err)
	}
	e.creds[name+"-token"] = cred{bearer: tok.Token}
}

// abnormal is an 经营异常名录 row about a fixture enterprise.
func (e *env) abnormal(key, inDate string) map[string]string {
	names := map[string]string{"tech": "宁夏银川测试科技有限公司", "trade": "石嘴山测试贸易有限公司", "shop": "兴庆区测试科技便利店"}
	return e.abnormalOf(e.codes[key], names[key], inDate)
}

func (e *env) abnormalOf(code, name, inDate string) map[string]string {
	return map[string]string{"企业名称": name, "统一社会信用代码/注册号": code, "列入经营异常名录原因": "未按规定期限公示年度报告",
		"列入日期": inDate, "作出决定机关（列入）": "银川市兴庆区市场监督管理局"}
}

const abnormalHeader = "企业名称,统一社会信用代码/注册号,列入经营异常名录原因,列入日期,作出决定机关（列入）\r\n"

// abnormalCSV is the file the upload scenarios deliver: two new records
// and one row with an impossible date.
func (e *env) abnormalCSV() string {
	return abnormalHeader +
		"宁夏银川测试科技有限公司," + e.codes["tech"] + ",未按规定期限公示年度报告,2024-03-01,银川市兴庆区市场监督管理局\r\n" +
		"兴庆区测试科技便利店," + e.codes["shop"] + ",未按规定期限公示年度报告,2024-03-01,银川市兴庆区市场监督管理局\r\n" +
		"石嘴山测试贸易有限公司," + e.codes["trade"] + ",未按规定期限公示年度报告,2024-13-01,银川市兴庆区市场监督管理局\r\n"
}

// otherCSV is a second file, with one new record.
func (e *env) otherCSV() string {
	return abnormalHeader + "石嘴山测试贸易有限公司," + e.codes["trade"] + ",未按规定期限公示年度报告,2024-04-02,银川市兴庆区市场监督管理局\r\n"
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// startUpload begins a resumable upload through the API as an operator.
func (e *env) startUpload(t testing.TB, provider, item, content, sum string) string {
	t.Helper()
	body := fmt.Sprintf(`{"provider":%q,"item":%q,"size":%d,"sha256":%q,"file_name":"abnormal.csv"}`, provider, item, len(content), sum)
	w := e.do(t, request{method: "POST", url: "/api/v1/uploads", as: "op-token", body: body})
	if w.Code != http.StatusCreated {
		t.Fatalf("start upload: %d %s", w.Code, w.Body.String())
	}
	var up struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &up); err != nil || len(up.ID) != 26 {
		t.Fatalf("start upload: %s %v", w.Body.String(), err)
	}
	return up.ID
}

// multipartBody is a multipart/form-data body with the fields and a file.
func multipartBody(fileName, content string, fields ...string) (string, map[string]string) {
	const boundary = "xinrong-test-boundary-7d2f"
	var b strings.Builder
	for i := 0; i+1 < len(fields); i += 2 {
		fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n", boundary, fields[i], fields[i+1])
	}
	if fileName != "" {
		fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=%q\r\nContent-Type: application/octet-stream\r\n\r\n%s\r\n",
			boundary, fileName, content)
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return b.String(), map[string]string{"Content-Type": "multipart/form-data; boundary=" + boundary}
}
