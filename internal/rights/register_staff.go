// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// NewStaff is an account the enterprise's administrator opens for staff.
type NewStaff struct {
	Username    string
	DisplayName string
	Password    string
}

// enterpriseAdmin returns the caller if it is an enterprise's administrator.
func enterpriseAdmin(ctx context.Context) (access.Principal, error) {
	p, err := principal(ctx)
	if err != nil {
		return p, err
	}
	if !p.IsOrgKind(access.OrgEnterprise) || !p.Has(access.RoleEnterpriseAdmin) {
		return p, apperr.Forbiddenf("rights: 只有企业管理员（法定代表人）可以管理经办人账号 / only the enterprise's administrator manages staff")
	}
	return p, nil
}

// Staff lists the accounts of the caller's enterprise.
func (s *Registrations) Staff(ctx context.Context) ([]access.User, error) {
	p, err := enterpriseAdmin(ctx)
	if err != nil {
		return nil, err
	}
	return s.accounts.ListUsers(ctx, access.UserFilter{OrgID: p.OrgID})
}

// AddStaff opens a staff account (企业经办人) in the caller's enterprise.
// Returns Forbidden, Invalid, Conflict (user name taken).
func (s *Registrations) AddStaff(ctx context.Context, in NewStaff) (access.User, error) {
	p, err := enterpriseAdmin(ctx)
	if err != nil {
		return access.User{}, err
	}
	u, err := s.accounts.CreateUser(ctx, access.NewUser{OrgID: p.OrgID, Username: in.Username, DisplayName: in.DisplayName,
		Roles: []access.Role{access.RoleEnterpriseStaff}, Password: in.Password})
	if err != nil {
		return access.User{}, err
	}
	return u, s.staffEvent(ctx, p, "register.staff_added/v1", u, "已添加经办人账号 "+u.Username+" / staff account added")
}

// RemoveStaff suspends a staff account of the caller's enterprise and ends
// its sessions; the account stays for the audit trail. An administrator
// cannot be removed this way. Returns Forbidden, NotFound.
func (s *Registrations) RemoveStaff(ctx context.Context, userID string) error {
	p, err := enterpriseAdmin(ctx)
	if err != nil {
		return err
	}
	users, err := s.accounts.ListUsers(ctx, access.UserFilter{OrgID: p.OrgID})
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.ID != userID {
			continue
		}
		if u.Has(access.RoleEnterpriseAdmin) {
			return apperr.Forbiddenf("rights: 不能移除管理员账号 / an administrator cannot be removed here")
		}
		if err := s.accounts.SetUserStatus(ctx, u.ID, access.UserSuspended); err != nil {
			return err
		}
		return s.staffEvent(ctx, p, "register.staff_removed/v1", u, "已移除经办人账号 "+u.Username+" / staff account removed")
	}
	return apperr.NotFoundf("rights: 本企业没有该账号 / no such account in your enterprise")
}

func (s *Registrations) staffEvent(ctx context.Context, p access.Principal, kind string, u access.User, text string) error {
	now := s.clock()
	return s.store.RegisterTx(ctx, func(tx RegisterTx) error {
		if err := tx.AddNotifications(ctx, notices(kind, "", u.ID, text, now, p.OrgID)...); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, kind, "", u.ID, now, audit.OutcomeOK, map[string]string{"user": u.ID})
	})
}
