// SPDX-License-Identifier: Apache-2.0

package ingest

import "time"

// Channel is how a batch reached the node (the 52号 sharing methods).
type Channel string

// Channels.
const (
	ChannelFile Channel = "file" // 物理归集: a file uploaded or sent with the CLI
	ChannelPush Channel = "push" // a JSON batch posted to the API
	ChannelPull Channel = "pull" // 接口调用: pulled from the provider's endpoint
)

// BatchStatus is where a batch is in its life.
type BatchStatus string

// Batch statuses. A processing batch whose process died is resumed when
// the same content is sent again.
const (
	BatchProcessing BatchStatus = "processing"
	BatchDone       BatchStatus = "done"
	BatchFailed     BatchStatus = "failed" // the file as a whole could not be read
)

// Counts are what a receipt counts. Received always equals the sum of the
// other six once the batch is done.
type Counts struct {
	Received    int64 `json:"received"`
	Accepted    int64 `json:"accepted"`
	Updated     int64 `json:"updated"`
	Duplicate   int64 `json:"duplicate"`
	Revoked     int64 `json:"revoked"`
	Rejected    int64 `json:"rejected"`
	Quarantined int64 `json:"quarantined"`
}

// Add adds d to c.
func (c *Counts) Add(d Counts) {
	c.Received += d.Received
	c.Accepted += d.Accepted
	c.Updated += d.Updated
	c.Duplicate += d.Duplicate
	c.Revoked += d.Revoked
	c.Rejected += d.Rejected
	c.Quarantined += d.Quarantined
}

// Settled reports whether every received row is accounted for.
func (c Counts) Settled() bool {
	return c.Received == c.Accepted+c.Updated+c.Duplicate+c.Revoked+c.Rejected+c.Quarantined
}

// Batch is one delivery from one provider for one catalog item.
type Batch struct {
	ID       string
	Provider string // provider code
	Item     string // catalog item code
	Channel  Channel
	FileName string
	// Key identifies the batch's content for idempotency: the SHA-256 of a
	// file, or the pusher's idempotency key.
	Key      string
	SHA256   string // of the file or the pushed body
	Format   string
	Encoding string
	Status   BatchStatus
	Counts
	// CommittedRows is the last row number whose outcome is committed: a
	// resumed batch skips rows up to it.
	CommittedRows int64
	// Reconciliation (对账): what the provider's manifest promised.
	ExpectedRows   int64 // -1 when no manifest was given
	ExpectedSHA256 string
	CatalogVersion int
	FieldFill      map[string]int64 // non-empty values per field, for completeness
	Error          string           // why a failed batch failed
	SourceCursor   string           // pull connectors: the provider's cursor after this page
	CreatedAt      time.Time
	FinishedAt     time.Time
}

// Receipt is what the provider is told about a batch (回执).
type Receipt struct {
	Batch    string `json:"batch"`
	Provider string `json:"provider"`
	Item     string `json:"item"`
	File     string `json:"file"`
	Counts
}

// Receipt returns the batch's receipt.
func (b Batch) Receipt() Receipt {
	return Receipt{Batch: b.ID, Provider: b.Provider, Item: b.Item, File: b.FileName, Counts: b.Counts}
}

// Reconciliation compares a batch with its manifest.
type Reconciliation struct {
	ExpectedRows   int64  `json:"expected_rows"`
	ReceivedRows   int64  `json:"received_rows"`
	ExpectedSHA256 string `json:"expected_sha256,omitempty"`
	SHA256         string `json:"sha256"`
	RowsMatch      bool   `json:"rows_match"`
	HashMatch      bool   `json:"hash_match"`
}

// Reconcile returns the comparison with the manifest, or false if the
// batch came without one.
func (b Batch) Reconcile() (Reconciliation, bool) {
	if b.ExpectedRows < 0 && b.ExpectedSHA256 == "" {
		return Reconciliation{}, false
	}
	r := Reconciliation{ExpectedRows: b.ExpectedRows, ReceivedRows: b.Received, ExpectedSHA256: b.ExpectedSHA256, SHA256: b.SHA256}
	r.RowsMatch = b.ExpectedRows < 0 || b.ExpectedRows == b.Received
	r.HashMatch = b.ExpectedSHA256 == "" || b.ExpectedSHA256 == b.SHA256
	return r, true
}
