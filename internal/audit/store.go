// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"context"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// Appender is the write side of the log inside a business transaction.
// Every transaction type of the storage layer that carries a business
// write implements it (*sqlstore.Tx does), so that the action and its
// audit leaf commit or roll back together. Log.Append drives it.
type Appender interface {
	// LockAuditHead locks the head of the log until the transaction ends
	// and returns the number of leaves committed so far. Appends from
	// concurrent transactions queue here, which is why Append should be
	// the last write of a transaction.
	LockAuditHead(ctx context.Context) (int64, error)
	// ReadAuditHashes returns the stored hashes at the given indexes, as
	// seen inside the transaction. Returns apperr.NotFound if one is missing.
	ReadAuditHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
	// WriteAudit inserts leaves (numbered from leaves[0].Index on), the
	// stored hashes numbered from firstHash on, and sets the head to size.
	WriteAudit(ctx context.Context, leaves []StoredLeaf, firstHash int64, hashes []tlog.Hash, size int64) error
}

// StoredLeaf is one row of the log as stored: the public leaf and its
// hash, the sealed readable body, and copies of a few fields as columns
// for the readers' queries.
type StoredLeaf struct {
	Index       int64
	Kind        string
	Time        time.Time
	ActorOrgID  string
	SubjectHash string // keyed hash of the enterprise code; empty for none
	Leaf        []byte // the canonical leaf, served publicly
	LeafHash    tlog.Hash
	Body        []byte // sealed readable event
}

// IndexedHash is a stored hash row as found in the database.
type IndexedHash struct {
	Index int64
	Hash  []byte
}

// Checkpoint is a signed statement of the log's size and root hash, as a
// C2SP checkpoint in a signed note.
type Checkpoint struct {
	Size      int64
	Root      tlog.Hash
	Note      []byte // the signed note text, as served
	CreatedAt time.Time
}

// Filter selects stored leaves for readers. Limit is at most 1000.
type Filter struct {
	SubjectHash string // only events about this keyed subject hash
	ActorOrgID  string // only events by this organization
	Before      int64  // only indexes below Before; 0 for no bound
	Limit       int
}

// Store reads and writes the log outside business transactions. It only
// reads and writes; the Log decides.
type Store interface {
	// AuditTreeSize returns the number of committed leaves.
	AuditTreeSize(ctx context.Context) (int64, error)
	// ReadAuditHashes returns committed stored hashes by index; NotFound if one is missing.
	ReadAuditHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
	// AuditLeaves returns the leaves with indexes in [from, to) that
	// exist, in order; Body is read only if withBody.
	AuditLeaves(ctx context.Context, from, to int64, withBody bool) ([]StoredLeaf, error)
	// AuditHashRange returns the stored hashes with indexes in [from, to)
	// that exist, in order, as stored (a verifier must see gaps and
	// malformed values, so nothing is checked here).
	AuditHashRange(ctx context.Context, from, to int64) ([]IndexedHash, error)
	// FindAuditLeaves returns leaves matching f with their bodies, newest first.
	FindAuditLeaves(ctx context.Context, f Filter) ([]StoredLeaf, error)

	// CreateAuditCheckpoint stores a checkpoint unless one of that size
	// exists (concurrent publishers sign the same text).
	CreateAuditCheckpoint(ctx context.Context, c Checkpoint) error
	// LatestAuditCheckpoint returns the largest checkpoint, or NotFound.
	LatestAuditCheckpoint(ctx context.Context) (Checkpoint, error)
	// AuditCheckpoints returns every checkpoint in order of size.
	AuditCheckpoints(ctx context.Context) ([]Checkpoint, error)

	// Setting and PutSettingIfAbsent keep the signing key (node_settings).
	Setting(ctx context.Context, key string) (string, error)
	PutSettingIfAbsent(ctx context.Context, key, value string) (string, error)
}
