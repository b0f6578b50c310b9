// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
)

// accessScanner is what *sql.Row and *sql.Rows have in common.
type accessScanner interface{ Scan(dest ...any) error }

// accessNull writes "" as NULL, so that optional unique columns (an
// organization's code) may be empty for many rows.
func accessNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const orgCols = "o.id, o.kind, o.name, o.code, o.status, o.created_at"

// orgRow holds what scanning orgCols needs beyond the Organization.
type orgRow struct {
	o    access.Organization
	code sql.NullString
}

func (x *orgRow) dest() []any {
	return []any{&x.o.ID, &x.o.Kind, &x.o.Name, &x.code, &x.o.Status, scanTime{&x.o.CreatedAt}}
}

func (x *orgRow) get() access.Organization { x.o.Code = x.code.String; return x.o }

func scanOrg(r accessScanner) (access.Organization, error) {
	var x orgRow
	err := r.Scan(x.dest()...)
	return x.get(), err
}

// CreateOrganization inserts an organization; Conflict if the code exists.
func (s *Store) CreateOrganization(ctx context.Context, o access.Organization) error {
	_, err := s.exec(ctx, `INSERT INTO organizations (id, kind, name, code, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, o.ID, o.Kind, o.Name, accessNull(o.Code), o.Status, ts(o.CreatedAt), ts(o.CreatedAt))
	return s.wrap("create organization", err)
}

// FindOrganizationByID returns an organization or NotFound.
func (s *Store) FindOrganizationByID(ctx context.Context, id string) (access.Organization, error) {
	o, err := scanOrg(s.queryRow(ctx, "SELECT "+orgCols+" FROM organizations o WHERE o.id = ?", id))
	return o, s.wrap("find organization "+id, err)
}

// FindOrganizationByCode returns the organization with a code or NotFound.
func (s *Store) FindOrganizationByCode(ctx context.Context, code string) (access.Organization, error) {
	o, err := scanOrg(s.queryRow(ctx, "SELECT "+orgCols+" FROM organizations o WHERE o.code = ?", code))
	return o, s.wrap("find organization by code "+code, err)
}

// FindOrganizations lists organizations by kind and name.
func (s *Store) FindOrganizations(ctx context.Context, f access.OrganizationFilter) ([]access.Organization, error) {
	q := "SELECT " + orgCols + " FROM organizations o WHERE 1 = 1"
	var args []any
	if f.Kind != "" {
		q += " AND o.kind = ?"
		args = append(args, f.Kind)
	}
	if f.Status != "" {
		q += " AND o.status = ?"
		args = append(args, f.Status)
	}
	q += " ORDER BY o.kind, o.name, o.id" + accessLimit(f.Limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("find organizations", err)
	}
	defer rows.Close()
	var out []access.Organization
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, s.wrap("find organizations: scan", err)
		}
		out = append(out, o)
	}
	return out, s.wrap("find organizations", rows.Err())
}

// UpdateOrganizationStatus sets an organization's status; NotFound if absent.
func (s *Store) UpdateOrganizationStatus(ctx context.Context, id string, st access.OrgStatus, at time.Time) error {
	res, err := s.exec(ctx, "UPDATE organizations SET status = ?, updated_at = ? WHERE id = ?", st, ts(at), id)
	return s.accessAffected("update organization status "+id, res, err)
}

// DeleteOrganizationCredentials deletes the sessions of an organization's
// users and the tokens of its clients, in one transaction.
func (s *Store) DeleteOrganizationCredentials(ctx context.Context, orgID string) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE org_id = ?)", orgID); err != nil {
			return s.wrap("delete sessions of organization "+orgID, err)
		}
		_, err := tx.Exec(ctx, "DELETE FROM access_tokens WHERE client_id IN (SELECT client_id FROM api_clients WHERE org_id = ?)", orgID)
		return s.wrap("delete tokens of organization "+orgID, err)
	})
}

const userCols = "u.id, u.org_id, u.username, u.display_name, u.roles, u.status, u.password_hash, u.created_at, u.last_login_at"

// userRow holds what scanning userCols needs beyond the User.
type userRow struct {
	u     access.User
	roles string
}

func (x *userRow) dest() []any {
	return []any{&x.u.ID, &x.u.OrgID, &x.u.Username, &x.u.DisplayName, &x.roles, &x.u.Status,
		&x.u.PasswordHash, scanTime{&x.u.CreatedAt}, scanTime{&x.u.LastLoginAt}}
}

func (x *userRow) get() access.User { x.u.Roles = access.ParseRoles(x.roles); return x.u }

func scanUser(r accessScanner) (access.User, error) {
	var x userRow
	err := r.Scan(x.dest()...)
	return x.get(), err
}

// CreateUser inserts an account; Conflict if the user name exists.
func (s *Store) CreateUser(ctx context.Context, u access.User) error {
	_, err := s.exec(ctx, `INSERT INTO users (id, org_id, username, display_name, roles, status, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.ID, u.OrgID, u.Username, u.DisplayName, access.FormatRoles(u.Roles),
		u.Status, u.PasswordHash, ts(u.CreatedAt), ts(u.CreatedAt))
	return s.wrap("create user", err)
}

// FindUserByID returns an account or NotFound.
func (s *Store) FindUserByID(ctx context.Context, id string) (access.User, error) {
	u, err := scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users u WHERE u.id = ?", id))
	return u, s.wrap("find user "+id, err)
}

// FindUserByUsername returns the account with a (lower-case) name or NotFound.
func (s *Store) FindUserByUsername(ctx context.Context, username string) (access.User, error) {
	u, err := scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users u WHERE u.username = ?", username))
	return u, s.wrap("find user by name", err)
}

// FindUsers lists accounts by user name.
func (s *Store) FindUsers(ctx context.Context, f access.UserFilter) ([]access.User, error) {
	q := "SELECT " + userCols + " FROM users u"
	var args []any
	if f.OrgID != "" {
		q += " WHERE u.org_id = ?"
		args = append(args, f.OrgID)
	}
	rows, err := s.query(ctx, q+" ORDER BY u.username"+accessLimit(f.Limit), args...)
	if err != nil {
		return nil, s.wrap("find users", err)
	}
	defer rows.Close()
	var out []access.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.wrap("find users: scan", err)
		}
		out = append(out, u)
	}
	return out, s.wrap("find users", rows.Err())
}

