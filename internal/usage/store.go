// SPDX-License-Identifier: Apache-2.0

package usage

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Count is one cell of the usage table: how many accesses in a month
// released a provider's records of one item to one organization for one
// purpose and kind of use.
type Count struct {
	Month    string // YYYY-MM, Asia/Shanghai
	Provider string // provider code
	OrgID    string // the organization that accessed
	Item     string // catalog item code
	Purpose  string
	Action   string // profile, report, query, verify, export, push
	Accesses int64
}

// Store keeps the usage table and the aggregation's position in the
// audit log. It only reads and writes.
type Store interface {
	// UsageCursor returns the index of the next audit leaf to aggregate
	// (0 before the first run).
	UsageCursor(ctx context.Context) (int64, error)
	// AddUsage adds counts to the table and moves the cursor from from to
	// to, in one transaction. Returns apperr.Conflict, and changes
	// nothing, if the cursor is no longer at from (another process got
	// there first).
	AddUsage(ctx context.Context, from, to int64, counts []Count) error
	// FindUsage returns the counts of a month for the given providers
	// (every provider when empty), ordered by provider, organization,
	// item, purpose and action.
	FindUsage(ctx context.Context, month string, providers []string) ([]Count, error)

	FindOrganizationByID(ctx context.Context, id string) (access.Organization, error)
	FindOrganizations(ctx context.Context, f access.OrganizationFilter) ([]access.Organization, error)
}

// Log is the audit log as usage reads it. *audit.Service implements it.
type Log interface {
	Events(ctx context.Context, r audit.Reader, q audit.Query) ([]audit.Record, error)
	Size(ctx context.Context) (int64, error)
}

// Providers lists the registered data providers and the items each
// delivers. *ingest.Service implements it.
type Providers interface {
	Providers(ctx context.Context) ([]ingest.Provider, error)
}

// Catalog gives the catalog in force, for item names.
// *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}

// Leases keep two processes from running the job at once (the cursor
// check would make the loser's work void, but wasted).
type Leases interface {
	TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
}
