// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"strconv"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

// LatestCatalogVersion returns the newest catalog version.
func (s *Store) LatestCatalogVersion(ctx context.Context) (catalog.StoredVersion, error) {
	return s.catalogVersion(ctx, s.rdb.QueryRowContext(ctx, `SELECT version, hash, content, note, created_at FROM catalog_versions ORDER BY version DESC LIMIT 1`), "latest")
}

// FindCatalogVersion returns a catalog version by number.
func (s *Store) FindCatalogVersion(ctx context.Context, n int) (catalog.StoredVersion, error) {
	return s.catalogVersion(ctx, s.queryRow(ctx, `SELECT version, hash, content, note, created_at FROM catalog_versions WHERE version = ?`, n), strconv.Itoa(n))
}

func (s *Store) catalogVersion(_ context.Context, row interface{ Scan(...any) error }, which string) (catalog.StoredVersion, error) {
	var v catalog.StoredVersion
	var content string
	err := row.Scan(&v.Version, &v.Hash, &content, &v.Note, scanTime{&v.CreatedAt})
	if err != nil {
		return v, s.wrap("catalog version "+which, err)
	}
	v.Content = []byte(content)
	return v, nil
}

// ListCatalogVersions lists versions newest first, without content.
func (s *Store) ListCatalogVersions(ctx context.Context) ([]catalog.StoredVersion, error) {
	rows, err := s.query(ctx, `SELECT version, hash, note, created_at FROM catalog_versions ORDER BY version DESC`)
	if err != nil {
		return nil, s.wrap("list catalog versions", err)
	}
	defer rows.Close()
	var out []catalog.StoredVersion
	for rows.Next() {
		var v catalog.StoredVersion
		if err := rows.Scan(&v.Version, &v.Hash, &v.Note, scanTime{&v.CreatedAt}); err != nil {
			return nil, s.wrap("list catalog versions", err)
		}
		out = append(out, v)
	}
	return out, s.wrap("list catalog versions", rows.Err())
}

// CatalogLayers returns the operators' layers in order.
func (s *Store) CatalogLayers(ctx context.Context) ([]catalog.StoredLayer, error) {
	rows, err := s.query(ctx, `SELECT seq, kind, content, created_by, created_at FROM catalog_layers ORDER BY seq`)
	if err != nil {
		return nil, s.wrap("catalog layers", err)
	}
	defer rows.Close()
	var out []catalog.StoredLayer
	for rows.Next() {
		var l catalog.StoredLayer
		var content string
		if err := rows.Scan(&l.Seq, &l.Kind, &content, &l.CreatedBy, scanTime{&l.CreatedAt}); err != nil {
			return nil, s.wrap("catalog layers", err)
		}
		l.Content = []byte(content)
		out = append(out, l)
	}
	return out, s.wrap("catalog layers", rows.Err())
}

// SaveCatalogVersion stores the next version unless the newest has the
// same hash. Two processes starting together with the same new catalog
// race for one version number; the loser sees a unique violation, reads
// the winner's row and returns it.
func (s *Store) SaveCatalogVersion(ctx context.Context, v catalog.StoredVersion, layer *catalog.StoredLayer) (catalog.StoredVersion, error) {
	for attempt := 0; ; attempt++ {
		var out catalog.StoredVersion
		err := s.Tx(ctx, func(tx *Tx) error {
			var latest int
			var hash string
			err := tx.QueryRow(ctx, `SELECT version, hash FROM catalog_versions ORDER BY version DESC LIMIT 1`).Scan(&latest, &hash)
			if err != nil && !apperr.Is(s.wrap("", err), apperr.NotFound) {
				return s.wrap("latest catalog version", err)
			}
			if layer != nil {
				if _, err := tx.Exec(ctx, `INSERT INTO catalog_layers (kind, content, created_by, created_at) VALUES (?, ?, ?, ?)`,
					layer.Kind, string(layer.Content), layer.CreatedBy, ts(tx.Now)); err != nil {
					return s.wrap("save catalog layer", err)
				}
			}
			if hash == v.Hash && latest > 0 {
				out = v
				out.Version = latest
				return nil
			}
			out = v
			out.Version, out.CreatedAt = latest+1, tx.Now
			_, err = tx.Exec(ctx, `INSERT INTO catalog_versions (version, hash, content, note, created_at) VALUES (?, ?, ?, ?, ?)`,
				out.Version, v.Hash, string(v.Content), v.Note, ts(tx.Now))
			return s.wrap("save catalog version", err)
		})
		if apperr.Is(err, apperr.Conflict) && attempt < 3 && layer == nil {
			// Another process stored this version (or a later one) first.
			latest, lerr := s.LatestCatalogVersion(ctx)
			if lerr == nil && latest.Hash == v.Hash {
				return latest, nil
			}
			continue
		}
		return out, err
	}
}