// UpdateUserPassword replaces an account's password hash.
func (s *Store) UpdateUserPassword(ctx context.Context, id, hash string, at time.Time) error {
	res, err := s.exec(ctx, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, ts(at), id)
	return s.accessAffected("update password of user "+id, res, err)
}

// UpdateUserLastLogin records a successful sign-in.
func (s *Store) UpdateUserLastLogin(ctx context.Context, id string, at time.Time) error {
	_, err := s.exec(ctx, "UPDATE users SET last_login_at = ? WHERE id = ?", ts(at), id)
	return s.wrap("update last login of user "+id, err)
}

// UpdateUserStatus sets an account's status; NotFound if absent.
func (s *Store) UpdateUserStatus(ctx context.Context, id string, st access.UserStatus, at time.Time) error {
	res, err := s.exec(ctx, "UPDATE users SET status = ?, updated_at = ? WHERE id = ?", st, ts(at), id)
	return s.accessAffected("update status of user "+id, res, err)
}

// accessAffected wraps err, and turns an update that touched no row into
// NotFound.
func (s *Store) accessAffected(op string, res sql.Result, err error) error {
	if err != nil {
		return s.wrap(op, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return s.wrap(op, err)
	} else if n == 0 {
		return s.wrap(op, sql.ErrNoRows)
	}
	return nil
}

// accessLimit returns a LIMIT clause for n > 0 (an int, so safe to format
// into the statement).
func accessLimit(n int) string {
	if n <= 0 {
		return ""
	}
	return " LIMIT " + strconv.Itoa(n)
}
