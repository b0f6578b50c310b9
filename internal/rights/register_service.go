// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// Registrations binds enterprise administrators' accounts to their USCC
// (实名注册) and lets them manage their staff.
type Registrations struct {
	store    RegisterStore
	accounts Accounts
	subjects SubjectFinder
	log      Auditor
	opt      RegisterOptions
}

// RegisterOptions configure Registrations. Zero values take the defaults.
type RegisterOptions struct {
	// PerUSCC failed matches within Window lock a code (default 5 in 24h):
	// an ID number has about 10^4 plausible values once the birth date is
	// known, so the limit must be per code, not only per address.
	PerUSCC int
	// PerIP failed matches or proof uploads within Window lock an address
	// (default 20).
	PerIP  int
	Window time.Duration
	// MaxProof bounds an uploaded proof (default 5 MiB).
	MaxProof int
	Now      func() time.Time
}

// NewRegistrations returns the service.
func NewRegistrations(store RegisterStore, accounts Accounts, subjects SubjectFinder, log Auditor, opt RegisterOptions) *Registrations {
	if opt.PerUSCC <= 0 {
		opt.PerUSCC = 5
	}
	if opt.PerIP <= 0 {
		opt.PerIP = 20
	}
	if opt.Window <= 0 {
		opt.Window = 24 * time.Hour
	}
	if opt.MaxProof <= 0 {
		opt.MaxProof = 5 << 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Registrations{store: store, accounts: accounts, subjects: subjects, log: log, opt: opt}
}

func (s *Registrations) clock() time.Time { return s.opt.Now().UTC().Truncate(time.Microsecond) }

// MaxProof is the largest proof accepted, in bytes.
func (s *Registrations) MaxProof() int { return s.opt.MaxProof }

// ErrNoMatch is the only answer to a mismatch: it never says which field
// was wrong.
var ErrNoMatch = apperr.Invalidf("rights: 信息不匹配 / the details do not match")

// ErrTooManyAttempts is returned while a code or an address is locked.
var ErrTooManyAttempts = apperr.E(apperr.TooMany, "rights: 尝试次数过多，请稍后再试或上传证明材料 / too many attempts; try later or upload proof", nil)

// checkLimits refuses a code or an address with too many recent failures.
func (s *Registrations) checkLimits(ctx context.Context, uscc, ip string) error {
	since := s.clock().Add(-s.opt.Window)
	for _, b := range []struct {
		key string
		max int
	}{{"uscc:" + uscc, s.opt.PerUSCC}, {"ip:" + ip, s.opt.PerIP}} {
		if b.key == "uscc:" || b.key == "ip:" {
			continue
		}
		n, err := s.store.CountRegisterAttempts(ctx, b.key, since)
		if err != nil {
			return err
		}
		if n >= b.max {
			return ErrTooManyAttempts
		}
	}
	return nil
}

// anonymous is the actor of an audit event by a visitor not signed in.
func anonymous() access.Principal {
	return access.Principal{Kind: access.PrincipalUser, OrgKind: access.OrgEnterprise}
}

// Register binds a new administrator account to the enterprise when the
// name and ID number match the registration record the node holds. The
// answer to a mismatch is ErrNoMatch whichever field was wrong; failures
// count against the code and the address (ErrTooManyAttempts). Returns
// Invalid, NotFound (no registration record: upload proof instead),
// Conflict (already registered, or the user name is taken).
func (s *Registrations) Register(ctx context.Context, in NewRegistration, ip string) (Registration, error) {
	in.Normalize()
	if err := in.Validate(true); err != nil {
		return Registration{}, err
	}
	if err := s.checkLimits(ctx, in.USCC, ip); err != nil {
		return Registration{}, err
	}
	recs, err := s.store.CurrentRecords(ctx, in.USCC, []string{"REG.JBXX"})
	if err != nil {
		return Registration{}, fmt.Errorf("rights: registration record: %w", err)
	}
	if len(recs) == 0 {
		return Registration{}, apperr.NotFoundf("rights: 本平台没有该企业的登记注册信息，请上传证明材料 / the node holds no registration record of this enterprise; upload proof instead")
	}
	ok := false
	for _, r := range recs {
		ok = matches(r, in.RepName, in.RepID) || ok
	}
	now := s.clock()
	if !ok {
		err := s.store.RegisterTx(ctx, func(tx RegisterTx) error {
			for _, b := range []string{"uscc:" + in.USCC, "ip:" + ip} {
				if err := tx.AddRegisterAttempt(ctx, b, now); err != nil {
					return err
				}
			}
			return s.audit(ctx, tx, anonymous(), "register.mismatch/v1", in.USCC, "", now, audit.OutcomeFailed, nil)
		})
		if err != nil {
			return Registration{}, err
		}
		return Registration{}, ErrNoMatch
	}
	org, u, err := s.openAccount(ctx, in)
	if err != nil {
		return Registration{}, err
	}
	reg := Registration{ID: newID(), USCC: in.USCC, OrgID: org.ID, UserID: u.ID, Username: u.Username, Method: MethodMatch,
		Status: RegDone, DecidedBy: "match", CreatedAt: now, DecidedAt: now}
	err = s.store.RegisterTx(ctx, func(tx RegisterTx) error {
		if err := tx.CreateRegistration(ctx, reg); err != nil {
			return err
		}
		if err := tx.AddNotifications(ctx, notices("register.matched/v1", reg.USCC, reg.ID,
			"企业账号已实名注册，管理员 "+u.Username+" / the enterprise account was registered", now, org.ID)...); err != nil {
			return err
		}
		return s.audit(ctx, tx, userOf(u, org), "register.matched/v1", reg.USCC, reg.ID, now, audit.OutcomeOK, nil)
	})
	return reg, err
}

// openAccount creates the enterprise's organization if it has none and
// its administrator's account. The applicant has no principal yet: the
// node acts for them, as it does at start-up, once the service has
// established who they are. An enterprise that already has an active
// administrator is a Conflict: a second one is added by that one.
func (s *Registrations) openAccount(ctx context.Context, in NewRegistration) (access.Organization, access.User, error) {
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	name := in.USCC
	if subj, err := s.subjects.Get(ctx, in.USCC); err == nil && subj.Name != "" {
		name = subj.Name
	}
	org, _, err := s.accounts.EnsureOrganization(sys, access.NewOrganization{Kind: access.OrgEnterprise, Name: name, Code: in.USCC})
	if err != nil {
		return org, access.User{}, err
	}
	users, err := s.accounts.ListUsers(sys, access.UserFilter{OrgID: org.ID})
	if err != nil {
		return org, access.User{}, err
	}
	for _, u := range users {
		if u.Has(access.RoleEnterpriseAdmin) && u.Status == access.UserActive {
			return org, access.User{}, apperr.Conflictf("rights: 该企业已注册，请联系企业管理员添加账号 / the enterprise is already registered; ask its administrator for an account")
		}
	}
	display := in.DisplayName
	if display == "" {
		display = in.RepName
	}
	u, err := s.accounts.CreateUser(sys, access.NewUser{OrgID: org.ID, Username: in.Username, DisplayName: display,
		Roles: []access.Role{access.RoleEnterpriseAdmin}, Password: in.Password})
	return org, u, err
}

func userOf(u access.User, org access.Organization) access.Principal {
	return access.Principal{Kind: access.PrincipalUser, UserID: u.ID, Username: u.Username, OrgID: org.ID,
		OrgKind: org.Kind, Roles: u.Roles}
}

func (s *Registrations) audit(ctx context.Context, tx RegisterTx, p access.Principal, kind, uscc, id string, at time.Time, out audit.Outcome, details map[string]string) error {
	e := event(kind, p, uscc, "REG.JBXX", id, at, details)
	e.Outcome = out
	_, err := s.log.Append(ctx, tx, e)
	return err
}

// SniffProof returns the content type of an uploaded proof if it is a PDF,
// PNG or JPEG, judged by its bytes and not by what the browser claimed.
func SniffProof(b []byte) (string, bool) {
	ct := http.DetectContentType(b)
	ok := slices.Contains([]string{"application/pdf", "image/png", "image/jpeg"}, ct)
	return ct, ok
}
