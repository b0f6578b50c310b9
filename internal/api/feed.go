// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/httpx"
)

// Feed is what the API needs from the change feed and its webhooks
// (批量推送). *feed.Service implements it; it asks the gate and decides
// which institution may see which subscription.
type Feed interface {
	// Page returns the next page of public-information changes. Returns
	// Invalid (filter, cursor, purpose) or Forbidden (logged by the gate).
	Page(ctx context.Context, req feed.Request) (feed.Page, error)
	// Subscribe registers a webhook endpoint and returns its secret, once.
	Subscribe(ctx context.Context, in feed.NewSubscription) (feed.Subscription, string, error)
	Subscriptions(ctx context.Context) ([]feed.Subscription, error)
	// Subscription returns NotFound for another institution's subscription.
	Subscription(ctx context.Context, id string) (feed.Subscription, error)
	Unsubscribe(ctx context.Context, id string) error
	// Resume switches a subscription disabled after failures back on.
	Resume(ctx context.Context, id string) (feed.Subscription, error)
	Deliveries(ctx context.Context, id string, limit int) ([]feed.Delivery, error)
}

var _ Feed = (*feed.Service)(nil)

var (
	// feedReaders receive pushes: institutions' query officers and
	// approvers under their agreement, and the credit centre's operators.
	feedReaders = []access.Role{access.RoleOperator, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}
	// subscriptionReaders are the institution's staff; its administrator
	// (institutionAdmin) manages the subscriptions.
	subscriptionReaders = []access.Role{access.RoleInstitutionAdmin, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}
)

type changeResponse struct {
	Kind       string            `json:"kind"`
	USCC       string            `json:"uscc"`
	Item       string            `json:"item"`
	RecordID   string            `json:"record_id"`
	Version    int               `json:"version"`
	Provider   string            `json:"provider"`
	SourceTime string            `json:"source_time,omitempty"`
	ReceivedAt time.Time         `json:"received_at"`
	Data       map[string]string `json:"data,omitempty"`
}

type feedPageResponse struct {
	Changes    []changeResponse `json:"changes"`
	NextCursor string           `json:"next_cursor"`
	HasMore    bool             `json:"has_more"`
}

func (h *Handler) feedService() (Feed, error) {
	if h.feed == nil {
		return nil, apperr.E(apperr.Unavailable, "推送服务未启用 / the change feed is not enabled on this node", nil)
	}
	return h.feed, nil
}

