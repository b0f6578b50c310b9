// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/httpx"
)

// buckets are token buckets, one per institution. They live in memory:
// a per-second rate needs no agreement between processes, since a load
// balancer spreads an institution's requests and each process allowing
// the rate errs on the generous side by at most the number of processes.
type buckets struct {
	mu sync.Mutex
	m  map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newBuckets() *buckets { return &buckets{m: map[string]*bucket{}} }

// take removes one token from org's bucket, refilled at l.RatePerSecond up
// to l.Burst, and returns zero, or how long until a token is there.
func (b *buckets) take(org string, l Limits, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	k := b.m[org]
	if k == nil {
		k = &bucket{tokens: float64(l.Burst), last: now}
		b.m[org] = k
	}
	if el := now.Sub(k.last).Seconds(); el > 0 {
		k.tokens = math.Min(float64(l.Burst), k.tokens+el*float64(l.RatePerSecond))
		k.last = now
	}
	if k.tokens >= 1 {
		k.tokens--
		return 0
	}
	need := (1 - k.tokens) / float64(l.RatePerSecond)
	return time.Duration(math.Ceil(need * float64(time.Second)))
}

// RateLimit returns middleware that applies each institution's
// per-second rate to the requests of its signed-in users and API clients
// (after httpx.Authenticate). A request over the rate gets 429 with
// Retry-After in whole seconds, written by ew. Other principals pass.
func RateLimit(q *Quota, ew httpx.ErrorWriter) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := access.PrincipalFrom(r.Context())
			if !ok || !p.IsOrgKind(access.OrgInstitution) {
				next.ServeHTTP(w, r)
				return
			}
			err := q.Wait(r.Context(), p.OrgID)
			if err == nil {
				next.ServeHTTP(w, r)
				return
			}
			if d, ok := RetryAfter(err, q.now()); ok {
				w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(d.Seconds())))))
			}
			ew(w, r, httpx.Status(err), err)
		})
	}
}
