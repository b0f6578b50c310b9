// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"iter"
)

// Store persists batches, records and everything a receipt points to.
// Implemented by sqlstore.
type Store interface {
	QuarantineStore
	QualityStore

	// UpsertProvider creates or updates a provider by code.
	UpsertProvider(ctx context.Context, p *Provider) error
	// FindProvider returns apperr.NotFound for an unknown code.
	FindProvider(ctx context.Context, code string) (Provider, error)
	ListProviders(ctx context.Context) ([]Provider, error)

	// CreateBatch stores a new batch. Returns apperr.Conflict if a batch
	// with the same provider, item and key exists.
	CreateBatch(ctx context.Context, b *Batch) error
	// FindBatchByKey returns apperr.NotFound when no batch has the key.
	FindBatchByKey(ctx context.Context, provider, item, key string) (Batch, error)
	// FindBatch returns apperr.NotFound for an unknown ID.
	FindBatch(ctx context.Context, id string) (Batch, error)
	// ListBatches returns batches, newest first.
	ListBatches(ctx context.Context, f BatchFilter) ([]Batch, error)
	// LastPullCursor returns the next cursor recorded by the newest finished
	// pull batch of a provider's item, or "" if there is none.
	LastPullCursor(ctx context.Context, provider, item string) (string, error)
	// FinishBatch records the end of a batch: done or failed with a reason.
	FinishBatch(ctx context.Context, b *Batch) error

	// RecordVersions returns the stored versions of the given natural keys
	// of an item, by key hash.
	RecordVersions(ctx context.Context, item string, keyHashes []string) (map[string][]VersionRef, error)
	// CommitChunk applies one chunk's outcome atomically: new versions,
	// superseded versions, rejections, quarantined rows, and the batch's
	// counters and CommittedRows. Returns apperr.Conflict when another
	// process wrote one of the same records first (the caller retries).
	CommitChunk(ctx context.Context, c *Chunk) error

	// FindMapping returns a provider's saved column mapping for an item,
	// or apperr.NotFound.
	FindMapping(ctx context.Context, provider, item string) (Mapping, error)
	// SaveMapping stores a provider's column mapping for an item.
	SaveMapping(ctx context.Context, provider, item string, m Mapping) error

	// Rejections yields a batch's rejected rows in row order.
	Rejections(ctx context.Context, batch string) iter.Seq2[Rejection, error]
}

// BatchFilter selects batches.
type BatchFilter struct {
	Provider, Item string
	Limit          int
}

// Chunk is the outcome of a run of rows, committed in one transaction.
type Chunk struct {
	Batch         *Batch // counters, CommittedRows and FieldFill already advanced
	PrevCommitted int64  // the batch's CommittedRows before this chunk
	Records       []Record
	Supersede     []int64 // seqs of stored versions that stop being current
	Rejections    []Rejection
	Quarantine    []Quarantined
}

// Rejection is one reason a row was rejected: the row, the field and why.
type Rejection struct {
	Batch  string `json:"batch"`
	Row    int64  `json:"row"`
	Field  string `json:"field"` // field code, or "" for the row as a whole
	Label  string `json:"label"` // the field's Chinese label
	Reason string `json:"reason"`
	Msg    string `json:"msg"`    // Chinese
	MsgEN  string `json:"msg_en"` // English
	Raw    string `json:"raw"`    // the value as received, cut to a few hundred bytes
}

// Quarantined is a valid row naming no enterprise the master knows.
type Quarantined struct {
	ID          string
	Batch       string
	Row         int64
	Item        string
	Provider    string
	SubjectCode string // as given
	SubjectName string
	Data        map[string]string
	Reason      string
	Status      string // open, resolved, discarded
	ResolvedTo  string // USCC chosen by an operator
}
