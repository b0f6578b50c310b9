// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

func newID() string { return id.New() }

// NewObjection is what an enterprise files.
type NewObjection struct {
	RecordID string
	// EvaluationID, instead of RecordID, objects to the enterprise's
	// latest credit evaluation.
	EvaluationID string
	Reasons      string
	Evidence     string
}

// textField checks a required free text of at most max characters.
func textField(name, v string, max int) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return apperr.Invalidf("%s: 必填 / required", name)
	}
	if utf8.RuneCountInString(v) > max {
		return apperr.Invalidf("%s: 不超过 %d 字 / at most %d characters", name, max, max)
	}
	return nil
}

// File records an enterprise's objection to one record about it and marks
// the record 异议中 at once. Returns Forbidden (not the enterprise),
// NotFound (no such record about it), Invalid, or Conflict (an objection
// to the record is already open).
func (s *Service) File(ctx context.Context, in NewObjection) (Objection, error) {
	p, err := principal(ctx)
	if err != nil {
		return Objection{}, err
	}
	if err := textField("reasons", in.Reasons, 2000); err != nil {
		return Objection{}, err
	}
	if utf8.RuneCountInString(in.Evidence) > 4000 {
		return Objection{}, apperr.Invalidf("evidence: 不超过 4000 字 / at most 4000 characters")
	}
	if in.EvaluationID != "" {
		if !p.IsOrgKind(access.OrgEnterprise) || !p.HasAny(enterpriseRoles...) {
			return Objection{}, apperr.Forbiddenf("rights: 只有被评价的企业本身可以提出 / only the enterprise evaluated may file")
		}
		return s.fileOnEvaluation(ctx, p, in)
	}
	uscc, rec, err := s.ownRecord(ctx, p, in.RecordID)
	if err != nil {
		return Objection{}, err
	}
	provOrg, err := s.providerOrg(ctx, rec)
	if err != nil {
		return Objection{}, err
	}
	now := s.clock()
	o := Objection{ID: newID(), USCC: uscc, EnterpriseOrg: p.OrgID, RecordID: rec.ID, Item: rec.Item,
		ProviderCode: rec.Provider, ProviderOrg: provOrg, Reasons: strings.TrimSpace(in.Reasons),
		Evidence: strings.TrimSpace(in.Evidence), Status: StatusFiled, DueAt: s.cal.AddWorkdays(now, s.opt.AcceptDays),
		FiledBy: p.ID(), CreatedAt: now, UpdatedAt: now}
	err = s.inTx(ctx, func(tx Tx) error {
		if open, err := tx.OpenObjection(ctx, rec.ID); err != nil {
			return err
		} else if open != "" {
			return apperr.Conflictf("rights: 该记录已有处理中的异议 %s / an objection to this record is already open: %s", open, open)
		}
		if err := tx.CreateObjection(ctx, o); err != nil {
			return fmt.Errorf("rights: file objection: %w", err)
		}
		return s.applyObjection(ctx, tx, p, o, "objection.filed/v1",
			"企业提出异议，记录标注“异议中” / objection filed; the record is marked disputed", OperatorsInbox, o.EnterpriseOrg, o.ProviderOrg)
	})
	return o, err
}

// applyObjection writes the mark the objection's state calls for, the
// notifications and the audit leaf.
func (s *Service) applyObjection(ctx context.Context, tx Tx, p access.Principal, o Objection, kind, text string, to ...string) error {
	// Open: 异议中. Undeterminable: the note stays beside the record.
	// Rejected, corrected, deleted, confirmed: the mark is removed.
	note := ""
	if o.Status == StatusDecided && o.Outcome == OutcomeUndeterminable {
		note = "异议未决：" + o.OutcomeNote + " / objection undeterminable"
	}
	if err := tx.SetDisputed(ctx, o.USCC, o.RecordID, o.Status.Open(), note, o.UpdatedAt); err != nil {
		return err
	}
	if err := tx.AddNotifications(ctx, notices(kind, o.USCC, o.ID, text, o.UpdatedAt, to...)...); err != nil {
		return err
	}
	_, err := s.log.Append(ctx, tx, event(kind, p, o.USCC, o.Item, o.ID, o.UpdatedAt, map[string]string{
		"record": o.RecordID, "status": string(o.Status), "outcome": string(o.Outcome), "provider": o.ProviderCode}))
	return err
}

