// SPDX-License-Identifier: Apache-2.0

package score

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Subject is what the store hands evaluation for one enterprise: its
// current records of the model's items (data still as stored JSON), the
// rights marks on them, and the latest evaluation's result, to tell
// whether anything changed.
type Subject struct {
	USCC     string
	Region   string // GB/T 2260 code
	Industry string // GB/T 4754 section letter
	Records  []StoredRecord
	Marks    map[string]gate.Mark
	Latest   *Latest // nil before the first evaluation
}

// StoredRecord is one current record as read in bulk.
type StoredRecord struct {
	Item   string
	ID     string
	Status ingest.RecordStatus
	Data   []byte
}

// KeyRange is the enterprises whose codes are in [From, To); empty bounds
// are open.
type KeyRange struct{ From, To string }

// Latest is the result of the enterprise's latest evaluation.
type Latest struct {
	EvaluationID string
	ModelVersion string
	Score        int
	Grade        string
	Digest       string
}

// Save is an evaluation to store: it becomes the latest; when it replaces
// an earlier one with another score or grade, a score-change event is
// appended to the outbox.
type Save struct {
	Evaluation Evaluation
	Region     string
	Industry   string
	Prior      *Latest
}

// Event is a score change (评分变动), read by monitoring by sequence.
type Event struct {
	Seq          int64     `json:"seq"`
	USCC         string    `json:"uscc"`
	EvaluationID string    `json:"evaluation_id"`
	ModelVersion string    `json:"model_version"`
	OldScore     int       `json:"old_score"`
	OldGrade     string    `json:"old_grade"`
	NewScore     int       `json:"new_score"`
	NewGrade     string    `json:"new_grade"`
	At           time.Time `json:"at"`
}

// Cursor is how far score.follow has read the changes.
type Cursor struct {
	RecordSeq int64 // records.seq: new, corrected and revoked records
	RightsSeq int64 // rights_changes.seq: decided objections, granted repairs
}

// GradeCount is one cell of the grade distribution.
type GradeCount struct {
	Key   string `json:"key"` // a region prefix or an industry section
	Grade string `json:"grade"`
	Count int64  `json:"count"`
}

// Store is what the evaluation service reads and writes.
type Store interface {
	// ScanSubjects calls fn for every enterprise in the master whose code
	// is in r, in code order, with its current records of items: one
	// streaming pass, no query per enterprise. fn may keep the Subject.
	ScanSubjects(ctx context.Context, items []string, r KeyRange, fn func(*Subject) error) error
	// SplitSubjects cuts the master into about parts ranges of codes of
	// about equal size, to be read in parallel.
	SplitSubjects(ctx context.Context, parts int) ([]KeyRange, error)
	// LoadSubjects reads the same for a few enterprises.
	LoadSubjects(ctx context.Context, codes []string, items []string) ([]*Subject, error)
	// SaveEvaluations stores evaluations in one transaction.
	SaveEvaluations(ctx context.Context, saves []Save) error
	// LatestEvaluation returns the enterprise's latest evaluation.
	LatestEvaluation(ctx context.Context, uscc string) (Evaluation, error)
	// ScoreChanges returns the enterprises with records changed or rights
	// outcomes (rights_changes)
	// after the cursor, at most limit, and the cursor past them. With
	// limit 0 it returns only the cursor at the newest change.
	ScoreChanges(ctx context.Context, c Cursor, limit int) ([]string, Cursor, error)
	ScoreCursor(ctx context.Context, name string) (Cursor, error)
	SetScoreCursor(ctx context.Context, name string, c Cursor) error
	// ScoreEvents returns score changes after seq, oldest first.
	ScoreEvents(ctx context.Context, after int64, limit int) ([]Event, error)
	// GradeDistribution counts latest grades by the first prefix
	// characters of the region code, or by industry section when by is
	// "industry".
	GradeDistribution(ctx context.Context, by string, prefix int) ([]GradeCount, error)
	TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
}
