// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"strings"
	"time"
)

// Category is one class of the catalog, such as 行政处罚 or 纳税.
type Category struct {
	Code        string `json:"code"` // stable ASCII code, e.g. PEN
	Name        string `json:"name"`
	NameEN      string `json:"name_en"`
	Description string `json:"description"`
	Origin      string `json:"origin,omitempty"` // the document that lists it
	Local       bool   `json:"local,omitempty"`  // added by a 地方补充目录
	Region      string `json:"region,omitempty"` // GB/T 2260 code of the issuing region
	RegionName  string `json:"region_name,omitempty"`
	Revision    int    `json:"revision"`
	Replaces    bool   `json:"replaces,omitempty"` // a supplement's explicit replacement
	Deprecated  bool   `json:"deprecated,omitempty"`
}

// Item is one kind of credit information (信息项): what a provider sends,
// who may see it and how it counts.
type Item struct {
	Code        string  `json:"code"` // category code, a dot, a suffix: PEN.XZCF
	Name        string  `json:"name"`
	NameEN      string  `json:"name_en"`
	Category    string  `json:"category"`
	Description string  `json:"description"`
	Fields      []Field `json:"fields"`
	// SubjectField holds the enterprise's 统一社会信用代码 (or, in older feeds,
	// another registration code the subject package resolves).
	SubjectField string `json:"subject_field"`
	NameField    string `json:"name_field"`
	// NaturalKey identifies one record across deliveries, for dedup and versioning.
	NaturalKey []string `json:"natural_key"`
	// SourceTimeField, when set, orders versions of one record by the provider's time.
	SourceTimeField string      `json:"source_time_field,omitempty"`
	Revocation      *Revocation `json:"revocation,omitempty"`
	Orders          []Order     `json:"orders,omitempty"` // cross-field date rules
	// MasterFields, on the registration item, names the fields that keep
	// the enterprise master up to date (name, legal_rep, region, industry,
	// status, registered_at, capital, address, reg_no): collecting the item
	// registers and updates enterprises.
	MasterFields map[string]string `json:"master_fields,omitempty"`
	// Coverage "all" says every enterprise in the master should have a
	// record of this item (registration, tax credit level): the base of the
	// collection rate (归集率). Items about some enterprises only have none.
	Coverage   string     `json:"coverage,omitempty"`
	Disclosure Disclosure `json:"disclosure"`
	Polarity   Polarity   `json:"polarity"`
	Severity   Severity   `json:"severity,omitempty"`  // negative items only
	Publicity  *Publicity `json:"publicity,omitempty"` // negative items only
	Provider   string     `json:"provider"`            // default provider department
	Sharing    Sharing    `json:"sharing"`             // preferred method (优先共享方式)
	Frequency  Frequency  `json:"frequency"`
	Origin     string     `json:"origin,omitempty"`
	Local      bool       `json:"local,omitempty"`
	Region     string     `json:"region,omitempty"`
	RegionName string     `json:"region_name,omitempty"`
	Revision   int        `json:"revision"`
	Replaces   bool       `json:"replaces,omitempty"`
	Deprecated bool       `json:"deprecated,omitempty"`
}

// Revocation says which value marks a record as withdrawn (撤销, 移出, 解除):
// the record stays in history but no longer counts. With Values empty, any
// value in Field revokes (经营异常名录: 移出日期 is set).
type Revocation struct {
	Field  string   `json:"field"`
	Values []string `json:"values,omitempty"`
	Note   string   `json:"note,omitempty"`
}

// Publicity bounds how long negative information is published, counted in
// months from the date in FromField (the decision date).
type Publicity struct {
	FromField string `json:"from_field"`
	MinMonths int    `json:"min_months"` // earliest credit repair may end publication
	MaxMonths int    `json:"max_months"` // publication stops automatically
	Basis     string `json:"basis,omitempty"`
}

// Window returns the earliest date repair may end publication and the date
// publication stops, for a decision on from.
func (p Publicity) Window(from time.Time) (repairFrom, end time.Time) {
	return from.AddDate(0, p.MinMonths, 0), from.AddDate(0, p.MaxMonths, 0)
}

// Field returns the field with the given code.
func (it Item) Field(code string) (Field, bool) {
	if i := it.fieldIndexOf(code); i >= 0 {
		return it.Fields[i], true
	}
	return Field{}, false
}

// Resolve finds the field a provider's column means: its code, an alias or
// its Chinese label, compared after trimming space, folding full-width ASCII
// （） to half-width and ignoring ASCII case.
func (it Item) Resolve(column string) (Field, bool) {
	if i := it.resolveIndex(column); i >= 0 {
		return it.Fields[i], true
	}
	return Field{}, false
}

// FieldDisclosure returns the disclosure class that applies to f: the item's,
// or the field's own when it is stricter.
func (it Item) FieldDisclosure(f Field) Disclosure {
	if f.Disclosure != "" && f.Disclosure.AtLeast(it.Disclosure) {
		return f.Disclosure
	}
	return it.Disclosure
}

// Revoked reports whether a normalized row (see NormalizeRow) is withdrawn
// under the item's revocation rule.
func (it Item) Revoked(row map[string]string) bool {
	if it.Revocation == nil {
		return false
	}
	v := row[it.Revocation.Field]
	if v == "" {
		return false
	}
	if len(it.Revocation.Values) == 0 {
		return true
	}
	for _, part := range it.storedValues(it.Revocation.Field, v) {
		for _, want := range it.Revocation.Values {
			if part == want {
				return true
			}
		}
	}
	return false
}

// storedValues splits the stored value of a multiple enum field into its
// values; any other field's value is one value, even if it contains ";".
func (it Item) storedValues(code, v string) []string {
	if i := it.fieldIndexOf(code); i >= 0 && it.Fields[i].Multiple {
		return strings.Split(v, ";")
	}
	return []string{v}
}
