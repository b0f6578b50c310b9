// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/feed"
)

// received is one request the bank's endpoint got.
type received struct {
	id, ts, sig string
	body        []byte
	ctype       string
}

// endpoint is a bank's webhook receiver; status decides each answer.
type endpoint struct {
	srv    *httptest.Server
	mu     sync.Mutex
	got    []received
	status func(n int) int // n counts requests from 0
}

func newEndpoint(t testing.TB, status func(n int) int) *endpoint {
	ep := &endpoint{status: status}
	ep.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ep.mu.Lock()
		n := len(ep.got)
		ep.got = append(ep.got, received{id: r.Header.Get("webhook-id"), ts: r.Header.Get("webhook-timestamp"),
			sig: r.Header.Get("webhook-signature"), body: b, ctype: r.Header.Get("Content-Type")})
		ep.mu.Unlock()
		w.WriteHeader(ep.status(n))
	}))
	t.Cleanup(ep.srv.Close)
	return ep
}

func (ep *endpoint) requests() []received {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	return append([]received(nil), ep.got...)
}

func always(code int) func(int) int { return func(int) int { return code } }

// verify checks a Standard Webhooks v1 signature the way a bank would,
// written from the specification and independent of feed.Sign: the
// signed content is id.timestamp.body, the key is the base64 part of
// the whsec_ secret, the header may list several space-separated
// signatures, and the timestamp must be within five minutes.
func verify(t testing.TB, secret string, r received, now time.Time) {
	t.Helper()
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil || !strings.HasPrefix(secret, "whsec_") || len(key) < 24 {
		t.Fatalf("secret %q is not whsec_ + base64 of at least 24 bytes", secret)
	}
	sec, err := strconv.ParseInt(r.ts, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		t.Fatalf("webhook-timestamp %q is not within 5 minutes of %s", r.ts, now)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(r.id))
	mac.Write([]byte{'.'})
	mac.Write([]byte(r.ts))
	mac.Write([]byte{'.'})
	mac.Write(r.body)
	want := mac.Sum(nil)
	for _, s := range strings.Fields(r.sig) {
		v, b64, ok := strings.Cut(s, ",")
		if !ok || v != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(b64)
		if err == nil && hmac.Equal(got, want) {
			return
		}
	}
	t.Fatalf("webhook-signature %q does not verify", r.sig)
}

// cloudEvent is the envelope as a bank decodes it, from the CloudEvents
// 1.0 JSON format.
type cloudEvent struct {
	SpecVersion     string          `json:"specversion"`
	ID              string          `json:"id"`
	Source          string          `json:"source"`
	Type            string          `json:"type"`
	Time            string          `json:"time"`
	DataContentType string          `json:"datacontenttype"`
	Data            json.RawMessage `json:"data"`
}

type eventData struct {
	Subscription string        `json:"subscription"`
	Cursor       string        `json:"cursor"`
	NextCursor   string        `json:"next_cursor"`
	Changes      []feed.Change `json:"changes"`
}

func decodeEvent(t testing.TB, r received) (cloudEvent, eventData) {
	t.Helper()
	var ev cloudEvent
	var d eventData
	if err := json.Unmarshal(r.body, &ev); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		t.Fatalf("data: %v", err)
	}
	if _, err := time.Parse(time.RFC3339, ev.Time); err != nil {
		t.Fatalf("time %q is not RFC 3339", ev.Time)
	}
	if ev.SpecVersion != "1.0" || ev.ID != r.id || ev.Source != "https://credit.test/feed" ||
		ev.Type != "cn.xinrong.credit.change.v1" || ev.DataContentType != "application/json" {
		t.Fatalf("envelope %+v (webhook-id %s)", ev, r.id)
	}
	if !strings.HasPrefix(r.ctype, "application/cloudevents+json") {
		t.Fatalf("Content-Type %q", r.ctype)
	}
	return ev, d
}

func (e *env) subscribe(t testing.TB, url string, f feed.Filter) (feed.Subscription, string) {
	t.Helper()
	sub, secret, err := e.feed.Subscribe(e.instAdmin, feed.NewSubscription{URL: url, Filter: f, Purpose: "post_loan"})
	must(t, err)
	return sub, secret
}
