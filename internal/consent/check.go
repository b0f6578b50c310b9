// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// Reason says why no authorization allows an access.
type Reason string

// The reasons, from the least to the most specific: Check reports the
// most specific one any of the pair's authorizations explains.
const (
	ReasonNone         Reason = "none"          // 未授权: the enterprise never authorized this institution
	ReasonNotYetValid  Reason = "not_yet_valid" // 授权尚未生效
	ReasonExpired      Reason = "expired"       // 授权已过期
	ReasonUsed         Reason = "used"          // 单次授权已使用
	ReasonRevoked      Reason = "revoked"       // 授权已撤销
	ReasonOutOfScope   Reason = "out_of_scope"  // 信息项不在授权范围内
	ReasonWrongPurpose Reason = "wrong_purpose" // 用途与授权不符
)

var reasonRank = map[Reason]int{ReasonNone: 0, ReasonNotYetValid: 1, ReasonExpired: 2, ReasonUsed: 3,
	ReasonRevoked: 4, ReasonOutOfScope: 5, ReasonWrongPurpose: 6}

// DeniedError is the cause inside the apperr.Forbidden that Check returns.
type DeniedError struct{ Reason Reason }

func (e *DeniedError) Error() string {
	return "consent: no authorization in force: " + string(e.Reason)
}

// DeniedReason returns the reason of a Check refusal, or "" if err is not one.
func DeniedReason(err error) Reason {
	var d *DeniedError
	if errors.As(err, &d) {
		return d.Reason
	}
	return ""
}

// Check answers the gate's one question: may institution read item about
// the enterprise uscc for purpose at time at? It returns the authorization
// in force, or apperr.Forbidden whose cause is a *DeniedError with the
// reason. An item not in the catalog in force is Invalid.
func (s *Service) Check(ctx context.Context, institutionOrgID, uscc, item string, purpose Purpose, at time.Time) (Authorization, error) {
	it, err := s.itemCategory(ctx, item)
	if err != nil {
		return Authorization{}, err
	}
	set, err := s.InForce(ctx, institutionOrgID, uscc, purpose, at)
	if err != nil {
		return Authorization{}, err
	}
	a, r := set.For(it.Code, it.Category)
	if r != "" {
		return Authorization{}, denied(r)
	}
	return a, nil
}

// Set is every authorization one institution holds from one enterprise,
// judged for one purpose at one time: the gate reads it once per request
// and asks it about each item.
type Set struct {
	purpose Purpose
	at      time.Time
	all     []Authorization
}

// InForce reads the authorizations institution holds from the enterprise
// uscc, to be judged for purpose at time at.
func (s *Service) InForce(ctx context.Context, institutionOrgID, uscc string, purpose Purpose, at time.Time) (Set, error) {
	as, err := s.store.FindAuthorizations(ctx, Filter{InstitutionOrgID: institutionOrgID,
		EnterpriseUSCC: strings.ToUpper(strings.TrimSpace(uscc)), Limit: 500})
	if err != nil {
		return Set{}, err
	}
	return Set{purpose: purpose, at: at, all: as}, nil
}

// For returns the authorization in force covering item (of category), or
// the most specific reason none does.
func (set Set) For(item, category string) (Authorization, Reason) {
	worst := ReasonNone
	for _, a := range set.all {
		r := a.reason(item, category, set.purpose, set.at)
		if r == "" {
			a.Status = StatusActive
			return a, ""
		}
		if reasonRank[r] > reasonRank[worst] {
			worst = r
		}
	}
	return Authorization{}, worst
}

// Text returns the reason in Chinese and English.
func (r Reason) Text() string {
	return fmt.Sprintf("%s / %s", reasonText[r], reasonEN[r])
}

