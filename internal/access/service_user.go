// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"fmt"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// CreateUser opens an account in an organization. The credit centre's
// administrators may do it for any organization, an organization's
// administrator for its own. Every role must be one the organization's
// kind may hold. The returned User has no PasswordHash.
// Returns Invalid (fields, password policy, roles), NotFound (org),
// Conflict (user name taken), Unauthenticated, Forbidden.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (User, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return User{}, err
	}
	org, err := s.store.FindOrganizationByID(ctx, in.OrgID)
	if err != nil {
		return User{}, err
	}
	if _, err := requireManager(ctx, org); err != nil {
		return User{}, err
	}
	if err := CheckRoles(org.Kind, in.Roles); err != nil {
		return User{}, err
	}
	hash, err := s.hash.Hash(ctx, in.Password)
	if err != nil {
		return User{}, err
	}
	u := User{ID: id.New(), OrgID: org.ID, Username: in.Username, DisplayName: in.DisplayName,
		Roles: append([]Role(nil), in.Roles...), Status: UserActive, PasswordHash: hash, CreatedAt: s.now()}
	if err := s.store.CreateUser(ctx, u); err != nil {
		if apperr.Is(err, apperr.Conflict) {
			return User{}, apperr.E(apperr.Conflict, fmt.Sprintf("用户名 %s 已被使用 / user name %s is taken", u.Username, u.Username), err)
		}
		return User{}, fmt.Errorf("access: create user: %w", err)
	}
	u.PasswordHash = ""
	return u, nil
}

// EnsureUser returns the account named in.Username, creating it if there
// is none, and reports whether it created it: the idempotent path for
// seeding. An existing account keeps its password and roles. If the name
// belongs to another organization the result is Conflict. Same rules and
// errors as CreateUser otherwise.
func (s *Service) EnsureUser(ctx context.Context, in NewUser) (User, bool, error) {
	in.Normalize()
	for attempt := 0; ; attempt++ {
		u, err := s.store.FindUserByUsername(ctx, in.Username)
		if err == nil {
			org, err := s.store.FindOrganizationByID(ctx, u.OrgID)
			if err != nil {
				return User{}, false, err
			}
			if _, err := requireManager(ctx, org); err != nil {
				return User{}, false, err
			}
			if u.OrgID != in.OrgID {
				return User{}, false, apperr.Conflictf("用户名 %s 属于其他机构 / user name %s belongs to another organization", in.Username, in.Username)
			}
			u.PasswordHash = ""
			return u, false, nil
		}
		if !apperr.Is(err, apperr.NotFound) {
			return User{}, false, err
		}
		u, err = s.CreateUser(ctx, in)
		if apperr.Is(err, apperr.Conflict) && attempt == 0 {
			continue // created by another process meanwhile
		}
		return u, err == nil, err
	}
}

// ListUsers lists accounts without password hashes, ordered by user name.
// Credit centre staff see every organization; an organization's
// administrator sees only its own (f.OrgID is forced to it).
func (s *Service) ListUsers(ctx context.Context, f UserFilter) ([]User, error) {
	p, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case p.HasAny(RoleOperatorAdmin, RoleOperator):
	case AdminRole(p.OrgKind) != "" && p.Has(AdminRole(p.OrgKind)):
		f.OrgID = p.OrgID
	default:
		return nil, apperr.Forbiddenf("无权查看账号列表 / you may not list accounts")
	}
	users, err := s.store.FindUsers(ctx, f)
	for i := range users {
		users[i].PasswordHash = ""
	}
	return users, err
}

// SetPassword sets another account's password (an administrator's reset)
// and ends all of that account's sessions. Returns Invalid (policy),
// NotFound, Unauthenticated, Forbidden.
func (s *Service) SetPassword(ctx context.Context, userID, password string) error {
	u, err := s.store.FindUserByID(ctx, userID)
	if err != nil {
		return err
	}
	org, err := s.store.FindOrganizationByID(ctx, u.OrgID)
	if err != nil {
		return err
	}
	if _, err := requireManager(ctx, org); err != nil {
		return err
	}
	return s.replacePassword(ctx, u, password)
}

// ChangePassword changes the signed-in user's own password after checking
// the current one, and ends all of the user's sessions (the caller signs in
// again). Returns ErrInvalidCredentials for a wrong current password.
func (s *Service) ChangePassword(ctx context.Context, current, password string) error {
	p, err := actor(ctx)
	if err != nil {
		return err
	}
	if p.Kind != PrincipalUser {
		return apperr.Forbiddenf("只有用户可以修改密码 / only a signed-in user has a password")
	}
	u, err := s.store.FindUserByID(ctx, p.UserID)
	if err != nil {
		return err
	}
	ok, err := s.hash.Verify(ctx, current, u.PasswordHash)
	if err != nil || !ok {
		return ErrInvalidCredentials
	}
	return s.replacePassword(ctx, u, password)
}

// SetUserStatus suspends (UserSuspended) or reinstates (UserActive) an
// account. Suspending ends its sessions at once. Who may: as for
// SetPassword, and nobody may suspend their own account.
func (s *Service) SetUserStatus(ctx context.Context, userID string, st UserStatus) error {
	if st != UserActive && st != UserSuspended {
		return apperr.Invalidf("status: 账号状态 %q 无效 / %q is not active or suspended", st, st)
	}
	u, err := s.store.FindUserByID(ctx, userID)
	if err != nil {
		return err
	}
	org, err := s.store.FindOrganizationByID(ctx, u.OrgID)
	if err != nil {
		return err
	}
	p, err := requireManager(ctx, org)
	if err != nil {
		return err
	}
	if p.UserID == userID {
		return apperr.Forbiddenf("不能变更自己的账号状态 / you may not change your own account's status")
	}
	if err := s.store.UpdateUserStatus(ctx, userID, st, s.now()); err != nil {
		return err
	}
	if st == UserSuspended {
		return s.store.DeleteUserSessions(ctx, userID)
	}
	return nil
}

func (s *Service) replacePassword(ctx context.Context, u User, password string) error {
	if err := CheckPassword(password, u.Username); err != nil {
		return err
	}
	hash, err := s.hash.Hash(ctx, password)
	if err != nil {
		return err
	}
	if err := s.store.UpdateUserPassword(ctx, u.ID, hash, s.now()); err != nil {
		return fmt.Errorf("access: set password: %w", err)
	}
	// A new password must shut out whoever knew the old one.
	return s.store.DeleteUserSessions(ctx, u.ID)
}
