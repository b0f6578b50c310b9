// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

// RecordStatus says whether a record version counts.
type RecordStatus string

// Record statuses.
const (
	RecordActive  RecordStatus = "active"
	RecordRevoked RecordStatus = "revoked" // withdrawn by its provider (撤销/移出)
)

// Record is one version of one credit record with its provenance.
type Record struct {
	Seq         int64
	ID          string // the record's identity, the same in all its versions
	Version     int
	Item        string
	USCC        string
	KeyHash     string // natural key, hashed
	ContentHash string
	Status      RecordStatus
	Current     bool
	Data        map[string]string // normalized field values by field code; nil when Raw is set by collection
	Raw         []byte            // Data as canonical JSON, when already encoded
	SourceTime  string            // the provider's own timestamp, normalized
	Provider    string
	Batch       string
	Row         int64
	ReceivedAt  time.Time
	CatalogVer  int
}

// VersionRef is what dedup needs to know of a stored version.
type VersionRef struct {
	Seq         int64
	ID          string
	Version     int
	ContentHash string
	SourceTime  string
	Current     bool
}

// keyHash identifies one record of an item across deliveries: a hash of
// the item code and the natural key's values.
func keyHash(it catalog.Item, norm map[string]string) string {
	h := sha256.New()
	h.Write([]byte(it.Code))
	for _, f := range it.NaturalKey {
		h.Write([]byte{0x1f})
		h.Write([]byte(norm[f]))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// sourceTime returns the provider's timestamp of a normalized row, if the
// item names one.
func sourceTime(it catalog.Item, norm map[string]string) string {
	if it.SourceTimeField == "" {
		return ""
	}
	return norm[it.SourceTimeField]
}

// newer reports whether a version with source time a should be current
// over one with b. Without timestamps the later arrival wins.
func newer(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	n := min(len(a), len(b))
	return strings.Compare(a[:n], b[:n]) >= 0
}
