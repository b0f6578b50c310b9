// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"context"
	"time"
)

// Store keeps catalog versions and operators' layers. Implemented by sqlstore.
type Store interface {
	// LatestCatalogVersion returns the newest stored version, or
	// apperr.NotFound when none is stored yet.
	LatestCatalogVersion(ctx context.Context) (StoredVersion, error)
	// FindCatalogVersion returns a version by number, or apperr.NotFound.
	FindCatalogVersion(ctx context.Context, version int) (StoredVersion, error)
	// ListCatalogVersions returns every version, newest first, without content.
	ListCatalogVersions(ctx context.Context) ([]StoredVersion, error)
	// CatalogLayers returns the operators' layers in the order they were added.
	CatalogLayers(ctx context.Context) ([]StoredLayer, error)
	// SaveCatalogVersion stores content under the next version number unless
	// the newest version already has this hash, and stores layer (if not nil)
	// in the same transaction. It returns the version now in force.
	SaveCatalogVersion(ctx context.Context, v StoredVersion, layer *StoredLayer) (StoredVersion, error)
}

// StoredVersion is one numbered catalog version.
type StoredVersion struct {
	Version   int
	Hash      string
	Content   []byte // the catalog as JSON
	Note      string // why it was made: "built-in", "item PEN.X added by …"
	CreatedAt time.Time
}

// StoredLayer is an operator's addition: one item or a supplement.
type StoredLayer struct {
	Seq       int64
	Kind      string // "item" or "supplement"
	Content   []byte // a catalog-format JSON document
	CreatedBy string
	CreatedAt time.Time
}
