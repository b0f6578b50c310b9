// SPDX-License-Identifier: Apache-2.0

package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

const matrixPassword = "Xinrong-matrix-2026"

// The authorization states of the bank with each enterprise.
var states = []string{"authorized", "unauthorized", "expired", "revoked"}

// matrix is a node over a real store with every role and one enterprise
// per authorization state, each holding the same marked records.
type matrix struct {
	a        *app.App
	sessions map[string]access.Session // caller → session
	people   map[string]access.Principal
	uscc     map[string]string // state (and "other") → enterprise code
}

func newMatrix(t *testing.T) *matrix {
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
	m := &matrix{a: a, sessions: map[string]access.Session{}, people: map[string]access.Principal{}, uscc: map[string]string{}}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	org := func(kind access.OrgKind, name, code string) access.Organization {
		o, err := a.Access.CreateOrganization(sys, access.NewOrganization{Kind: kind, Name: name, Code: code})
		if err != nil {
			t.Fatalf("org %s: %v", name, err)
		}
		return o
	}
	user := func(caller string, o access.Organization, role access.Role) {
		if _, err := a.Access.CreateUser(sys, access.NewUser{OrgID: o.ID, Username: caller, Roles: []access.Role{role}, Password: matrixPassword}); err != nil {
			t.Fatalf("user %s: %v", caller, err)
		}
		s, p, err := a.Access.Login(ctx, caller, matrixPassword, access.LoginMeta{IP: "192.0.2.9"})
		if err != nil {
			t.Fatalf("login %s: %v", caller, err)
		}
		m.sessions[caller], m.people[caller] = s, p
	}
	op, bank, bank2 := org(access.OrgOperator, "信用中心", "XR-OP"), org(access.OrgInstitution, "矩阵银行", "XR-BANK"), org(access.OrgInstitution, "未接入银行", "XR-BANK2")
	prov, reg := org(access.OrgProvider, "矩阵数据提供单位", "XR-PROV"), org(access.OrgRegulator, "矩阵监管局", "XR-REG")
	user("operator", op, access.RoleOperator)
	user("opadmin", op, access.RoleOperatorAdmin)
	user("bankq", bank, access.RoleInstitutionQueryOfficer)
	user("bankappr", bank, access.RoleInstitutionApprover)
	user("bankadmin", bank, access.RoleInstitutionAdmin)
	user("bank2q", bank2, access.RoleInstitutionQueryOfficer)
	user("prov", prov, access.RoleProviderSubmitter)
	user("provadmin", prov, access.RoleProviderAdmin)
	user("regviewer", reg, access.RoleRegulatorViewer)
	gatetest.RegisterProvider(t, sys, a.Ingest, prov.ID)
	for i, st := range append(states, "other") {
		code, err := subject.Make('9', '1', "640104", "MA7MTX0"+string(rune('1'+i)))
		if err != nil {
			t.Fatal(err)
		}
		name := "宁夏矩阵" + st + "有限公司"
		if _, _, err := a.Subjects.Register(sys, subject.Subject{USCC: code, Name: name, Status: subject.StatusActive, RegionCode: "640104"}); err != nil {
			t.Fatal(err)
		}
		gatetest.SeedRecords(t, sys, a.Ingest, a.Store, code, name)
		m.uscc[st] = code
		e := org(access.OrgEnterprise, name, code)
		user("entadmin-"+st, e, access.RoleEnterpriseAdmin)
		user("entstaff-"+st, e, access.RoleEnterpriseStaff)
	}
	gatetest.GoLive(t, m.a.Onboard, bank.ID, op.ID, []string{"pre_loan"}, onboard.Limits{RatePerSecond: 10000, Burst: 10000, DailyQuota: 1_000_000})
	m.authorize(t, bank)
	return m
}

// authorize gives the bank each state's authorization over every item
// that needs one.
func (m *matrix) authorize(t *testing.T, bank access.Organization) {
	t.Helper()
	grant := func(st string, until time.Time) consent.Authorization {
		ctx := access.WithPrincipal(context.Background(), m.principalOf(t, "entadmin-"+st))
		a, err := m.a.Consent.Grant(ctx, consent.Terms{EnterpriseUSCC: m.uscc[st], InstitutionOrgID: bank.ID,
			Scope: []string{"TAX", "REG", "UTL", "PEN"}, Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: until})
		must(t, err)
		return a
	}
	grant("authorized", time.Now().Add(24*time.Hour))
	r := grant("revoked", time.Now().Add(24*time.Hour))
	ctx := access.WithPrincipal(context.Background(), m.principalOf(t, "entadmin-revoked"))
	_, err := m.a.Consent.Revoke(ctx, r.ID)
	must(t, err)
	grant("expired", time.Now().Add(1500*time.Millisecond))
	time.Sleep(1600 * time.Millisecond)
}

func (m *matrix) principalOf(t *testing.T, caller string) access.Principal {
	t.Helper()
	return m.people[caller]
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// do sends one request as caller through the node's whole handler.
func (m *matrix) do(t *testing.T, caller, method, url, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, url, rd)
	if strings.HasPrefix(body, "{") {
		r.Header.Set("Content-Type", "application/json")
	} else if body != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	s := m.sessions[caller]
	r.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: s.Token})
	r.Header.Set(httpx.CSRFHeader, s.CSRFToken)
	w := httptest.NewRecorder()
	m.a.Handler().ServeHTTP(w, r)
	return w.Code, w.Body.String()
}