// reason returns why a does not allow the access, or "" if it does.
func (a Authorization) reason(item, category string, purpose Purpose, at time.Time) Reason {
	switch a.StatusAt(at) {
	case StatusActive:
	case StatusExpired:
		return ReasonExpired
	case StatusRevoked:
		return ReasonRevoked
	case StatusUsed:
		return ReasonUsed
	default: // requested, declined: never in force
		return ReasonNone
	}
	switch {
	case at.Before(a.ValidFrom):
		return ReasonNotYetValid
	case a.Purpose != purpose:
		return ReasonWrongPurpose
	case !a.Covers(item, category):
		return ReasonOutOfScope
	}
	return ""
}

var reasonText = map[Reason]string{
	ReasonNone: "企业未向本机构授权", ReasonNotYetValid: "授权尚未生效", ReasonExpired: "授权已过期",
	ReasonUsed: "单次授权已使用", ReasonRevoked: "授权已被企业撤销", ReasonOutOfScope: "信息项不在授权范围内",
	ReasonWrongPurpose: "查询用途与授权用途不符",
}

var reasonEN = map[Reason]string{
	ReasonNone: "the enterprise has not authorized this institution", ReasonNotYetValid: "the authorization is not yet valid",
	ReasonExpired: "the authorization has expired", ReasonUsed: "the one-time authorization has been used",
	ReasonRevoked: "the enterprise revoked the authorization", ReasonOutOfScope: "the item is outside the authorization's scope",
	ReasonWrongPurpose: "the purpose differs from the authorized purpose",
}

func denied(r Reason) error {
	return apperr.E(apperr.Forbidden, fmt.Sprintf("%s / no authorization in force (%s)", reasonText[r], r), &DeniedError{Reason: r})
}

// Use records one use of the authorization id for item inside the
// gate's transaction tx. A one-time authorization becomes used, with an
// audit leaf in tx; a period one is unchanged. Returns Forbidden with a
// *DeniedError when it is no longer in force or item is out of scope.
func (s *Service) Use(ctx context.Context, tx Tx, id, item string) (Authorization, error) {
	it, err := s.itemCategory(ctx, item)
	if err != nil {
		return Authorization{}, err
	}
	a, err := tx.FindAuthorizationForUpdate(ctx, id)
	if err != nil {
		return Authorization{}, fmt.Errorf("consent: use %s: %w", id, err)
	}
	now := s.clock()
	if r := a.reason(it.Code, it.Category, a.Purpose, now); r != "" {
		return Authorization{}, denied(r)
	}
	if a.Mode != ModeOneTime {
		return a, nil
	}
	a.Status, a.UpdatedAt = StatusUsed, now
	if err := tx.UpdateAuthorization(ctx, a); err != nil {
		return Authorization{}, fmt.Errorf("consent: use %s: %w", id, err)
	}
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		p = access.SystemPrincipal()
	}
	if _, err := s.log.Append(ctx, tx, event("consent.used/v1", p, a, now)); err != nil {
		return Authorization{}, err
	}
	return a, nil
}

// Sweep marks authorizations whose period has ended as expired, each with
// its audit leaf, and returns how many it marked. Reads never depend on
// it (StatusAt already says expired); it keeps the stored status honest
// for lists and statistics. Safe to run in several processes at once.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	now := s.clock()
	as, err := s.store.FindLapsedAuthorizations(ctx, now, 500)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, lapsed := range as {
		err := s.store.ConsentTx(ctx, func(tx Tx) error {
			a, err := tx.FindAuthorizationForUpdate(ctx, lapsed.ID)
			if err != nil || a.Status.Final() || now.Before(a.ValidUntil) {
				return err // another process got there first
			}
			a.Status, a.UpdatedAt = StatusExpired, now
			if err := tx.UpdateAuthorization(ctx, a); err != nil {
				return err
			}
			if _, err := s.log.Append(ctx, tx, event("consent.expired/v1", access.SystemPrincipal(), a, now)); err != nil {
				return err
			}
			n++
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("consent: sweep %s: %w", lapsed.ID, err)
		}
	}
	return n, nil
}
