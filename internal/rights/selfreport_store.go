// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/notekey"
)

// SelfReportStore persists submissions and contests. Methods return
// apperr.NotFound for a missing row.
type SelfReportStore interface {
	notekey.Settings
	// SelfReportTx runs fn in one write transaction: the change, the
	// record mark, the notifications and the audit leaf commit together.
	SelfReportTx(ctx context.Context, fn func(tx SelfReportTx) error) error
	FindSelfReport(ctx context.Context, id string) (SelfReport, error)
	// FindSelfReports returns an enterprise's submissions (every one when
	// uscc is empty), newest first, at most limit.
	FindSelfReports(ctx context.Context, uscc string, limit int) ([]SelfReport, error)
	FindContest(ctx context.Context, id string) (Contest, error)
	// FindContests returns contests, newest first: of one submission when
	// selfReportID is set, else those with the status (all when empty).
	FindContests(ctx context.Context, selfReportID string, status ContestStatus, limit int) ([]Contest, error)

	CurrentRecords(ctx context.Context, uscc string, items []string) ([]ingest.Record, error)
	FindOrganizationByID(ctx context.Context, id string) (access.Organization, error)
}

// SelfReportTx is the write side inside a transaction.
type SelfReportTx interface {
	audit.Appender
	CreateSelfReport(ctx context.Context, r SelfReport) error
	// SetSelfReportStatus changes a submission's status.
	SetSelfReportStatus(ctx context.Context, id string, st SelfReportStatus, at time.Time) error
	CreateContest(ctx context.Context, c Contest) error
	// FindContestForUpdate locks the contest until the transaction ends.
	FindContestForUpdate(ctx context.Context, id string) (Contest, error)
	UpdateContest(ctx context.Context, c Contest) error
	SetDisputed(ctx context.Context, uscc, recordID string, disputed bool, note string, at time.Time) error
	AddNotifications(ctx context.Context, ns ...Notification) error
}

// Recorder collects records as the node's own providers: the submission
// itself, and a finding that its commitment was false. *ingest.Service
// implements it.
type Recorder interface {
	Push(ctx context.Context, in ingest.PushInput) (ingest.Batch, error)
	RegisterProvider(ctx context.Context, p ingest.Provider) (ingest.Provider, error)
}
