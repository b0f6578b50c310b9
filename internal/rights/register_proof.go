// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// Apply is the fallback when the records do not match or the node holds
// none: the applicant uploads proof (营业执照 and the representative's
// identity document, or a letter of authorization) as PDF or image. The
// account is created suspended and waits for an operator's decision.
// Uploads count against the address like failed matches. Returns Invalid
// (fields, type, size), TooMany, Conflict.
func (s *Registrations) Apply(ctx context.Context, in NewRegistration, proof []byte, ip string) (Registration, error) {
	in.Normalize()
	if err := in.Validate(false); err != nil {
		return Registration{}, err
	}
	if len(proof) == 0 || len(proof) > s.opt.MaxProof {
		return Registration{}, apperr.Invalidf("proof: 证明材料须为 1 字节至 %d MiB / the proof must be at most %d MiB", s.opt.MaxProof>>20, s.opt.MaxProof>>20)
	}
	ct, ok := SniffProof(proof)
	if !ok {
		return Registration{}, apperr.Invalidf("proof: 只接受 PDF、PNG、JPEG 文件 / only PDF, PNG or JPEG files are accepted")
	}
	if err := s.checkLimits(ctx, "", ip); err != nil {
		return Registration{}, err
	}
	pending, err := s.store.FindRegistrations(ctx, RegPending, in.USCC, 1)
	if err != nil {
		return Registration{}, err
	}
	if len(pending) > 0 {
		return Registration{}, apperr.Conflictf("rights: 该企业已有待审核的注册申请 / a registration of this enterprise is already waiting")
	}
	org, u, err := s.openAccount(ctx, in)
	if err != nil {
		return Registration{}, err
	}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	if err := s.accounts.SetUserStatus(sys, u.ID, access.UserSuspended); err != nil {
		return Registration{}, err
	}
	now := s.clock()
	reg := Registration{ID: newID(), USCC: in.USCC, OrgID: org.ID, UserID: u.ID, Username: u.Username, Method: MethodProof,
		Status: RegPending, RepName: in.RepName, ProofType: ct, Proof: proof, CreatedAt: now}
	err = s.store.RegisterTx(ctx, func(tx RegisterTx) error {
		if ip != "" {
			if err := tx.AddRegisterAttempt(ctx, "ip:"+ip, now); err != nil {
				return err
			}
		}
		if err := tx.CreateRegistration(ctx, reg); err != nil {
			return err
		}
		if err := tx.AddNotifications(ctx, notices("register.applied/v1", reg.USCC, reg.ID,
			"新的企业实名注册申请待审核 / a registration with proof waits for review", now, OperatorsInbox, org.ID)...); err != nil {
			return err
		}
		return s.audit(ctx, tx, userOf(u, org), "register.applied/v1", reg.USCC, reg.ID, now, audit.OutcomeOK, map[string]string{"proof_type": ct})
	})
	reg.Proof = nil
	return reg, err
}

// Pending lists registrations waiting for review (operators only).
func (s *Registrations) Pending(ctx context.Context) ([]Registration, error) {
	if _, err := s.operator(ctx); err != nil {
		return nil, err
	}
	return s.store.FindRegistrations(ctx, RegPending, "", 500)
}

// Find returns a registration with its proof (operators only).
func (s *Registrations) Find(ctx context.Context, id string) (Registration, error) {
	if _, err := s.operator(ctx); err != nil {
		return Registration{}, err
	}
	return s.store.FindRegistration(ctx, id)
}

func (s *Registrations) operator(ctx context.Context) (access.Principal, error) {
	p, err := principal(ctx)
	if err != nil {
		return p, err
	}
	if !isOperator(p) {
		return p, apperr.Forbiddenf("rights: 只有信用中心可以审核注册 / only the credit centre reviews registrations")
	}
	return p, nil
}

// Decide approves (the account becomes active) or rejects (it stays
// suspended; reason required) a pending registration. Operators only.
// Returns Forbidden, NotFound, Invalid, Conflict (already decided).
func (s *Registrations) Decide(ctx context.Context, id string, approve bool, reason string) (Registration, error) {
	p, err := s.operator(ctx)
	if err != nil {
		return Registration{}, err
	}
	reason = strings.TrimSpace(reason)
	if !approve {
		if err := textField("reason", reason, 1000); err != nil {
			return Registration{}, err
		}
	}
	reg, err := s.store.FindRegistration(ctx, id)
	if err != nil {
		return Registration{}, err
	}
	if reg.Status != RegPending {
		return Registration{}, apperr.Conflictf("rights: 该申请已审核 / the registration is already decided")
	}
	if approve {
		// The operator's decision, carried out by the node: an operator
		// without the administrator role may still review registrations.
		sys := access.WithPrincipal(ctx, access.SystemPrincipal())
		if err := s.accounts.SetUserStatus(sys, reg.UserID, access.UserActive); err != nil {
			return Registration{}, err
		}
	}
	now := s.clock()
	reg.Status, reg.Reason, reg.DecidedBy, reg.DecidedAt, reg.Proof = RegRejected, reason, p.ID(), now, nil
	kind, text := "register.rejected/v1", "实名注册申请未通过："+reason+" / registration rejected"
	if approve {
		reg.Status = RegApproved
		kind, text = "register.approved/v1", "实名注册申请已通过，可以登录 / registration approved; you may sign in"
	}
	err = s.store.RegisterTx(ctx, func(tx RegisterTx) error {
		if err := tx.UpdateRegistration(ctx, reg); err != nil {
			return err
		}
		if err := tx.AddNotifications(ctx, notices(kind, reg.USCC, reg.ID, text, now, reg.OrgID)...); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, kind, reg.USCC, reg.ID, now, audit.OutcomeOK, nil)
	})
	return reg, err
}
