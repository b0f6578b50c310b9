// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// Decide ends an objection with its outcome. The provider that delivered
// the record decides in its check; operators may decide in the provider's
// place or, during the platform's self-check, when the platform's own
// processing was wrong. An undeterminable outcome needs a note: it is
// shown beside the record from then on. Returns Forbidden, NotFound,
// Invalid or Conflict.
func (s *Service) Decide(ctx context.Context, id string, out Outcome, note string) (Objection, error) {
	p, err := principal(ctx)
	if err != nil {
		return Objection{}, err
	}
	if !out.Valid() {
		return Objection{}, apperr.Invalidf("outcome: 应为 corrected、deleted、confirmed 或 undeterminable / must be corrected, deleted, confirmed or undeterminable")
	}
	note = strings.TrimSpace(note)
	if out == OutcomeUndeterminable {
		if err := textField("note", note, 500); err != nil {
			return Objection{}, err
		}
	}
	provider := p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...)
	if !provider && !isOperator(p) {
		return Objection{}, apperr.Forbiddenf("rights: 只有报送单位或信用中心可以作出核查结论 / only the provider or operators decide objections")
	}
	return s.change(ctx, p, id, func(o *Objection) (string, string, error) {
		switch {
		case o.Status == StatusProviderCheck:
		case o.Status == StatusAccepted && !provider:
		default:
			return "", "", conflict(o.Status, "作出结论", "decided")
		}
		o.Status, o.Outcome, o.OutcomeNote, o.DueAt = StatusDecided, out, note, o.UpdatedAt
		return "objection.decided/v1", fmt.Sprintf("异议已办结：%s / objection decided: %s", out.Label("zh"), out.Label("en")), nil
	})
}

// GetObjection returns one objection the caller may see, or NotFound.
func (s *Service) GetObjection(ctx context.Context, id string) (Objection, error) {
	p, err := principal(ctx)
	if err != nil {
		return Objection{}, err
	}
	o, err := s.store.FindObjection(ctx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return o, fmt.Errorf("rights: objection %s: %w", id, err)
	}
	if err != nil || !mayReadObjection(p, o) {
		return Objection{}, apperr.NotFoundf("rights: 没有异议 %s / no objection %s", id, id)
	}
	return o, nil
}

// ListObjections returns the caller's objections, newest first: an
// enterprise's own, a provider's inbox, every one for operators.
func (s *Service) ListObjections(ctx context.Context, f Filter) ([]Objection, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if f, err = s.scope(ctx, p, f); err != nil {
		return nil, err
	}
	os, err := s.store.FindObjections(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("rights: objections: %w", err)
	}
	return os, nil
}

// scope narrows f to what the caller may list.
func (s *Service) scope(ctx context.Context, p access.Principal, f Filter) (Filter, error) {
	if f.Status != "" && statusLabels[f.Status][0] == "" {
		return f, apperr.Invalidf("status: 未知状态 %q / unknown status %q", f.Status, f.Status)
	}
	switch {
	case isOperator(p):
		return f, nil
	case p.IsOrgKind(access.OrgEnterprise) && p.HasAny(enterpriseRoles...):
		org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
		if err != nil {
			return f, fmt.Errorf("rights: caller organization: %w", err)
		}
		f.USCC, f.ProviderOrg = org.Code, ""
		return f, nil
	case p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...):
		f.ProviderOrg = p.OrgID
		return f, nil
	}
	return f, apperr.Forbiddenf("rights: 无权查看异议和信用修复 / you may not see objections or repairs")
}

// Notifications returns the newest in-app notifications to the caller's
// organization (and, for operators, to every operator).
func (s *Service) Notifications(ctx context.Context, limit int) ([]Notification, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if p.OrgID == "" {
		return nil, apperr.Forbiddenf("rights: 没有所属单位 / no organization")
	}
	orgs := []string{p.OrgID}
	if isOperator(p) {
		orgs = append(orgs, OperatorsInbox)
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	ns, err := s.store.FindNotifications(ctx, orgs, limit)
	if err != nil {
		return nil, fmt.Errorf("rights: notifications: %w", err)
	}
	return ns, nil
}