// getFeed answers GET /api/v1/feed.
func (h *Handler) getFeed(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	req := feed.Request{Filter: feed.Filter{Region: q.Get("region"), Industry: q.Get("industry"), Items: splitList(q.Get("items"))},
		Purpose: q.Get("purpose"), Cursor: q.Get("cursor")}
	if s := q.Get("limit"); s != "" {
		if req.Limit, err = strconv.Atoi(s); err != nil || req.Limit < 1 {
			return apperr.Invalidf("limit: 每页 1–%d 条 / 1–%d changes a page", feed.MaxLimit, feed.MaxLimit)
		}
	}
	p, err := f.Page(r.Context(), req)
	if err != nil {
		return err
	}
	out := feedPageResponse{Changes: make([]changeResponse, len(p.Changes)), NextCursor: p.Next, HasMore: p.More}
	for i, c := range p.Changes {
		out.Changes[i] = changeResponse{Kind: string(c.Kind), USCC: c.USCC, Item: c.Item, RecordID: c.RecordID, Version: c.Version,
			Provider: c.Provider, SourceTime: c.Source, ReceivedAt: c.Received, Data: c.Data}
	}
	return httpx.JSON(w, http.StatusOK, out)
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

type subscriptionRequest struct {
	URL      string   `json:"url"`
	Region   string   `json:"region"`
	Industry string   `json:"industry"`
	Items    []string `json:"items"`
	Purpose  string   `json:"purpose"`
	Cursor   string   `json:"cursor"`
}

type subscriptionResponse struct {
	ID            string    `json:"id"`
	URL           string    `json:"url"`
	Region        string    `json:"region"`
	Industry      string    `json:"industry"`
	Items         []string  `json:"items"`
	Purpose       string    `json:"purpose"`
	Status        string    `json:"status"`
	Cursor        string    `json:"cursor"`
	Failures      int       `json:"failures"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
	LastError     string    `json:"last_error,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	// Secret is present only in the answer to its creation.
	Secret string `json:"secret,omitempty"`
}

func toSubscriptionResponse(s feed.Subscription) subscriptionResponse {
	items := s.Filter.Items
	if items == nil {
		items = []string{}
	}
	return subscriptionResponse{ID: s.ID, URL: s.URL, Region: s.Filter.Region, Industry: s.Filter.Industry, Items: items,
		Purpose: s.Purpose, Status: string(s.Status), Cursor: feed.EncodeCursor(s.Cursor), Failures: s.Failures,
		NextAttemptAt: s.NextAttemptAt, LastError: s.LastError, CreatedAt: s.CreatedAt}
}

// createSubscription answers POST /api/v1/subscriptions.
func (h *Handler) createSubscription(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	var in subscriptionRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	sub, secret, err := f.Subscribe(r.Context(), feed.NewSubscription{URL: in.URL, Purpose: in.Purpose, Cursor: in.Cursor,
		Filter: feed.Filter{Region: in.Region, Industry: in.Industry, Items: in.Items}})
	if err != nil {
		return err
	}
	out := toSubscriptionResponse(sub)
	out.Secret = secret
	w.Header().Set("Location", "/api/v1/subscriptions/"+sub.ID)
	return httpx.JSON(w, http.StatusCreated, out)
}

// listSubscriptions answers GET /api/v1/subscriptions.
func (h *Handler) listSubscriptions(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	subs, err := f.Subscriptions(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Items []subscriptionResponse `json:"items"`
	}{Items: make([]subscriptionResponse, len(subs))}
	for i, s := range subs {
		out.Items[i] = toSubscriptionResponse(s)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// getSubscription answers GET /api/v1/subscriptions/{id}.
func (h *Handler) getSubscription(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	s, err := f.Subscription(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toSubscriptionResponse(s))
}

// deleteSubscription answers DELETE /api/v1/subscriptions/{id}.
func (h *Handler) deleteSubscription(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	s, err := f.Subscription(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := f.Unsubscribe(r.Context(), s.ID); err != nil {
		return err
	}
	s.Status = feed.StatusDeleted
	return httpx.JSON(w, http.StatusOK, toSubscriptionResponse(s))
}

// resumeSubscription answers POST /api/v1/subscriptions/{id}/resume.
func (h *Handler) resumeSubscription(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	s, err := f.Resume(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toSubscriptionResponse(s))
}

type deliveryResponse struct {
	ID            string     `json:"id"`
	Status        string     `json:"status"`
	Changes       int        `json:"changes"`
	Cursor        string     `json:"cursor"`
	NextCursor    string     `json:"next_cursor"`
	Attempts      int        `json:"attempts"`
	LastStatus    int        `json:"last_status"`
	LastError     string     `json:"last_error,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	LastAttemptAt *time.Time `json:"last_attempt_at,omitempty"`
	DeliveredAt   *time.Time `json:"delivered_at,omitempty"`
}

// listDeliveries answers GET /api/v1/subscriptions/{id}/deliveries.
func (h *Handler) listDeliveries(w http.ResponseWriter, r *http.Request) error {
	f, err := h.feedService()
	if err != nil {
		return err
	}
	limit := 100
	if s := r.URL.Query().Get("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > 500 {
			return apperr.Invalidf("limit: 1–500")
		}
	}
	ds, err := f.Deliveries(r.Context(), r.PathValue("id"), limit)
	if err != nil {
		return err
	}
	out := struct {
		Items []deliveryResponse `json:"items"`
	}{Items: make([]deliveryResponse, len(ds))}
	for i, d := range ds {
		out.Items[i] = deliveryResponse{ID: d.ID, Status: string(d.Status), Changes: d.Changes, Cursor: feed.EncodeCursor(d.From),
			NextCursor: feed.EncodeCursor(d.To), Attempts: d.Attempts, LastStatus: d.LastStatus, LastError: d.LastError,
			CreatedAt: d.CreatedAt, LastAttemptAt: timePtr(d.LastAttemptAt), DeliveredAt: timePtr(d.DeliveredAt)}
	}
	return httpx.JSON(w, http.StatusOK, out)
}
