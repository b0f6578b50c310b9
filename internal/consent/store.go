// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
)

// Store persists authorizations. It only reads and writes; every decision
// is the Service's. Methods return apperr.NotFound for a missing row.
type Store interface {
	// ConsentTx runs fn in one write transaction, committing if it
	// returns nil: the change and its audit leaf commit together.
	ConsentTx(ctx context.Context, fn func(tx Tx) error) error
	FindAuthorizationByID(ctx context.Context, id string) (Authorization, error)
	// FindAuthorizations returns matching authorizations, newest first.
	FindAuthorizations(ctx context.Context, f Filter) ([]Authorization, error)
	// FindLapsedAuthorizations returns up to limit authorizations still
	// stored as requested or active whose period ended at or before at.
	FindLapsedAuthorizations(ctx context.Context, at time.Time, limit int) ([]Authorization, error)

	FindOrganizationByID(ctx context.Context, id string) (access.Organization, error)
	FindOrganizationByCode(ctx context.Context, code string) (access.Organization, error)

	// Setting and PutSettingIfAbsent keep the receipt signing key (node_settings).
	Setting(ctx context.Context, key string) (string, error)
	PutSettingIfAbsent(ctx context.Context, key, value string) (string, error)
}

// Tx is the write side inside a transaction: the business write and the
// audit leaf (audit.Appender) commit or roll back together. The gate
// passes its own transaction to Service.Use.
type Tx interface {
	audit.Appender
	CreateAuthorization(ctx context.Context, a Authorization) error
	// FindAuthorizationForUpdate reads the row and locks it until the
	// transaction ends. Returns NotFound.
	FindAuthorizationForUpdate(ctx context.Context, id string) (Authorization, error)
	// UpdateAuthorization writes the status, decision fields, receipt and
	// updated time of a.
	UpdateAuthorization(ctx context.Context, a Authorization) error
}

// Filter selects authorizations; empty fields match all.
type Filter struct {
	EnterpriseOrgID  string
	InstitutionOrgID string
	EnterpriseUSCC   string
	Status           Status // the stored status
	Limit            int    // 0 means 500
}

// Auditor appends audit events inside a transaction. *audit.Service
// implements it.
type Auditor interface {
	Append(ctx context.Context, tx audit.Appender, events ...audit.Event) ([]int64, error)
}

// Catalog gives the catalog in force, against which a scope is checked.
// *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}
