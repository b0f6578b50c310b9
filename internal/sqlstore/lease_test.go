// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

func TestLease(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	take := func(holder string) bool {
		ok, err := s.TryLease(ctx, "pull:x", holder, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !take("a") {
		t.Fatal("a cannot take a free lease")
	}
	if !take("a") {
		t.Fatal("a cannot renew its lease")
	}
	if take("b") {
		t.Fatal("b took a's lease before it expired")
	}
	now = now.Add(2 * time.Minute)
	if !take("b") {
		t.Fatal("b cannot take an expired lease")
	}
	if err := s.ReleaseLease(ctx, "pull:x", "b"); err != nil {
		t.Fatal(err)
	}
	if !take("a") {
		t.Fatal("a cannot take a released lease")
	}
}
