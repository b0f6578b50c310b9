// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Version identifies the generator's output. Bump it whenever the same
// seed starts giving different files.
const Version = "1.0.0"

// ManifestName is the manifest's file name in the output directory.
const ManifestName = "manifest.json"

// Manifest describes one generated province: what was asked for and, per
// file, everything ingest needs to load it and to check its receipt.
type Manifest struct {
	Generator   string        `json:"generator"`
	Version     string        `json:"version"`
	Seed        uint64        `json:"seed"`
	Enterprises int           `json:"enterprises"`
	Region      string        `json:"region"`
	RegionName  string        `json:"region_name"`
	AsOf        string        `json:"as_of"`   // the data's "today", YYYY-MM-DD
	Created     time.Time     `json:"created"` // derived from the seed, never the clock
	BadRowRate  float64       `json:"bad_row_fraction"`
	Catalog     string        `json:"catalog"` // hash of the catalog the files follow
	BadRowKinds []BadKindInfo `json:"bad_row_kinds"`
	Files       []File        `json:"files"`
}

// File is one delivered batch file.
type File struct {
	Path         string `json:"path"` // relative to the manifest, slash-separated
	Provider     string `json:"provider"`
	ProviderName string `json:"provider_name"`
	Item         string `json:"item"`
	ItemName     string `json:"item_name"`
	Format       string `json:"format"`     // csv, xlsx or jsonl
	Encoding     string `json:"encoding"`   // utf-8, utf-8-bom or gb18030 (xlsx and jsonl: utf-8)
	Header       string `json:"header"`     // code, label or alias (see HeaderCode…)
	DateStyle    string `json:"date_style"` // YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or YYYYMMDD
	Rows         int    `json:"rows"`       // data rows, header excluded
	// BadRows counts the deliberately broken rows by kind (see BadRowKinds).
	BadRows map[string]int `json:"bad_rows,omitempty"`
	// RowsWithoutMaster counts good rows (and rows whose only fault
	// normalisation repairs) whose enterprise's registration
	// row was broken: ingest quarantines them when the master is loaded
	// from the registration file rather than from the generator.
	RowsWithoutMaster int `json:"rows_without_master,omitempty"`
	// DatePairs are the catalog's date rules (Item.Orders) as (earlier,
	// later) field codes; end_before_start rows break the first whose
	// earlier field has a value.
	DatePairs [][2]string `json:"date_pairs,omitempty"`
	Bytes     int64       `json:"bytes"`
	SHA256    string      `json:"sha256"`
}

// createdAt is the manifest's timestamp: the day after asOf plus a number
// of seconds taken from the seed, so that it looks like a run's time but
// is the same for every run with that seed.
func createdAt(seed uint64) time.Time {
	return asOf.AddDate(0, 0, 1).Add(time.Duration(splitmix64(seed^0xc7ea7ed)%(12*3600)) * time.Second)
}

// writeManifest writes the manifest as indented JSON. encoding/json sorts
// map keys, so the bytes are the same for the same content.
func writeManifest(dir string, m Manifest) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("generate: encode manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("generate: write manifest: %w", err)
	}
	return nil
}

// ReadManifest reads DIR/manifest.json.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, fmt.Errorf("generate: read manifest: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("generate: parse manifest: %w", err)
	}
	return m, nil
}
