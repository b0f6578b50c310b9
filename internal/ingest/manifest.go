// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Manifest is a provider's (or the demo generator's) list of the files it
// delivers, with the row count and SHA-256 of each for reconciliation
// (对账). Other keys in the file are ignored.
type Manifest struct {
	Region string         `json:"region"`
	Files  []ManifestFile `json:"files"`
	dir    string
}

// ManifestFile is one file of a manifest.
type ManifestFile struct {
	Path         string `json:"path"` // relative to the manifest, slash-separated
	Provider     string `json:"provider"`
	ProviderName string `json:"provider_name"`
	Item         string `json:"item"`
	Format       string `json:"format"`
	Encoding     string `json:"encoding"`
	Rows         int64  `json:"rows"`
	SHA256       string `json:"sha256"`
}

// ReadManifest reads a manifest.json.
func ReadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, apperr.E(apperr.Invalid, fmt.Sprintf("无法读取清单 %s / cannot read manifest %s", path, path), err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, apperr.E(apperr.Invalid, fmt.Sprintf("清单 %s 不是有效的 JSON / manifest %s is not valid JSON", path, path), err)
	}
	for i, f := range m.Files {
		if f.Path == "" || f.Provider == "" || f.Item == "" {
			return nil, apperr.Invalidf("清单第 %d 个文件缺少 path、provider 或 item / manifest file %d lacks path, provider or item", i+1, i+1)
		}
	}
	m.dir = filepath.Dir(path)
	return &m, nil
}

// Inputs returns the manifest's files as inputs with their expected rows
// and checksums.
func (m *Manifest) Inputs() []FileInput {
	out := make([]FileInput, 0, len(m.Files))
	for _, f := range m.Files {
		out = append(out, FileInput{Provider: f.Provider, Item: f.Item, Path: filepath.Join(m.dir, filepath.FromSlash(f.Path)),
			Name: f.Path, Format: f.Format, Encoding: f.Encoding, ExpectedRows: f.Rows, ExpectedSHA256: f.SHA256})
	}
	return out
}

// RegisterManifestProviders registers each provider of the manifest for
// the items it delivers there, keeping items it was registered for before.
func (s *Service) RegisterManifestProviders(ctx context.Context, m *Manifest) error {
	byCode := map[string]*Provider{}
	var order []string
	for _, f := range m.Files {
		p := byCode[f.Provider]
		if p == nil {
			p = &Provider{Code: f.Provider, Name: f.ProviderName, Region: m.Region}
			if old, err := s.store.FindProvider(ctx, f.Provider); err == nil {
				p.Items, p.OrgID, p.Department, p.PullURL = old.Items, old.OrgID, old.Department, old.PullURL
			}
			byCode[f.Provider] = p
			order = append(order, f.Provider)
		}
		if !p.Delivers(f.Item) {
			p.Items = append(p.Items, f.Item)
		}
	}
	for _, code := range order {
		if _, err := s.RegisterProvider(ctx, *byCode[code]); err != nil {
			return fmt.Errorf("register provider %s: %w", code, err)
		}
	}
	return nil
}
