// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"

	"github.com/xinrong/xinrong/internal/access"
)

// Escalate marks every open objection and repair application whose step
// passed its time limit as escalated (超期督办), tells the operators and
// the handling organization, and writes an audit leaf for each. It is the
// "rights.escalate" job: idempotent, and safe in several processes at
// once because each case is re-read under its row lock.
func (s *Service) Escalate(ctx context.Context) (int, error) {
	p := access.SystemPrincipal()
	n := 0
	for {
		now := s.clock()
		os, rs, err := s.store.FindOverdue(ctx, now, 100)
		if err != nil {
			return n, fmt.Errorf("rights: overdue: %w", err)
		}
		if len(os) == 0 && len(rs) == 0 {
			return n, nil
		}
		for _, o := range os {
			done, err := s.escalateObjection(ctx, p, o.ID)
			if err != nil {
				return n, err
			}
			if done {
				n++
			}
		}
		for _, r := range rs {
			done, err := s.escalateRepair(ctx, p, r.ID)
			if err != nil {
				return n, err
			}
			if done {
				n++
			}
		}
	}
}

func (s *Service) escalateObjection(ctx context.Context, p access.Principal, id string) (bool, error) {
	done := false
	err := s.inTx(ctx, func(tx Tx) error {
		o, err := tx.FindObjectionForUpdate(ctx, id)
		if err != nil {
			return fmt.Errorf("rights: escalate %s: %w", id, err)
		}
		now := s.clock()
		if o.Escalated || !o.Status.Open() || now.Before(o.DueAt) {
			return nil // another process did it, or the step was taken meanwhile
		}
		o.Escalated, done = true, true
		if err := tx.UpdateObjection(ctx, o); err != nil {
			return err
		}
		text := fmt.Sprintf("异议处理超期（%s，时限 %s），已提交督办 / objection overdue (%s, due %s): escalated to operators",
			o.Status.Label("zh"), o.DueAt.In(Shanghai).Format("2006-01-02 15:04"), o.Status, o.DueAt.Format("2006-01-02T15:04Z"))
		if err := tx.AddNotifications(ctx, notices("objection.escalated/v1", o.USCC, o.ID, text, now, OperatorsInbox, handler(o.Status, o.ProviderOrg))...); err != nil {
			return err
		}
		_, err = s.log.Append(ctx, tx, event("objection.escalated/v1", p, o.USCC, o.Item, o.ID, now,
			map[string]string{"record": o.RecordID, "status": string(o.Status), "due": o.DueAt.Format("2006-01-02T15:04:05Z")}))
		return err
	})
	return done, err
}

func (s *Service) escalateRepair(ctx context.Context, p access.Principal, id string) (bool, error) {
	done := false
	err := s.inTx(ctx, func(tx Tx) error {
		r, err := tx.FindRepairForUpdate(ctx, id)
		if err != nil {
			return fmt.Errorf("rights: escalate %s: %w", id, err)
		}
		now := s.clock()
		if r.Escalated || r.Status != StatusPending || now.Before(r.DueAt) {
			return nil
		}
		r.Escalated, done = true, true
		if err := tx.UpdateRepair(ctx, r); err != nil {
			return err
		}
		text := "信用修复申请超期未决定，已提交督办 / repair application overdue: escalated to operators"
		if err := tx.AddNotifications(ctx, notices("repair.escalated/v1", r.USCC, r.ID, text, now, OperatorsInbox, r.ProviderOrg)...); err != nil {
			return err
		}
		_, err = s.log.Append(ctx, tx, event("repair.escalated/v1", p, r.USCC, r.Item, r.ID, now,
			map[string]string{"record": r.RecordID, "status": string(r.Status), "due": r.DueAt.Format("2006-01-02T15:04:05Z")}))
		return err
	})
	return done, err
}

// handler is who must act on an objection in status st besides the
// operators: the provider during its check.
func handler(st Status, providerOrg string) string {
	if st == StatusProviderCheck {
		return providerOrg
	}
	return ""
}
