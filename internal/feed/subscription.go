// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/id"
)

// Status is a subscription's state.
type Status string

// The statuses.
const (
	StatusActive   Status = "active"
	StatusDisabled Status = "disabled" // switched off after repeated failures
	StatusDeleted  Status = "deleted"  // removed by the institution; its log is kept
)

// Subscription is an institution's webhook endpoint and what it follows.
type Subscription struct {
	ID      string
	OrgID   string
	URL     string
	Filter  Filter
	Purpose string
	Status  Status
	// Cursor is the position after the last change handed to a delivery.
	Cursor        int64
	Failures      int       // failed attempts in a row
	NextAttemptAt time.Time // when the next delivery is due
	LastError     string
	CreatedBy     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// SealedSecret is the signing secret encrypted with the node secret;
	// the secret itself is shown once, when the subscription is created.
	SealedSecret string
}

// NewSubscription is what an institution's administrator registers.
type NewSubscription struct {
	URL     string
	Filter  Filter
	Purpose string
	// Cursor starts the subscription after a feed cursor; empty starts
	// with the changes received from now on.
	Cursor string
}

// Subscribe registers a webhook endpoint for the signed-in institution
// administrator's institution. It returns the subscription and its signing
// secret ("whsec_…"), which is shown only this once. The agreement must
// allow pushes of the items for the purpose (Forbidden otherwise, logged
// by the gate).
func (s *Service) Subscribe(ctx context.Context, in NewSubscription) (Subscription, string, error) {
	p, err := institution(ctx, true)
	if err != nil {
		return Subscription{}, "", err
	}
	if err := s.opt.checkURL(in.URL); err != nil {
		return Subscription{}, "", err
	}
	f, err := in.Filter.Normalize()
	if err != nil {
		return Subscription{}, "", err
	}
	if !consent.Purpose(in.Purpose).Valid() {
		return Subscription{}, "", apperr.Invalidf("purpose: 请声明用途 / declare the purpose (post_loan…)")
	}
	after, err := DecodeCursor(in.Cursor)
	if err != nil {
		return Subscription{}, "", err
	}
	if in.Cursor == "" {
		if after, err = s.Horizon(ctx); err != nil {
			return Subscription{}, "", err
		}
	}
	now := s.opt.Now().UTC()
	sub := Subscription{ID: id.New(), OrgID: p.OrgID, URL: in.URL, Filter: f, Purpose: in.Purpose, Status: StatusActive,
		Cursor: after, NextAttemptAt: now, CreatedBy: p.ID(), CreatedAt: now, UpdatedAt: now}
	// An empty page through the gate checks role, agreement, purpose and
	// items now rather than at the first delivery; it writes no leaf
	// unless it refuses.
	if _, err := s.gate.ReleaseChanges(s.as(ctx, sub), gate.BatchRequest{Purpose: sub.Purpose, Channel: gate.ChannelWebhook,
		Cursor: EncodeCursor(after), Items: f.Items, At: now}, nil); err != nil {
		return Subscription{}, "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return Subscription{}, "", err
	}
	secret := "whsec_" + base64.StdEncoding.EncodeToString(raw)
	if sub.SealedSecret, err = s.seal(secret); err != nil {
		return Subscription{}, "", err
	}
	if err := s.store.CreateSubscription(ctx, sub); err != nil {
		return Subscription{}, "", err
	}
	return sub, secret, nil
}

// Subscriptions lists the caller's institution's subscriptions, newest first.
func (s *Service) Subscriptions(ctx context.Context) ([]Subscription, error) {
	p, err := institution(ctx, false)
	if err != nil {
		return nil, err
	}
	return s.store.ListSubscriptions(ctx, p.OrgID)
}

// Subscription returns one of the caller's institution's subscriptions,
// or NotFound.
func (s *Service) Subscription(ctx context.Context, id string) (Subscription, error) {
	p, err := institution(ctx, false)
	if err != nil {
		return Subscription{}, err
	}
	sub, err := s.store.FindSubscription(ctx, id)
	if err != nil || sub.OrgID != p.OrgID || sub.Status == StatusDeleted {
		return Subscription{}, apperr.NotFoundf("没有此订阅 / no such subscription")
	}
	return sub, nil
}

// Unsubscribe deletes a subscription of the administrator's institution;
// nothing more is delivered. Its delivery log stays readable to operators
// in the database.
func (s *Service) Unsubscribe(ctx context.Context, id string) error {
	if _, err := institution(ctx, true); err != nil {
		return err
	}
	sub, err := s.Subscription(ctx, id)
	if err != nil {
		return err
	}
	sub.Status, sub.UpdatedAt = StatusDeleted, s.opt.Now().UTC()
	return s.store.UpdateSubscription(ctx, sub)
}

