// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/subject"
)

// Store reads what the gate releases and runs its transaction.
type Store interface {
	// ConsentTx runs fn in one write transaction: a one-time
	// authorization's use and the audit leaf commit together.
	ConsentTx(ctx context.Context, fn func(tx consent.Tx) error) error
	// CurrentRecords returns the current version of every record about
	// the enterprise uscc in the given items (all items when empty),
	// ordered by item and then source time, newest first.
	CurrentRecords(ctx context.Context, uscc string, items []string) ([]ingest.Record, error)
	FindOrganizationByID(ctx context.Context, id string) (access.Organization, error)
}

// Mark is what the subject's rights put on one record: an objection in
// progress (异议中), a completed credit repair (信用修复), a note such as
// a bankruptcy restructuring annotation.
type Mark struct {
	Disputed bool   // an objection is open: every output shows 异议中
	Repaired bool   // repaired: no longer published or shared with institutions
	Note     string // shown beside the record (Chinese / English)
}

// Marks reads the marks on an enterprise's records, by record ID. The
// rights package implements it; without it no record is marked.
type Marks interface {
	RecordMarks(ctx context.Context, uscc string) (map[string]Mark, error)
}

// QuotaTx draws from an institution's daily quota inside the gate's
// transaction. The store's transaction type implements it beside
// consent.Tx.
type QuotaTx interface {
	TakeQuota(ctx context.Context, orgID, day string, n, quota int) (bool, error)
}

// Subjects finds an enterprise by its code. *subject.Service implements it.
type Subjects interface {
	Get(ctx context.Context, code string) (subject.Subject, error)
}

// Catalog gives the catalog in force. *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}

// Consent answers for the enterprise's authorizations. *consent.Service
// implements it.
type Consent interface {
	InForce(ctx context.Context, institutionOrgID, uscc string, purpose consent.Purpose, at time.Time) (consent.Set, error)
	Use(ctx context.Context, tx consent.Tx, id, item string) (consent.Authorization, error)
}

// Agreements answers for an institution's onboarding. *onboard.Service
// implements it.
type Agreements interface {
	Permit(ctx context.Context, institutionOrgID, purpose string, at time.Time) (onboard.Permit, error)
}

// Auditor appends audit events. *audit.Service implements it.
type Auditor interface {
	Append(ctx context.Context, tx audit.Appender, events ...audit.Event) ([]int64, error)
}
