// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Store persists objections, repairs, record marks and notifications. It
// only reads and writes; every decision is the Service's. Methods return
// apperr.NotFound for a missing row.
type Store interface {
	// RightsTx runs fn in one write transaction: the change, the record
	// mark, the notifications and the audit leaf commit together.
	RightsTx(ctx context.Context, fn func(tx Tx) error) error
	// RecordMarks returns the marks on the enterprise's records by record
	// ID, in one indexed read: the gate calls it on every release.
	RecordMarks(ctx context.Context, uscc string) (map[string]gate.Mark, error)
	FindObjection(ctx context.Context, id string) (Objection, error)
	FindObjections(ctx context.Context, f Filter) ([]Objection, error)
	FindRepair(ctx context.Context, id string) (Repair, error)
	FindRepairs(ctx context.Context, f Filter) ([]Repair, error)
	// FindOverdue returns up to limit open objections and repairs whose
	// step ended at or before at and that are not yet escalated.
	FindOverdue(ctx context.Context, at time.Time, limit int) ([]Objection, []Repair, error)
	// FindNotifications returns the newest notifications to any of orgIDs.
	FindNotifications(ctx context.Context, orgIDs []string, limit int) ([]Notification, error)

	// SetNotificationChannels records how a notification was delivered.
	SetNotificationChannels(ctx context.Context, id, channels string) error
	// MarkNotificationsRead marks unread notifications to orgIDs read
	// (only ids when given) and returns how many changed.
	MarkNotificationsRead(ctx context.Context, orgIDs, ids []string, at time.Time) (int, error)
	// FindChanges returns up to limit outbox entries after seq, oldest first.
	FindChanges(ctx context.Context, after int64, limit int) ([]Change, error)
	// FindRestructurings returns an enterprise's annotations, newest first.
	FindRestructurings(ctx context.Context, uscc string) ([]Restructuring, error)
	// RecordHistory returns every version of the enterprise's records ids,
	// with their batch's channel and file name.
	RecordHistory(ctx context.Context, uscc string, ids []string) ([]Version, error)

	// CurrentRecords is the gate's read of an enterprise's records.
	CurrentRecords(ctx context.Context, uscc string, items []string) ([]ingest.Record, error)
	FindProvider(ctx context.Context, code string) (ingest.Provider, error)
	FindOrganizationByID(ctx context.Context, id string) (access.Organization, error)
}

// Tx is the write side inside a transaction.
type Tx interface {
	audit.Appender
	// FindObjectionForUpdate and FindRepairForUpdate lock the row until
	// the transaction ends.
	FindObjectionForUpdate(ctx context.Context, id string) (Objection, error)
	FindRepairForUpdate(ctx context.Context, id string) (Repair, error)
	// OpenObjection returns the ID of an open objection to the record, or "".
	OpenObjection(ctx context.Context, recordID string) (string, error)
	// OpenRepair returns the ID of a pending or granted repair of the record, or "".
	OpenRepair(ctx context.Context, recordID string) (string, error)
	CreateObjection(ctx context.Context, o Objection) error
	UpdateObjection(ctx context.Context, o Objection) error
	CreateRepair(ctx context.Context, r Repair) error
	UpdateRepair(ctx context.Context, r Repair) error
	// SetDisputed sets the record's dispute mark and, when note is not
	// empty, its note; the repair mark is left as it is.
	SetDisputed(ctx context.Context, uscc, recordID string, disputed bool, note string, at time.Time) error
	// SetRepaired marks the record repaired; the dispute mark and note are
	// left as they are.
	SetRepaired(ctx context.Context, uscc, recordID string, at time.Time) error
	AddNotifications(ctx context.Context, ns ...Notification) error
	// AddChange appends an entry to the rights outbox (its Seq is assigned).
	AddChange(ctx context.Context, c Change) error
	AddRestructuring(ctx context.Context, x Restructuring) error
}

// Auditor appends audit events inside a transaction. *audit.Service
// implements it.
type Auditor interface {
	Append(ctx context.Context, tx audit.Appender, events ...audit.Event) ([]int64, error)
}

// Catalog gives the catalog in force. *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}