// Resume switches a subscription that was disabled after repeated failures
// back on. The message that failed last (it holds the changes the cursor
// had already moved past) is put back in the queue with its webhook-id, so
// the first delivery carries on where the endpoint stopped answering and
// nothing is lost. The URL and the agreement are checked again, as on
// Subscribe, since either may have changed while it was off.
func (s *Service) Resume(ctx context.Context, id string) (Subscription, error) {
	if _, err := institution(ctx, true); err != nil {
		return Subscription{}, err
	}
	sub, err := s.Subscription(ctx, id)
	if err != nil {
		return Subscription{}, err
	}
	if sub.Status == StatusActive {
		return sub, nil
	}
	if err := s.opt.checkURL(sub.URL); err != nil {
		return Subscription{}, err
	}
	now := s.opt.Now().UTC()
	if err := s.stillAllowed(ctx, sub); err != nil {
		return Subscription{}, err
	}
	last, err := s.store.ListDeliveries(ctx, sub.ID, 1)
	if err != nil {
		return Subscription{}, err
	}
	if len(last) == 1 && last[0].Status == DeliveryFailed {
		last[0].Status = DeliveryPending
		if err := s.store.UpdateDelivery(ctx, last[0]); err != nil {
			return Subscription{}, err
		}
	}
	sub.Status, sub.Failures, sub.NextAttemptAt, sub.LastError, sub.UpdatedAt = StatusActive, 0, now, "", now
	if err := s.store.UpdateSubscription(ctx, sub); err != nil {
		return Subscription{}, err
	}
	return sub, nil
}

// Deliveries returns the delivery log of one subscription, newest first.
func (s *Service) Deliveries(ctx context.Context, id string, limit int) ([]Delivery, error) {
	if _, err := s.Subscription(ctx, id); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return s.store.ListDeliveries(ctx, id, limit)
}

// institution returns the caller if it acts for an institution, as its
// administrator when admin is set.
func institution(ctx context.Context, admin bool) (access.Principal, error) {
	p, ok := access.PrincipalFrom(ctx)
	switch {
	case !ok:
		return p, apperr.Unauthenticatedf("请先登录 / please sign in")
	case !p.IsOrgKind(access.OrgInstitution) || p.OrgID == "":
		return p, apperr.Forbiddenf("仅接入机构可订阅推送 / only access institutions subscribe to pushes")
	case admin && !p.Has(access.RoleInstitutionAdmin):
		return p, apperr.Forbiddenf("仅机构管理员可管理订阅 / only the institution's administrator manages subscriptions")
	case !admin && !p.HasAny(access.RoleInstitutionAdmin, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover):
		return p, apperr.Forbiddenf("当前角色无权查看订阅 / your role may not read subscriptions")
	}
	return p, nil
}

// as returns ctx acting as the subscription: a machine principal of the
// institution that receives pushes as its query channel. The gate still
// checks the institution's agreement on every page.
func (s *Service) as(ctx context.Context, sub Subscription) context.Context {
	return access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalClient, ClientID: "webhook:" + sub.ID,
		Username: "webhook", OrgID: sub.OrgID, OrgKind: access.OrgInstitution,
		Roles: []access.Role{access.RoleInstitutionQueryOfficer}})
}

// checkURL accepts https:// endpoints whose host is a name or an address
// the node may post to (see ssrf.go); plain http:// only on this host and
// only with AllowLoopback (tests and demos).
func (o Options) checkURL(raw string) error {
	bad := apperr.Invalidf("url: 须为 https:// 地址 / an https:// URL is required")
	u, err := url.Parse(raw)
	if err != nil || len(raw) > 2000 || u.User != nil || u.Fragment != "" || u.Hostname() == "" || u.Opaque != "" {
		return bad
	}
	host := u.Hostname()
	local := strings.EqualFold(host, "localhost")
	if ip, err := netip.ParseAddr(host); err == nil {
		if err := o.allowedAddr(ip); err != nil {
			return apperr.Invalidf("url: %v", err)
		}
		local = ip.Unmap().IsLoopback()
	}
	if local && !o.AllowLoopback {
		return apperr.Invalidf("url: 不能推送到节点本机 / the node does not post to its own host")
	}
	switch {
	case u.Scheme == "https", u.Scheme == "http" && local:
		return nil
	}
	return bad
}

// seal encrypts a webhook secret with AES-GCM under a key derived from
// the node secret, so that a copy of the database alone cannot forge
// messages to the banks.
func (s *Service) seal(secret string) (string, error) {
	aead, err := s.aead()
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return "v1:" + base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(secret), nil)), nil
}

func (s *Service) unseal(sealed string) (string, error) {
	aead, err := s.aead()
	if err != nil {
		return "", err
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, "v1:"))
	if err != nil || len(b) < aead.NonceSize() {
		return "", fmt.Errorf("feed: sealed secret is damaged")
	}
	out, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], nil)
	if err != nil {
		return "", fmt.Errorf("feed: the webhook secret does not open with this node secret: %w", err)
	}
	return string(out), nil
}

func (s *Service) aead() (cipher.AEAD, error) {
	blk, err := aes.NewCipher(s.key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(blk)
}
