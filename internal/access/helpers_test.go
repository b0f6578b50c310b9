// SPDX-License-Identifier: Apache-2.0

package access_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// testPassword satisfies the policy for every test user name.
const testPassword = "Xinrong-2024-pw"

// cheapParams keep service tests fast; the default cost is checked in
// phc_test.go and measured by the benchmark.
var cheapParams = access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is a settable clock for the service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// fixture is a service over a fresh real store, with one organization of
// every kind created by the system principal.
type fixture struct {
	svc   *access.Service
	store *sqlstore.Store
	clock *clock
	sys   context.Context // carries the system principal
	orgs  map[access.OrgKind]access.Organization
}

func newFixture(tb testing.TB, opts access.Options) *fixture {
	tb.Helper()
	f := &fixture{store: storetest.Open(tb), clock: &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}}
	opts.Now = f.clock.Now
	if opts.Hasher == nil {
		opts.Hasher = access.NewHasher(cheapParams, 2)
	}
	f.svc = access.New(f.store, opts)
	f.sys = access.WithPrincipal(context.Background(), access.SystemPrincipal())
	f.orgs = map[access.OrgKind]access.Organization{}
	codes := map[access.OrgKind]string{access.OrgOperator: "XR-OPERATOR", access.OrgProvider: "11640000MB1234567X",
		access.OrgInstitution: "91640000MA76543210", access.OrgEnterprise: "91640100MA7ABCDE1F", access.OrgRegulator: "XR-REGULATOR"}
	for _, k := range access.OrgKinds() {
		o, err := f.svc.CreateOrganization(f.sys, access.NewOrganization{Kind: k, Name: "测试" + k.Label("zh"), Code: codes[k]})
		if err != nil {
			tb.Fatalf("CreateOrganization(%s): %v", k, err)
		}
		f.orgs[k] = o
	}
	return f
}

// mustUser creates a user in the organization of kind k.
func (f *fixture) mustUser(tb testing.TB, k access.OrgKind, username string, roles ...access.Role) access.User {
	tb.Helper()
	u, err := f.svc.CreateUser(f.sys, access.NewUser{OrgID: f.orgs[k].ID, Username: username, Roles: roles, Password: testPassword})
	if err != nil {
		tb.Fatalf("CreateUser(%s): %v", username, err)
	}
	return u
}

// mustLogin signs a user in from 192.0.2.1 and returns a context carrying
// the resulting principal, as the HTTP middleware would.
func (f *fixture) mustLogin(tb testing.TB, username string) (access.Session, context.Context) {
	tb.Helper()
	sess, p, err := f.svc.Login(context.Background(), username, testPassword, access.LoginMeta{IP: "192.0.2.1", UserAgent: "test"})
	if err != nil {
		tb.Fatalf("Login(%s): %v", username, err)
	}
	return sess, access.WithPrincipal(context.Background(), p)
}

// wantCode fails unless err carries code.
func wantCode(tb testing.TB, err error, code apperr.Code) {
	tb.Helper()
	if got := apperr.CodeOf(err); got != code {
		tb.Fatalf("err=%v (code %q), want code %q", err, got, code)
	}
}

// wantErr fails unless errors.Is(err, target).
func wantErr(tb testing.TB, err, target error) {
	tb.Helper()
	if !errors.Is(err, target) {
		tb.Fatalf("err=%v, want %v", err, target)
	}
}
