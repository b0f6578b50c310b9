// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// transition is one allowed change of status by the enterprise.
type transition struct {
	from, to Status
	kind     string // audit event kind
	verb     [2]string
}

var (
	approve = transition{StatusRequested, StatusActive, "consent.approved/v1", [2]string{"同意", "approve"}}
	decline = transition{StatusRequested, StatusDeclined, "consent.declined/v1", [2]string{"拒绝", "decline"}}
	revoke  = transition{StatusActive, StatusRevoked, "consent.revoked/v1", [2]string{"撤销", "revoke"}}
)

// Approve makes a requested authorization active, with its receipt.
// Returns Forbidden (not the enterprise's administrator), NotFound, or
// Conflict when the request is no longer open (decided or expired).
func (s *Service) Approve(ctx context.Context, id string) (Authorization, error) {
	return s.decide(ctx, id, approve)
}

// Decline refuses a requested authorization. Errors as Approve.
func (s *Service) Decline(ctx context.Context, id string) (Authorization, error) {
	return s.decide(ctx, id, decline)
}

// Revoke ends an active authorization at once and signs a receipt saying
// so. The enterprise may revoke at any time; an expired, used or declined
// one has nothing left to revoke (Conflict).
func (s *Service) Revoke(ctx context.Context, id string) (Authorization, error) {
	return s.decide(ctx, id, revoke)
}

// decide applies tr to the authorization, under a row lock, with its
// audit leaf in the same transaction.
func (s *Service) decide(ctx context.Context, id string, tr transition) (Authorization, error) {
	p, err := principal(ctx)
	if err != nil {
		return Authorization{}, err
	}
	if _, err := s.enterpriseSigner(ctx, p); err != nil {
		return Authorization{}, err
	}
	var out Authorization
	err = s.store.ConsentTx(ctx, func(tx Tx) error {
		a, err := tx.FindAuthorizationForUpdate(ctx, id)
		if err != nil {
			return fmt.Errorf("consent: %s %s: %w", tr.verb[1], id, err)
		}
		if a.EnterpriseOrgID != p.OrgID {
			// Another enterprise's authorization does not exist for the caller.
			return apperr.NotFoundf("consent: 没有授权 %s / no authorization %s", id, id)
		}
		now := s.clock()
		if st := a.StatusAt(now); st != tr.from {
			return apperr.E(apperr.Conflict, fmt.Sprintf("consent: 授权状态为“%s”，不能%s / authorization is %s and cannot be %sd",
				st.Label("zh"), tr.verb[0], st, tr.verb[1]), nil)
		}
		a.Status, a.DecidedBy, a.DecidedAt, a.UpdatedAt = tr.to, p.ID(), now, now
		if tr.to == StatusActive {
			a.GrantedBy = p.ID()
		}
		if tr.to == StatusActive || tr.to == StatusRevoked {
			if a.ReceiptNote, err = signReceipt(receiptOf(a, now), s.signer); err != nil {
				return err
			}
		}
		if err := tx.UpdateAuthorization(ctx, a); err != nil {
			return fmt.Errorf("consent: %s %s: %w", tr.verb[1], id, err)
		}
		if _, err := s.log.Append(ctx, tx, event(tr.kind, p, a, now)); err != nil {
			return err
		}
		out = a
		return nil
	})
	return out, err
}

// event is the audit record of a change to a.
func event(kind string, p access.Principal, a Authorization, at time.Time) audit.Event {
	actor := audit.ActorOf(p)
	return audit.Event{Kind: kind, Time: at, Actor: actor, Subject: a.EnterpriseUSCC, Items: a.Scope,
		Purpose: string(a.Purpose), Authorization: a.ID, Outcome: audit.OutcomeOK,
		Details: map[string]string{"institution": a.InstitutionOrgID, "mode": string(a.Mode), "status": string(a.Status),
			"valid_from": a.ValidFrom.Format(receiptTime), "valid_until": a.ValidUntil.Format(receiptTime)}}
}
