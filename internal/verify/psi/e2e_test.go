// SPDX-License-Identifier: Apache-2.0

package psi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

// node is a whole node on loopback HTTP with a live bank whose agreement
// names list_matching, and 30 enterprises on the abnormal operations
// directory, 2 of them past their publicity period.
type node struct {
	a                     *app.App
	srv                   *httptest.Server
	bank, bank2           access.Organization
	clientID, secret      string
	listed, old, unlisted []string
}

func newNode(t *testing.T) *node {
	t.Helper()
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
	t.Cleanup(func() { a.Close() })
	n := &node{a: a}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	org := func(kind access.OrgKind, name, code string) access.Organization {
		o, err := a.Access.CreateOrganization(sys, access.NewOrganization{Kind: kind, Name: name, Code: code})
		if err != nil {
			t.Fatalf("org %s: %v", name, err)
		}
		return o
	}
	op, prov := org(access.OrgOperator, "信用中心", "XR-OP"), org(access.OrgProvider, "银川市市场监督管理局", "XR-PROV")
	n.bank, n.bank2 = org(access.OrgInstitution, "比对银行", "XR-BANK"), org(access.OrgInstitution, "贷前银行", "XR-BANK2")
	gatetest.GoLive(t, a.Onboard, n.bank.ID, op.ID, []string{gate.PurposeListMatching}, onboardLimits)
	gatetest.GoLive(t, a.Onboard, n.bank2.ID, op.ID, []string{"pre_loan"}, onboardLimits)
	c, secret, err := a.Access.CreateClient(sys, n.bank.ID, "bank psi", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	n.clientID, n.secret = c.ID, secret
	if _, err := a.Ingest.RegisterProvider(sys, ingest.Provider{Code: gatetest.ProviderCode, Name: "市场监管", Department: "测试",
		Region: "640000", OrgID: prov.ID, Items: []string{"ABN.JYYC"}}); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	recent, old := time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly), time.Now().UTC().AddDate(-2, 0, 0).Format(time.DateOnly)
	for i := range 90 {
		code, err := subject.Make('9', '1', "640104", fmt.Sprintf("MA7P%04d", i))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("宁夏比对测试%02d有限公司", i)
		if _, _, err := a.Subjects.Register(ctx, subject.Subject{USCC: code, Name: name, Status: subject.StatusActive}); err != nil {
			t.Fatal(err)
		}
		date := recent
		switch {
		case i < 28:
			n.listed = append(n.listed, code)
		case i < 30:
			n.old, date = append(n.old, code), old
		default:
			n.unlisted = append(n.unlisted, code)
			continue
		}
		rows = append(rows, map[string]string{"NAME": name, "UNITY_CREDIT_CODE": code, "IN_REASON": "未按规定期限公示年度报告",
			"IN_DATE": date, "IN_ORGAN": "银川市市场监督管理局"})
	}
	b, err := a.Ingest.Push(sys, ingest.PushInput{Provider: gatetest.ProviderCode, Item: "ABN.JYYC", IdempotencyKey: "psi-seed", Rows: rows})
	if err != nil || b.Accepted != int64(len(rows)) {
		t.Fatalf("seed: %v accepted %d of %d %v", err, b.Accepted, len(rows), b.Counts)
	}
	n.srv = httptest.NewServer(a.Handler())
	t.Cleanup(n.srv.Close)
	return n
}

var onboardLimits = onboard.Limits{RatePerSecond: 1000, Burst: 1000, DailyQuota: 1_000_000}

// recorder keeps every request body the client sends.
type recorder struct {
	mu     sync.Mutex
	bodies [][]byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		r.mu.Lock()
		r.bodies = append(r.bodies, b)
		r.mu.Unlock()
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	return http.DefaultTransport.RoundTrip(req)
}

func (n *node) client(t *testing.T, rec *recorder) *psi.Client {
	t.Helper()
	hc := &http.Client{Transport: rec}
	tok, err := psi.FetchToken(context.Background(), hc, n.srv.URL, n.clientID, n.secret)
	if err != nil {
		t.Fatal(err)
	}
	return &psi.Client{URL: n.srv.URL, Token: tok, HTTP: hc}
}

