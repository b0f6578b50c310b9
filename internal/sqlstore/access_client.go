// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
)

const clientCols = "c.client_id, c.org_id, c.name, c.roles, c.status, c.secret_hash, c.created_at"

// clientRow holds what scanning clientCols needs beyond the Client.
type clientRow struct {
	c     access.Client
	roles string
}

func (x *clientRow) dest() []any {
	return []any{&x.c.ID, &x.c.OrgID, &x.c.Name, &x.roles, &x.c.Status, &x.c.SecretHash, scanTime{&x.c.CreatedAt}}
}

func (x *clientRow) get() access.Client { x.c.Roles = access.ParseRoles(x.roles); return x.c }

// CreateClient inserts an API client.
func (s *Store) CreateClient(ctx context.Context, c access.Client) error {
	_, err := s.exec(ctx, `INSERT INTO api_clients (client_id, org_id, name, secret_hash, roles, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.OrgID, c.Name, c.SecretHash, access.FormatRoles(c.Roles), c.Status,
		ts(c.CreatedAt), ts(c.CreatedAt))
	return s.wrap("create client", err)
}

// FindClient returns a client with its organization, or NotFound.
func (s *Store) FindClient(ctx context.Context, clientID string) (access.Client, access.Organization, error) {
	var (
		c clientRow
		o orgRow
	)
	err := s.queryRow(ctx, "SELECT "+clientCols+", "+orgCols+
		" FROM api_clients c JOIN organizations o ON o.id = c.org_id WHERE c.client_id = ?", clientID).
		Scan(append(c.dest(), o.dest()...)...)
	return c.get(), o.get(), s.wrap("find client "+clientID, err)
}

// FindClients lists an organization's clients, newest first.
func (s *Store) FindClients(ctx context.Context, orgID string) ([]access.Client, error) {
	rows, err := s.query(ctx, "SELECT "+clientCols+" FROM api_clients c WHERE c.org_id = ? ORDER BY c.created_at DESC, c.client_id", orgID)
	if err != nil {
		return nil, s.wrap("find clients", err)
	}
	defer rows.Close()
	var out []access.Client
	for rows.Next() {
		var c clientRow
		if err := rows.Scan(c.dest()...); err != nil {
			return nil, s.wrap("find clients: scan", err)
		}
		out = append(out, c.get())
	}
	return out, s.wrap("find clients", rows.Err())
}

// UpdateClientStatus sets a client's status; NotFound if absent.
func (s *Store) UpdateClientStatus(ctx context.Context, clientID string, st access.ClientStatus, at time.Time) error {
	res, err := s.exec(ctx, "UPDATE api_clients SET status = ?, updated_at = ? WHERE client_id = ?", st, ts(at), clientID)
	return s.accessAffected("update client status "+clientID, res, err)
}

// CreateAccessToken inserts an access token row.
func (s *Store) CreateAccessToken(ctx context.Context, t access.StoredToken) error {
	_, err := s.exec(ctx, `INSERT INTO access_tokens (token_hash, client_id, roles, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, t.TokenHash, t.ClientID, access.FormatRoles(t.Roles), ts(t.CreatedAt), ts(t.ExpiresAt))
	return s.wrap("create access token", err)
}

// FindAccessToken reads a token with its client and organization in one
// query: it runs on every request of a machine client.
func (s *Store) FindAccessToken(ctx context.Context, tokenHash string) (access.StoredToken, access.Client, access.Organization, error) {
	var (
		t     access.StoredToken
		roles string
		c     clientRow
		o     orgRow
	)
	dest := append(c.dest(), o.dest()...)
	dest = append(dest, &t.TokenHash, &t.ClientID, &roles, scanTime{&t.CreatedAt}, scanTime{&t.ExpiresAt})
	err := s.queryRow(ctx, "SELECT "+clientCols+", "+orgCols+`, t.token_hash, t.client_id, t.roles, t.created_at, t.expires_at
		FROM access_tokens t JOIN api_clients c ON c.client_id = t.client_id JOIN organizations o ON o.id = c.org_id
		WHERE t.token_hash = ?`, tokenHash).Scan(dest...)
	t.Roles = access.ParseRoles(roles)
	return t, c.get(), o.get(), s.wrap("find access token", err)
}

// DeleteClientTokens deletes every token of a client.
func (s *Store) DeleteClientTokens(ctx context.Context, clientID string) error {
	_, err := s.exec(ctx, "DELETE FROM access_tokens WHERE client_id = ?", clientID)
	return s.wrap("delete tokens of client "+clientID, err)
}
