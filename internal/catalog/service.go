// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// refreshEvery bounds how stale a process's view of the catalog may be when
// another process (sharing one PostgreSQL database) changes it.
const refreshEvery = 2 * time.Second

// Service holds the catalog in force. The effective catalog is the base
// (built-in catalog, plus the node's configured supplement file) with every
// operator layer merged on top, in order; each distinct result is stored as
// a numbered version.
type Service struct {
	store Store
	base  *Catalog
	now   func() time.Time

	mu      sync.Mutex
	cur     *Catalog
	ver     int
	checked time.Time
}

// NewService loads the layers operators added, merges them over base, and
// stores the result as a new version if it differs from the newest one. It
// refuses to start (apperr.Conflict) if the new catalog would drop an item
// or field that stored records use.
func NewService(ctx context.Context, store Store, base *Catalog) (*Service, error) {
	s := &Service{store: store, base: base, now: time.Now}
	layers, err := store.CatalogLayers(ctx)
	if err != nil {
		return nil, err
	}
	eff := base
	for _, l := range layers {
		sup, err := Load(bytes.NewReader(l.Content))
		if err != nil {
			return nil, fmt.Errorf("catalog: stored layer %d: %w", l.Seq, err)
		}
		if eff, err = Merge(eff, sup); err != nil {
			return nil, fmt.Errorf("catalog: re-applying stored layer %d over the built-in catalog: %w", l.Seq, err)
		}
	}
	prev, err := store.LatestCatalogVersion(ctx)
	switch {
	case apperr.Is(err, apperr.NotFound):
	case err != nil:
		return nil, err
	default:
		old, err := Load(bytes.NewReader(prev.Content))
		if err != nil {
			return nil, fmt.Errorf("catalog: stored version %d: %w", prev.Version, err)
		}
		if err := CheckUpgrade(old, eff); err != nil {
			return nil, err
		}
	}
	if _, _, err := s.save(ctx, eff, "built-in catalog with operator layers", nil); err != nil {
		return nil, err
	}
	return s, nil
}

// Current returns the catalog in force and its version number. It notices
// changes made by other processes within a few seconds.
func (s *Service) Current(ctx context.Context) (*Catalog, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && s.now().Sub(s.checked) < refreshEvery {
		return s.cur, s.ver, nil
	}
	v, err := s.store.LatestCatalogVersion(ctx)
	if err != nil {
		return nil, 0, err
	}
	if v.Version != s.ver || s.cur == nil {
		c, err := Load(bytes.NewReader(v.Content))
		if err != nil {
			return nil, 0, fmt.Errorf("catalog: stored version %d: %w", v.Version, err)
		}
		s.cur, s.ver = c, v.Version
	}
	s.checked = s.now()
	return s.cur, s.ver, nil
}

// Version returns a stored version of the catalog, for records collected
// under an earlier one.
func (s *Service) Version(ctx context.Context, n int) (*Catalog, error) {
	v, err := s.store.FindCatalogVersion(ctx, n)
	if err != nil {
		return nil, err
	}
	return Load(bytes.NewReader(v.Content))
}

// Versions lists the stored versions, newest first.
func (s *Service) Versions(ctx context.Context) ([]StoredVersion, error) {
	return s.store.ListCatalogVersions(ctx)
}

// AddItem adds one item (to an existing category) as an operator layer.
// Returns apperr.Invalid for a bad item, apperr.Conflict if the code exists.
func (s *Service) AddItem(ctx context.Context, it Item) (*Catalog, int, error) {
	cur, _, err := s.Current(ctx)
	if err != nil {
		return nil, 0, err
	}
	sup := &Catalog{Version: 1, Name: "operator item " + it.Code, Region: cur.Region, Origin: "operator", Items: []Item{it}}
	return s.addLayer(ctx, "item", sup)
}

// AddSupplement merges a local supplementary catalog (地方补充目录) as an
// operator layer. Returns apperr.Invalid or apperr.Conflict from Merge.
func (s *Service) AddSupplement(ctx context.Context, sup *Catalog) (*Catalog, int, error) {
	return s.addLayer(ctx, "supplement", sup)
}

func (s *Service) addLayer(ctx context.Context, kind string, sup *Catalog) (*Catalog, int, error) {
	raw, err := json.Marshal(sup)
	if err != nil {
		return nil, 0, fmt.Errorf("catalog: encode layer: %w", err)
	}
	// Round-trip so that what is stored is exactly what later starts re-apply.
	sup, err = Load(bytes.NewReader(raw))
	if err != nil {
		return nil, 0, err
	}
	cur, _, err := s.Current(ctx)
	if err != nil {
		return nil, 0, err
	}
	next, err := Merge(cur, sup)
	if err != nil {
		return nil, 0, err
	}
	layer := &StoredLayer{Kind: kind, Content: raw, CreatedAt: s.now().UTC()}
	return s.save(ctx, next, fmt.Sprintf("%s %q added", kind, sup.Name), layer)
}

func (s *Service) save(ctx context.Context, c *Catalog, note string, layer *StoredLayer) (*Catalog, int, error) {
	content, err := json.Marshal(c)
	if err != nil {
		return nil, 0, fmt.Errorf("catalog: encode: %w", err)
	}
	v, err := s.store.SaveCatalogVersion(ctx, StoredVersion{Hash: c.Hash, Content: content, Note: note, CreatedAt: s.now().UTC()}, layer)
	if err != nil {
		return nil, 0, err
	}
	s.mu.Lock()
	s.cur, s.ver, s.checked = c, v.Version, s.now()
	s.mu.Unlock()
	return c, v.Version, nil
}
