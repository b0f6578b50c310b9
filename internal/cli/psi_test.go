// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// TestPSI_CLI runs xinrong psi against a node on loopback HTTP: 60 codes,
// 5 on the abnormal operations directory; then a file with a bad line.
func TestPSI_CLI(t *testing.T) {
	ctx := context.Background()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	if storetest.Backend() == "postgres" {
		cfg.DB = storetest.DSN(t)
	}
	a, err := app.New(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	org := func(kind access.OrgKind, name, code string) access.Organization {
		o, err := a.Access.CreateOrganization(sys, access.NewOrganization{Kind: kind, Name: name, Code: code})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	op, bank, prov := org(access.OrgOperator, "信用中心", "XR-OP"), org(access.OrgInstitution, "比对银行", "XR-BANK"), org(access.OrgProvider, "市场监管", "XR-PROV")
	gatetest.GoLive(t, a.Onboard, bank.ID, op.ID, []string{gate.PurposeListMatching}, onboard.Limits{RatePerSecond: 100, Burst: 100, DailyQuota: 100})
	c, secret, err := a.Access.CreateClient(sys, bank.ID, "bank psi", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ingest.RegisterProvider(sys, ingest.Provider{Code: gatetest.ProviderCode, Name: "市场监管", Department: "测试",
		Region: "640000", OrgID: prov.ID, Items: []string{"ABN.JYYC"}}); err != nil {
		t.Fatal(err)
	}
	var codes, want []string
	var rows []map[string]string
	for i := range 60 {
		code, err := subject.Make('9', '1', "640104", fmt.Sprintf("MA7C%04d", i))
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
		if i%12 == 0 {
			want = append(want, code)
			if _, _, err := a.Subjects.Register(ctx, subject.Subject{USCC: code, Name: fmt.Sprintf("宁夏命令行%02d有限公司", i), Status: subject.StatusActive}); err != nil {
				t.Fatal(err)
			}
			rows = append(rows, map[string]string{"NAME": fmt.Sprintf("宁夏命令行%02d有限公司", i), "UNITY_CREDIT_CODE": code,
				"IN_REASON": "未按规定期限公示年度报告", "IN_DATE": time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly), "IN_ORGAN": "银川市市场监督管理局"})
		}
	}
	if b, err := a.Ingest.Push(sys, ingest.PushInput{Provider: gatetest.ProviderCode, Item: "ABN.JYYC", IdempotencyKey: "cli-psi", Rows: rows}); err != nil || b.Accepted != 5 {
		t.Fatalf("seed: %v %+v", err, b.Counts)
	}
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sf := write("secret", secret+"\n")
	flags := []string{"--url", srv.URL, "--client-id", c.ID, "--client-secret-file", sf}

	code, out, stderr := runCLI(ctx, nil, append([]string{"psi", "lists"}, flags...)...)
	if code != 0 || !strings.Contains(out, "abnormal-operations\t经营异常名录") {
		t.Fatalf("psi lists: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, stderr = runCLI(ctx, nil, append(append([]string{"psi"}, flags...), "--list", "abnormal-operations", write("codes.txt", strings.Join(codes, "\n")))...)
	if code != 0 {
		t.Fatalf("psi: exit %d\n%s", code, stderr)
	}
	if got := strings.Fields(out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("matches %v, want %v", got, want)
	}
	if !strings.Contains(stderr, "5 of 60 codes are on abnormal-operations") {
		t.Fatalf("summary: %s", stderr)
	}
	wrong := codes[3][:17] + map[bool]string{true: "1", false: "0"}[codes[3][17] == '0'] // wrong check character
	bad := write("bad.txt", strings.Join(codes[:3], "\n")+"\nnot-a-code\n"+wrong+"\n")
	code, _, stderr = runCLI(ctx, nil, append(append([]string{"psi"}, flags...), "--list", "abnormal-operations", bad)...)
	if code != 1 || !strings.Contains(stderr, "line 4") || !strings.Contains(stderr, "line 5") || strings.Contains(stderr, "line 3:") {
		t.Fatalf("bad file: exit %d\n%s", code, stderr)
	}
}
