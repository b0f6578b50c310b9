// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// EventType is the CloudEvents type of a webhook message.
const EventType = "cn.xinrong.credit.change.v1"

// Event is a webhook message: a CloudEvents 1.0 envelope in structured
// JSON mode around one page of changes.
type Event struct {
	SpecVersion     string    `json:"specversion"`
	ID              string    `json:"id"` // also the webhook-id header
	Source          string    `json:"source"`
	Type            string    `json:"type"`
	Subject         string    `json:"subject"` // the subscription
	Time            time.Time `json:"time"`
	DataContentType string    `json:"datacontenttype"`
	Data            EventData `json:"data"`
}

// EventData is the page a message carries.
type EventData struct {
	Subscription string   `json:"subscription"`
	Cursor       string   `json:"cursor"`      // the page starts after this
	NextCursor   string   `json:"next_cursor"` // and ends here
	Changes      []Change `json:"changes"`
}

// Delivery is one message to a subscription's endpoint and how its
// attempts went.
type Delivery struct {
	ID             string // the webhook-id and CloudEvents id, kept on retries
	SubscriptionID string
	From, To       int64 // the page: seq in (From, To]
	Changes        int
	Body           []byte // exactly what is posted, every attempt
	Status         DeliveryStatus
	Attempts       int
	LastStatus     int // HTTP status of the last attempt; 0 when no answer
	LastError      string
	CreatedAt      time.Time
	LastAttemptAt  time.Time
	DeliveredAt    time.Time
}

// DeliveryStatus is where a delivery stands.
type DeliveryStatus string

// The delivery statuses.
const (
	DeliveryPending   DeliveryStatus = "pending"   // not yet acknowledged; retried
	DeliveryDelivered DeliveryStatus = "delivered" // the endpoint answered 2xx
	DeliveryFailed    DeliveryStatus = "failed"    // given up: the subscription was switched off
)

// Sign returns the Standard Webhooks v1 signature of a message:
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
// where key is the secret after its "whsec_" prefix, base64-decoded.
func Sign(secret, id string, ts time.Time, body []byte) (string, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return "", fmt.Errorf("feed: webhook secret is not base64: %w", err)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// post sends a delivery once, signed now, and returns the HTTP status.
func (s *Service) post(ctx context.Context, sub Subscription, d Delivery) (int, error) {
	secret, err := s.unseal(sub.SealedSecret)
	if err != nil {
		return 0, err
	}
	now := s.opt.Now()
	sig, err := Sign(secret, d.ID, now, d.Body)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.URL, bytes.NewReader(d.Body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/cloudevents+json; charset=utf-8")
	req.Header.Set("User-Agent", "xinrong-webhook/1")
	req.Header.Set("webhook-id", d.ID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := s.opt.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("endpoint answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// encodeEvent builds the message body of a page.
func (s *Service) encodeEvent(d Delivery, changes []Change, at time.Time) ([]byte, error) {
	ev := Event{SpecVersion: "1.0", ID: d.ID, Source: s.opt.Source, Type: EventType, Subject: d.SubscriptionID,
		Time: at.UTC(), DataContentType: "application/json",
		Data: EventData{Subscription: d.SubscriptionID, Cursor: EncodeCursor(d.From), NextCursor: EncodeCursor(d.To), Changes: changes}}
	return json.Marshal(ev)
}
