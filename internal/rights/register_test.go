// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/subject"
)

// The legal representatives in the registration records of the tests.
const (
	repName = "李四"
	repID   = "64010219850203123X"
)

// regProvider delivers registration records in the tests.
const regProvider = "P-SCJG-TEST"

// seedRegistration collects a registration record (REG.JBXX) naming the
// representative, for code (a new subject if the master lacks it).
func seedRegistration(t *testing.T, e *env, code, name, typ string) {
	t.Helper()
	ctx := e.As[gatetest.System]
	if _, err := e.Ingest.RegisterProvider(ctx, ingest.Provider{Code: regProvider, Name: "测试市场监督管理局", Department: "市场监督管理局",
		Items: []string{"REG.JBXX"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Subjects.Get(ctx, code); err != nil {
		if _, _, err := e.Subjects.Register(ctx, subject.Subject{USCC: code, Name: name, Status: subject.StatusActive}); err != nil {
			t.Fatal(err)
		}
	}
	b, err := e.Ingest.Push(ctx, ingest.PushInput{Provider: regProvider, Item: "REG.JBXX", IdempotencyKey: "reg-" + code,
		Rows: []map[string]string{{"USCC": code, "NAME": name, "ENT_TYPE": typ, "LEGAL_REP": repName, "LEGAL_REP_ID": repID,
			"ESTABLISH_DATE": "2015-06-01", "REG_AUTHORITY": "银川市市场监督管理局", "REG_STATUS": "存续", "ADDRESS": "银川市金凤区"}}})
	if err != nil || b.Accepted != 1 {
		t.Fatalf("seed registration %s: %+v %v", code, b.Counts, err)
	}
}

func newRegistrations(e *env, opt rights.RegisterOptions) *rights.Registrations {
	return rights.NewRegistrations(e.Store, e.Access, e.Subjects, e.Audit, opt)
}

// signIn returns a context of the account as it signs in.
func signIn(t *testing.T, e *env, username, password string) context.Context {
	t.Helper()
	_, p, err := e.Access.Login(context.Background(), username, password, access.LoginMeta{IP: "192.0.2.9"})
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return access.WithPrincipal(context.Background(), p)
}

func TestRegistrations_Register(t *testing.T) {
	e := newEnv(t)
	seedRegistration(t, e, e.USCCB, "宁夏另一有限公司", "有限责任公司")
	regs := newRegistrations(e, rights.RegisterOptions{PerUSCC: 3, PerIP: 100})
	ctx := context.Background()
	form := func(name, id string) rights.NewRegistration {
		return rights.NewRegistration{USCC: e.USCCB, RepName: name, RepID: id, Username: "li.si", Password: "Correct-Horse-42"}
	}
	t.Run("ErrMismatch", func(t *testing.T) {
		for _, f := range []rights.NewRegistration{form("王五", repID), form(repName, "640102198502031230")} {
			_, err := regs.Register(ctx, f, "198.51.100.1")
			if err != rights.ErrNoMatch {
				t.Fatalf("Register(%s)=%v, want ErrNoMatch", f.RepName, err)
			}
		}
	})
	t.Run("OK", func(t *testing.T) {
		// Spaces and a lower-case x are what people type.
		r, err := regs.Register(ctx, form(" 李 四", "64010219850203123x"), "198.51.100.1")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Method, rights.MethodMatch; got != want {
			t.Fatalf("method=%s, want %s", got, want)
		}
		as := signIn(t, e, "li.si", "Correct-Horse-42")
		p, _ := access.PrincipalFrom(as)
		if got, want := p.OrgID, e.Orgs["entb"].ID; got != want || !p.Has(access.RoleEnterpriseAdmin) {
			t.Fatalf("signed in to org %s roles %v, want %s as enterprise_admin", got, p.Roles, want)
		}
		if got := e.kinds(t); got["register.matched/v1"] != 1 || got["register.mismatch/v1"] != 2 {
			t.Fatalf("audit kinds %v", got)
		}
	})
	t.Run("ErrConflictSecondAdmin", func(t *testing.T) {
		f := form(repName, repID)
		f.Username = "li.si2"
		if _, err := regs.Register(ctx, f, "198.51.100.1"); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second registration: %v, want Conflict", err)
		}
	})
	t.Run("ErrNoRecord", func(t *testing.T) {
		f := form(repName, repID)
		f.USCC = e.USCC // enterprise A has no registration record in the fixture
		if _, err := regs.Register(ctx, f, "198.51.100.1"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("no record: %v, want NotFound", err)
		}
	})
}

func TestRegistrations_AttemptLimit(t *testing.T) {
	e := newEnv(t)
	seedRegistration(t, e, e.USCCB, "宁夏另一有限公司", "有限责任公司")
	regs := newRegistrations(e, rights.RegisterOptions{PerUSCC: 3, PerIP: 5})
	ctx := context.Background()
	bad := rights.NewRegistration{USCC: e.USCCB, RepName: repName, RepID: "640102198502031231", Username: "li.si", Password: "Correct-Horse-42"}
	for i := range 3 {
		if _, err := regs.Register(ctx, bad, "198.51.100.7"); err != rights.ErrNoMatch {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	good := bad
	good.RepID = repID
	// Per code: even the right answer from another address is refused now.
	if _, err := regs.Register(ctx, good, "203.0.113.5"); !apperr.Is(err, apperr.TooMany) {
		t.Fatalf("after 3 failures: %v, want TooMany", err)
	}
	// Per address: failures on several codes lock the address.
	other := bad
	other.USCC = e.USCC
	seedRegistration(t, e, e.USCC, "宁夏测试科技有限公司", "有限责任公司")
	for i := range 2 {
		if _, err := regs.Register(ctx, other, "198.51.100.7"); err != rights.ErrNoMatch && !apperr.Is(err, apperr.TooMany) {
			t.Fatalf("attempt %d on A: %v", i, err)
		}
	}
	other.RepID = repID
	if _, err := regs.Register(ctx, other, "198.51.100.7"); !apperr.Is(err, apperr.TooMany) {
		t.Fatalf("after 5 failures from one address: %v, want TooMany", err)
	}
}

func TestRegistrations_IndividualBusiness(t *testing.T) {
	e := newEnv(t)
	code, err := subject.Make('9', '2', "640104", "MA7GTH21")
	if err != nil {
		t.Fatal(err)
	}
	if zh, _ := rights.RepresentativeTitle(code); zh != "经营者" {
		t.Fatalf("title of %s = %s, want 经营者", code, zh)
	}
	if zh, _ := rights.RepresentativeTitle(e.USCC); zh != "法定代表人" {
		t.Fatalf("title of %s = %s, want 法定代表人", e.USCC, zh)
	}
	seedRegistration(t, e, code, "银川市金凤区李四小吃店", "个体工商户")
	regs := newRegistrations(e, rights.RegisterOptions{})
	r, err := regs.Register(context.Background(), rights.NewRegistration{USCC: code, RepName: repName, RepID: repID,
		Username: "xiaochi", Password: "Correct-Horse-42"}, "198.51.100.1")
	if err != nil {
		t.Fatal(err)
	}
	as := signIn(t, e, "xiaochi", "Correct-Horse-42")
	p, _ := access.PrincipalFrom(as)
	if p.OrgKind != access.OrgEnterprise || p.OrgName != "银川市金凤区李四小吃店" || r.USCC != code {
		t.Fatalf("principal %+v, registration %+v", p, r)
	}
}

// pdfProof is the start of a PDF file, enough for content sniffing.
var pdfProof = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func TestRegistrations_Proof(t *testing.T) {
	e := newEnv(t)
	regs := newRegistrations(e, rights.RegisterOptions{MaxProof: 1024})
	ctx := context.Background()
	in := rights.NewRegistration{USCC: e.USCC, RepName: "张三", Username: "zhang.san", Password: "Correct-Horse-42"}
	t.Run("ErrType", func(t *testing.T) {
		if _, err := regs.Apply(ctx, in, []byte("<html><script>alert(1)</script>"), "198.51.100.2"); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("HTML proof: %v, want Invalid", err)
		}
		if _, err := regs.Apply(ctx, in, append(bytes.Clone(pdfProof), make([]byte, 1024)...), "198.51.100.2"); !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("large proof: %v, want Invalid", err)
		}
	})
	r, err := regs.Apply(ctx, in, pdfProof, "198.51.100.2")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != rights.RegPending || r.ProofType != "application/pdf" {
		t.Fatalf("application %+v", r)
	}
	if _, _, err := e.Access.Login(ctx, "zhang.san", "Correct-Horse-42", access.LoginMeta{IP: "192.0.2.1"}); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("login before approval: %v, want Forbidden", err)
	}
	if _, err := regs.Decide(e.As[gatetest.EntAdmin], r.ID, true, ""); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("enterprise deciding: %v, want Forbidden", err)
	}
	pend, err := regs.Pending(e.As[gatetest.Operator])
	if err != nil || len(pend) != 1 || pend[0].ID != r.ID {
		t.Fatalf("pending %v %v", pend, err)
	}
	full, err := regs.Find(e.As[gatetest.Operator], r.ID)
	if err != nil || !bytes.Equal(full.Proof, pdfProof) {
		t.Fatalf("proof round trip: %d bytes, %v", len(full.Proof), err)
	}
	if _, err := regs.Decide(e.As[gatetest.Operator], r.ID, false, ""); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("reject without reason: %v, want Invalid", err)
	}
	if _, err := regs.Decide(e.As[gatetest.Operator], r.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	signIn(t, e, "zhang.san", "Correct-Horse-42")
	if _, err := regs.Decide(e.As[gatetest.Operator], r.ID, false, "重复"); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("second decision: %v, want Conflict", err)
	}
	if got := e.kinds(t); got["register.applied/v1"] != 1 || got["register.approved/v1"] != 1 {
		t.Fatalf("audit kinds %v", got)
	}
}

