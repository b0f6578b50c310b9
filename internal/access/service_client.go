// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"fmt"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// CreateClient registers an API client for an organization and returns it
// with its secret. The secret is shown this once: only its argon2id hash is
// stored. Roles follow the organization's kind and may not include an
// administrator role. Who may: as for CreateUser.
// Returns Invalid, NotFound (org), Unauthenticated, Forbidden.
func (s *Service) CreateClient(ctx context.Context, orgID, name string, roles []Role) (Client, string, error) {
	name, err := checkClientName(name)
	if err != nil {
		return Client{}, "", err
	}
	org, err := s.store.FindOrganizationByID(ctx, orgID)
	if err != nil {
		return Client{}, "", err
	}
	if _, err := requireManager(ctx, org); err != nil {
		return Client{}, "", err
	}
	if err := checkClientRoles(org.Kind, roles); err != nil {
		return Client{}, "", err
	}
	secret, err := newSecret()
	if err != nil {
		return Client{}, "", err
	}
	hash, err := s.hash.Hash(ctx, secret)
	if err != nil {
		return Client{}, "", err
	}
	c := Client{ID: id.New(), OrgID: org.ID, Name: name, Roles: append([]Role(nil), roles...),
		Status: ClientActive, SecretHash: hash, CreatedAt: s.now()}
	if err := s.store.CreateClient(ctx, c); err != nil {
		return Client{}, "", fmt.Errorf("access: create client: %w", err)
	}
	c.SecretHash = ""
	return c, secret, nil
}

// ListClients lists an organization's clients (without secret hashes).
// Who may: as for CreateClient.
func (s *Service) ListClients(ctx context.Context, orgID string) ([]Client, error) {
	org, err := s.store.FindOrganizationByID(ctx, orgID)
	if err != nil {
		return nil, err
	}
	if _, err := requireManager(ctx, org); err != nil {
		return nil, err
	}
	cs, err := s.store.FindClients(ctx, orgID)
	for i := range cs {
		cs[i].SecretHash = ""
	}
	return cs, err
}

// RevokeClient revokes a client for good and ends its tokens at once.
// Who may: as for CreateClient. Returns NotFound, Unauthenticated, Forbidden.
func (s *Service) RevokeClient(ctx context.Context, clientID string) error {
	c, org, err := s.store.FindClient(ctx, clientID)
	if err != nil {
		return err
	}
	if _, err := requireManager(ctx, org); err != nil {
		return err
	}
	if c.Status != ClientRevoked {
		if err := s.store.UpdateClientStatus(ctx, clientID, ClientRevoked, s.now()); err != nil {
			return err
		}
	}
	return s.store.DeleteClientTokens(ctx, clientID)
}

// IssueToken is the OAuth 2.0 client credentials grant (RFC 6749 §4.4):
// it authenticates the client by its secret and issues an opaque bearer
// token valid for TokenTTL, carrying the requested scope (space-separated
// roles; empty means all the client's roles). Unknown client, wrong secret
// and revoked client all give ErrInvalidClient after the same work; a
// scope beyond the client's roles gives ErrInvalidScope; a client whose
// organization is not active gives ErrUnauthorizedClient.
func (s *Service) IssueToken(ctx context.Context, clientID, clientSecret, scope string) (AccessToken, error) {
	if len(clientSecret) > 256 {
		clientSecret = clientSecret[:256] // cannot match; bounds hashing work
	}
	c, org, err := s.store.FindClient(ctx, clientID)
	if apperr.Is(err, apperr.NotFound) {
		_, _ = s.hash.Verify(ctx, clientSecret, s.dummyHash(ctx))
		return AccessToken{}, ErrInvalidClient
	} else if err != nil {
		return AccessToken{}, err
	}
	ok, err := s.hash.Verify(ctx, clientSecret, c.SecretHash)
	if err != nil && apperr.Is(err, apperr.Unavailable) {
		return AccessToken{}, err
	}
	if err != nil || !ok || c.Status != ClientActive {
		return AccessToken{}, ErrInvalidClient
	}
	if org.Status != OrgActive {
		return AccessToken{}, ErrUnauthorizedClient
	}
	roles, err := grantScope(c, scope)
	if err != nil {
		return AccessToken{}, err
	}
	token, err := newSecret()
	if err != nil {
		return AccessToken{}, err
	}
	now := s.now()
	st := StoredToken{TokenHash: tokenHash(token), ClientID: c.ID, Roles: roles, CreatedAt: now, ExpiresAt: now.Add(s.opts.TokenTTL)}
	if err := s.store.CreateAccessToken(ctx, st); err != nil {
		return AccessToken{}, fmt.Errorf("access: issue token: %w", err)
	}
	return AccessToken{Token: token, TokenType: "Bearer", ExpiresIn: s.opts.TokenTTL, Scope: FormatRoles(roles)}, nil
}

// TokenPrincipal returns the principal for a bearer token. Like
// SessionPrincipal it checks expiry, the client's status and the
// organization's status on every call. The roles are those granted with
// the token that the client still holds. Returns ErrSessionExpired
// (Unauthenticated) for unknown, expired or revoked tokens, and
// ErrUnauthorizedClient (Forbidden) for a suspended organization.
func (s *Service) TokenPrincipal(ctx context.Context, bearer string) (Principal, error) {
	if bearer == "" || len(bearer) > 128 {
		return Principal{}, ErrSessionExpired
	}
	t, c, org, err := s.store.FindAccessToken(ctx, tokenHash(bearer))
	if apperr.Is(err, apperr.NotFound) {
		return Principal{}, ErrSessionExpired
	} else if err != nil {
		return Principal{}, err
	}
	if !s.now().Before(t.ExpiresAt) || c.Status != ClientActive {
		return Principal{}, ErrSessionExpired
	}
	if org.Status != OrgActive {
		return Principal{}, ErrUnauthorizedClient
	}
	var roles []Role
	for _, r := range t.Roles {
		if c.Has(r) {
			roles = append(roles, r)
		}
	}
	return Principal{Kind: PrincipalClient, ClientID: c.ID, Username: c.Name, DisplayName: c.Name,
		OrgID: org.ID, OrgKind: org.Kind, OrgName: org.Name, Roles: roles}, nil
}