// Accept is the platform's acceptance. With selfCheck empty the objection
// is accepted and the platform's self-check of its own processing starts;
// with the self-check's finding (from filed or accepted) the case goes to
// the provider. Operators only. Returns Forbidden, NotFound or Conflict.
func (s *Service) Accept(ctx context.Context, id, selfCheck string) (Objection, error) {
	return s.operatorStep(ctx, id, func(o *Objection) (string, string, error) {
		now := o.UpdatedAt
		switch {
		case o.Status == StatusFiled && strings.TrimSpace(selfCheck) == "":
			o.Status, o.DueAt = StatusAccepted, s.cal.AddWorkdays(now, s.opt.SelfCheckDays)
			return "objection.accepted/v1", "异议已受理，平台自查中 / objection accepted; the platform checks its processing", nil
		case o.Status == StatusFiled || o.Status == StatusAccepted:
			// From filed, acceptance and the self-check are one step: the
			// leaf's details (status provider_check) say both were done.
			o.Status, o.DueAt, o.Note = StatusProviderCheck, s.cal.AddWorkdays(now, s.opt.ProviderDays), strings.TrimSpace(selfCheck)
			return "objection.forwarded/v1", "平台自查完毕，异议已转报送单位核查 / platform self-check done; objection sent to the provider to check", nil
		}
		return "", "", conflict(o.Status, "受理", "accepted")
	})
}

// Reject refuses to accept a filed objection, with the reason (e.g. it is
// not about information the platform holds). Operators only.
func (s *Service) Reject(ctx context.Context, id, reason string) (Objection, error) {
	if err := textField("reason", reason, 2000); err != nil {
		return Objection{}, err
	}
	return s.operatorStep(ctx, id, func(o *Objection) (string, string, error) {
		if o.Status != StatusFiled {
			return "", "", conflict(o.Status, "不予受理", "rejected")
		}
		o.Status, o.Note, o.DueAt = StatusRejected, strings.TrimSpace(reason), o.UpdatedAt
		return "objection.rejected/v1", "异议不予受理：" + o.Note + " / objection rejected", nil
	})
}

func conflict(st Status, zh, en string) error {
	return apperr.Conflictf("rights: 当前状态为“%s”，不能%s / the case is %s and cannot be %s", st.Label("zh"), zh, st, en)
}

// operatorStep changes an objection as an operator, under a row lock.
func (s *Service) operatorStep(ctx context.Context, id string, step func(o *Objection) (kind, text string, err error)) (Objection, error) {
	p, err := principal(ctx)
	if err != nil {
		return Objection{}, err
	}
	if !isOperator(p) {
		return Objection{}, apperr.Forbiddenf("rights: 只有信用中心业务人员可以受理异议 / only operators accept or reject objections")
	}
	return s.change(ctx, p, id, step)
}

// change applies step to the locked objection and writes its effects.
func (s *Service) change(ctx context.Context, p access.Principal, id string, step func(o *Objection) (string, string, error)) (Objection, error) {
	var out Objection
	err := s.inTx(ctx, func(tx Tx) error {
		o, err := tx.FindObjectionForUpdate(ctx, id)
		if err != nil {
			return fmt.Errorf("rights: objection %s: %w", id, err)
		}
		if !mayReadObjection(p, o) {
			return apperr.NotFoundf("rights: 没有异议 %s / no objection %s", id, id)
		}
		o.UpdatedAt, o.Escalated = s.clock(), false
		kind, text, err := step(&o)
		if err != nil {
			return err
		}
		if !o.Status.Open() {
			o.DecidedBy, o.DecidedAt = p.ID(), o.UpdatedAt
		}
		if err := tx.UpdateObjection(ctx, o); err != nil {
			return fmt.Errorf("rights: objection %s: %w", id, err)
		}
		out = o
		if err := s.applyObjection(ctx, tx, p, o, kind, text, OperatorsInbox, o.EnterpriseOrg, o.ProviderOrg); err != nil {
			return err
		}
		if o.Status != StatusDecided {
			return nil
		}
		return s.propagate(ctx, tx, Change{Kind: ChangeRecord, USCC: o.USCC, RecordID: o.RecordID, Item: o.Item,
			Provider: o.ProviderCode, CaseID: o.ID, Outcome: string(o.Outcome), CreatedAt: o.UpdatedAt},
			fmt.Sprintf("贵机构近90天内获取过的企业 %s 的一条信用记录经异议核查%s，请同步更新 / a record about %s your institution received in the last 90 days was %s after an objection; please update",
				o.USCC, o.Outcome.Label("zh"), o.USCC, o.Outcome.Label("en")))
	})
	return out, err
}

// mayReadObjection: the enterprise that filed it, the provider whose
// record it is about, and the operators.
func mayReadObjection(p access.Principal, o Objection) bool {
	switch p.OrgKind {
	case access.OrgOperator:
		return p.HasAny(operatorRoles...)
	case access.OrgEnterprise:
		return p.OrgID == o.EnterpriseOrg
	case access.OrgProvider:
		return o.ProviderOrg != "" && p.OrgID == o.ProviderOrg
	}
	return false
}
