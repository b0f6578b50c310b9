// SPDX-License-Identifier: Apache-2.0

package report

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
)

// Issued is one entry of the register of issued reports: enough to check
// a report's authenticity, nothing about the enterprise in clear.
type Issued struct {
	Number         string
	Hash           string
	IssuedAt       time.Time
	Edition        string
	RequesterOrgID string
	Purpose        string
	Format         string
	AuditIndex     int64
	Signature      string
}

// Store keeps the register.
type Store interface {
	FindIssuedReport(ctx context.Context, number string) (Issued, error)
	FindOrganizationByID(ctx context.Context, id string) (access.Organization, error)
	Setting(ctx context.Context, key string) (string, error)
	PutSettingIfAbsent(ctx context.Context, key, value string) (string, error)
}

// Tx writes the register entry inside the gate's transaction. The
// store's transaction type implements it alongside consent.Tx.
type Tx interface {
	InsertIssuedReport(ctx context.Context, r Issued) error
}

// Gate releases what a report may hold. *gate.Gate implements it.
type Gate interface {
	Release(ctx context.Context, req gate.Request, seal gate.Seal) (*gate.View, error)
}

// Catalog gives the catalog in force. *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}

// txOf returns the register writer of the gate's transaction.
func txOf(tx consent.Tx) (Tx, bool) {
	t, ok := tx.(Tx)
	return t, ok
}
