// SPDX-License-Identifier: Apache-2.0

package score

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/xinrong/xinrong/internal/catalog"
)

// DefaultVersion is the version of the built-in indicator system.
const DefaultVersion = "xinrong-sme-2026.1"

//go:embed models/*.json
var builtin embed.FS

// Model is one version of an indicator system (指标体系): dimensions with
// weights, indicators with points, and the grade bands of its scale. It is
// configuration: an operator publishes a new version as a file.
type Model struct {
	Version     string      `json:"version"`
	Name        string      `json:"name"`
	NameEN      string      `json:"name_en"`
	Description string      `json:"description,omitempty"`
	Scale       Scale       `json:"scale"`
	Dimensions  []Dimension `json:"dimensions"`
	// Scorecard, when set, gives the score from a fitted scorecard over
	// the indicator values instead of the weighted dimensions.
	Scorecard *CardSpec `json:"scorecard,omitempty"`
}

// Scale is a grading scale: its bands, best first. A score gets the first
// band whose Min it reaches.
type Scale struct {
	Code  string `json:"code"` // e.g. "A-D", "A+-D-", "AAA-C"
	Name  string `json:"name"`
	Bands []Band `json:"bands"`
}

// Band is one grade: the lowest score (0–1000) that earns it and what it
// means, in plain words for the enterprise.
type Band struct {
	Grade     string `json:"grade"`
	Min       int    `json:"min"`
	Meaning   string `json:"meaning"`
	MeaningEN string `json:"meaning_en"`
}

// Dimension is a first-level indicator (一级指标). Weight is its share of
// the 1000 points, relative to the other dimensions' weights.
type Dimension struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	NameEN     string      `json:"name_en"`
	Weight     float64     `json:"weight"`
	Indicators []Indicator `json:"indicators"`
}

// Kind is how an indicator's value is computed from records.
type Kind string

// Indicator kinds.
const (
	// KindCount counts the records that count (see gate.Withdrawn) of the
	// items, or of every negative item of a severity, in the window.
	KindCount Kind = "count"
	// KindSum adds a numeric field over the window (money in 元).
	KindSum Kind = "sum"
	// KindLatest takes a field of the most recent record in the window.
	KindLatest Kind = "latest"
	// KindPresent is 1 when the enterprise is on a current list (a record
	// that counts exists, in the window if one is set), else 0.
	KindPresent Kind = "present"
	// KindMonthsSince is the whole months from the most recent record's
	// date to the evaluation (e.g. the age of the enterprise).
	KindMonthsSince Kind = "months_since"
	// KindActiveMonths counts the distinct calendar months with a record in
	// the window (months of social insurance or utility payments).
	KindActiveMonths Kind = "active_months"
)

// Indicator is a second-level indicator (二级指标): a value computed from
// records and the points that value earns.
type Indicator struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	Kind   Kind   `json:"kind"`
	// Items are the catalog items read; Severity instead selects every
	// negative item of that class (轻微, 一般, 严重).
	Items    []string         `json:"items,omitempty"`
	Severity catalog.Severity `json:"severity,omitempty"`
	// Field is the value field of sum and latest.
	Field string `json:"field,omitempty"`
	// DateField dates the record for windows and recency; by default the
	// item's source-time field, else its publicity field.
	DateField string `json:"date_field,omitempty"`
	// Where keeps only records whose field has one of the values.
	Where map[string][]string `json:"where,omitempty"`
	// WindowMonths bounds the records to those dated in the last N months
	// (0: no bound).
	WindowMonths int `json:"window_months,omitempty"`
	// Points maps a numeric value to points: the first step whose Upto the
	// value does not exceed (a step without Upto catches the rest).
	Points []Step `json:"points,omitempty"`
	// Values maps a latest text value (an enum) to points.
	Values map[string]float64 `json:"values,omitempty"`
	// Missing is the points when the value is absent (no record at all).
	Missing float64 `json:"missing"`
	// Reason is said to the enterprise when the indicator costs points.
	Reason   string `json:"reason"`
	ReasonEN string `json:"reason_en"`
}

// Step is one band of points for numeric values.
type Step struct {
	Upto   *float64 `json:"upto,omitempty"`
	Points float64  `json:"points"`
}

// Default returns the built-in model, validated against cat.
func Default(cat *catalog.Catalog) (*Compiled, error) {
	b, err := builtin.ReadFile("models/" + DefaultVersion + ".json")
	if err != nil {
		return nil, fmt.Errorf("score: default model: %w", err)
	}
	return Load(bytes.NewReader(b), cat)
}

// LoadFile reads an operator's model file and validates it against cat.
func LoadFile(path string, cat *catalog.Catalog) (*Compiled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("score: model %s: %w", path, err)
	}
	defer f.Close()
	c, err := Load(f, cat)
	if err != nil {
		return nil, fmt.Errorf("score: model %s: %w", path, err)
	}
	return c, nil
}

// Load decodes a model (unknown JSON fields are refused) and compiles it
// against the catalog.
func Load(r io.Reader, cat *catalog.Catalog) (*Compiled, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("score: model: %w", err)
	}
	return Compile(&m, cat)
}