func TestRegistrations_Staff(t *testing.T) {
	e := newEnv(t)
	seedRegistration(t, e, e.USCCB, "宁夏另一有限公司", "有限责任公司")
	regs := newRegistrations(e, rights.RegisterOptions{})
	if _, err := regs.Register(context.Background(), rights.NewRegistration{USCC: e.USCCB, RepName: repName, RepID: repID,
		Username: "li.si", Password: "Correct-Horse-42"}, "198.51.100.1"); err != nil {
		t.Fatal(err)
	}
	admin := signIn(t, e, "li.si", "Correct-Horse-42")
	u, err := regs.AddStaff(admin, rights.NewStaff{Username: "clerk.wang", DisplayName: "王会计", Password: "Clerk-Pass-2026"})
	if err != nil {
		t.Fatal(err)
	}
	staff := signIn(t, e, "clerk.wang", "Clerk-Pass-2026")
	if p, _ := access.PrincipalFrom(staff); !p.Has(access.RoleEnterpriseStaff) || p.Has(access.RoleEnterpriseAdmin) {
		t.Fatalf("staff roles %v", p.Roles)
	}
	if _, err := regs.AddStaff(staff, rights.NewStaff{Username: "x.y", Password: "Clerk-Pass-2026"}); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("staff adding staff: %v, want Forbidden", err)
	}
	if err := regs.RemoveStaff(e.As[gatetest.EntAdmin], u.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("another enterprise removing: %v, want NotFound", err)
	}
	if err := regs.RemoveStaff(admin, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Access.Login(context.Background(), "clerk.wang", "Clerk-Pass-2026", access.LoginMeta{IP: "192.0.2.1"}); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("removed staff login: %v, want Forbidden", err)
	}
	list, err := regs.Staff(admin)
	if err != nil || len(list) != 2 {
		t.Fatalf("staff list %d %v", len(list), err)
	}
	if got := e.kinds(t); got["register.staff_added/v1"] != 1 || got["register.staff_removed/v1"] != 1 {
		t.Fatalf("audit kinds %v", got)
	}
}

// FuzzNewRegistration feeds the registration form's normalization and
// validation arbitrary input: normalizing twice changes nothing, and a
// form that validates has no white space in the compared fields.
func FuzzNewRegistration(f *testing.F) {
	f.Add("91640104MA7GATE1X0", " 李 四", "64010219850203123x", "Li.Si")
	f.Add("", "\u00a0", "\t", "")
	f.Fuzz(func(t *testing.T, code, name, id, user string) {
		in := rights.NewRegistration{USCC: code, RepName: name, RepID: id, Username: user, Password: "Correct-Horse-42"}
		in.Normalize()
		again := in
		again.Normalize()
		if again != in {
			t.Fatalf("Normalize is not idempotent: %+v then %+v", in, again)
		}
		if in.Validate(true) == nil && (strings.ContainsAny(in.RepName, " \t\n") || strings.ContainsAny(in.RepID, " \t\n") || in.RepID != strings.ToUpper(in.RepID)) {
			t.Fatalf("valid form keeps white space or lower case: %+v", in)
		}
	})
}
