// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
)

// Store reads the records lists are built from.
type Store interface {
	// ListRecords calls fn with the enterprise, item and data of every
	// current, active record of the items that no credit repair has
	// taken out of publication. An error from fn stops and is returned.
	ListRecords(ctx context.Context, items []string, fn func(uscc, item string, data map[string]string) error) error
}

// Catalog gives the catalog in force. *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}

// Gate decides and logs list matching runs. *gate.Gate implements it.
type Gate interface {
	MatchList(ctx context.Context, m gate.ListMatch, lim gate.ListMatchLimits) (int64, error)
	DenyListMatch(ctx context.Context, m gate.ListMatch, why error) error
}

var _ Gate = (*gate.Gate)(nil)

// now is the default clock.
func now() time.Time { return time.Now() }

// shanghai is Beijing time: list versions and daily limits turn at its
// midnight, as the institution's day does.
var shanghai = time.FixedZone("CST", 8*3600)
