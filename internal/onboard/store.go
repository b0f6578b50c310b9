// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"context"

	"github.com/xinrong/xinrong/internal/audit"
)

// Store persists applications and quota counters. It only reads and
// writes; every decision is the Service's. Reads return apperr.NotFound
// for a missing row.
type Store interface {
	FindApplication(ctx context.Context, id string) (Application, error)
	FindApplicationByOrg(ctx context.Context, orgID string) (Application, error)
	FindApplications(ctx context.Context, f Filter) ([]Application, error)
	// OnboardTx runs fn in one write transaction; the business write and
	// its audit leaf commit together or not at all.
	OnboardTx(ctx context.Context, fn func(Tx) error) error
	// TakeQuota adds n to the institution's counter for day if the result
	// stays at most quota, atomically across processes, and reports
	// whether it did.
	TakeQuota(ctx context.Context, orgID, day string, n, quota int) (bool, error)
}

// Tx is the write side of a Store transaction. It is also where the audit
// log appends its leaf. CreateApplication returns Conflict when the
// organization already has one; UpdateApplication returns Conflict when
// the stored status is no longer from.
type Tx interface {
	audit.Appender
	CreateApplication(ctx context.Context, a Application) error
	UpdateApplication(ctx context.Context, a Application, from Status) error
}

// Filter selects applications; empty fields match all.
type Filter struct {
	Status Status
	Limit  int // 0 = no limit
}