func (n *node) events(t *testing.T, orgID string) []audit.Event {
	t.Helper()
	recs, err := n.a.Audit.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{ActorOrgID: orgID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Event
	for _, r := range recs {
		if r.Event.Kind == "list.matched/v1" {
			out = append(out, r.Event)
		}
	}
	return out
}

// TestPSI_EndToEnd: through the node's whole HTTP stack, the bank learns
// exactly which of its codes are on the list (not those past publicity),
// no request body carries a code in clear, and the run is in the audit log.
func TestPSI_EndToEnd(t *testing.T) {
	n := newNode(t)
	rec := &recorder{}
	c := n.client(t, rec)
	lists, err := c.Lists(context.Background())
	if err != nil || !slices.ContainsFunc(lists, func(l psi.List) bool { return l.Name == "abnormal-operations" }) {
		t.Fatalf("lists %v, %v", lists, err)
	}
	mine := slices.Concat(n.listed[:20], n.old, n.unlisted)
	res, err := c.Match(context.Background(), "abnormal-operations", mine)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Matches, n.listed[:20]; !slices.Equal(got, want) {
		t.Fatalf("matches %v, want %v", got, want)
	}
	if got, want := res.Session.ListSize, len(n.listed); got != want {
		t.Fatalf("list size %d, want %d", got, want)
	}
	for i, b := range rec.bodies {
		for _, code := range mine {
			if bytes.Contains(b, []byte(code)) || bytes.Contains(b, []byte(code[8:17])) {
				t.Fatalf("request %d carries %s", i, code)
			}
		}
	}
	evs := n.events(t, n.bank.ID)
	if len(evs) != 1 || evs[0].Outcome != audit.OutcomeOK || evs[0].Details["elements"] != fmt.Sprint(len(mine)) ||
		evs[0].Details["list"] != "abnormal-operations" || evs[0].Details["list_version"] != res.Session.ListVersion {
		t.Fatalf("audit events %+v", evs)
	}
	// The session answers once.
	if _, err := c.Match(context.Background(), "abnormal-operations", mine[:10]); err == nil {
		t.Fatal("a set of 10 was matched")
	}
}

// TestPSI_Guards: a set under the minimum, an institution whose
// agreement lacks list_matching, a non-institution, too few distinct
// elements and the daily limits are refused, and each refusal is logged.
func TestPSI_Guards(t *testing.T) {
	n := newNode(t)
	ctx := context.Background()
	svc, err := psi.New(n.a.Store, n.a.Gate, n.a.Catalog, psi.Options{Secret: bytes.Repeat([]byte("s"), 32),
		Limits: gate.ListMatchLimits{MinElements: 50, RunsPerDay: 3, ElementsPerDay: 250}})
	if err != nil {
		t.Fatal(err)
	}
	as := func(o access.Organization, role access.Role) context.Context {
		return access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalClient, ClientID: "C-" + o.ID, OrgID: o.ID,
			OrgKind: o.Kind, OrgName: o.Name, Roles: []access.Role{role}})
	}
	bank := as(n.bank, access.RoleInstitutionQueryOfficer)
	check := func(name string, err error, code apperr.Code) {
		t.Helper()
		if !apperr.Is(err, code) {
			t.Fatalf("%s: err=%v, want %s", name, err, code)
		}
	}
	_, err = svc.Open(bank, "abnormal-operations", 49)
	check("TooSmall", err, apperr.Forbidden)
	_, err = svc.Open(as(n.bank2, access.RoleInstitutionQueryOfficer), "abnormal-operations", 60)
	check("NoPurpose", err, apperr.Forbidden)
	_, err = svc.Open(as(n.bank, access.RoleInstitutionAdmin), "abnormal-operations", 60)
	check("Admin", err, apperr.Forbidden)
	_, err = svc.Open(bank, "no-such-list", 60)
	check("NoList", err, apperr.NotFound)
	// Sixty copies of one blinded code are one enterprise, not sixty.
	s, err := svc.Open(bank, "abnormal-operations", 60)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := psi.NewKey()
	one := psi.HashBlind(k, slices.Repeat([]string{n.listed[0]}, 60))
	_, err = svc.Evaluate(bank, s.ID, one)
	check("Repeated", err, apperr.Forbidden)
	_, err = svc.Evaluate(as(n.bank2, access.RoleInstitutionQueryOfficer), s.ID, one)
	check("OtherInstitution", err, apperr.NotFound)
	// Runs 2 and 3 fit 250 elements with the first 60; the fourth run and
	// another 100 elements do not.
	if _, err := svc.Open(bank, "abnormal-operations", 100); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Open(bank, "abnormal-operations", 100)
	check("Elements", err, apperr.TooMany)
	if _, err := svc.Open(bank, "abnormal-operations", 50); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Open(bank, "abnormal-operations", 50)
	check("Runs", err, apperr.TooMany)
	var ok, denied int
	for _, e := range n.events(t, n.bank.ID) {
		switch e.Outcome {
		case audit.OutcomeOK:
			ok++
		case audit.OutcomeDenied:
			denied++
			if e.Details["reason"] == "" {
				t.Fatalf("refusal without reason: %+v", e)
			}
		}
	}
	if ok != 3 || denied != 5 {
		t.Fatalf("bank's audit: %d runs, %d refusals; want 3 and 5", ok, denied)
	}
	if evs := n.events(t, n.bank2.ID); len(evs) != 1 || evs[0].Outcome != audit.OutcomeDenied {
		t.Fatalf("bank2's audit %+v", evs)
	}
	if strings.Contains(fmt.Sprint(err), n.listed[0]) {
		t.Fatal("refusal names a code")
	}
}
