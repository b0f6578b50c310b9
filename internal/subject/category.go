// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"sync"
)

// dataFS holds the reference tables; data/README.md names their sources.
//
//go:embed data/*.csv
var dataFS embed.FS

// readCSV returns the rows of an embedded CSV file keyed by header name.
// The files are compiled in, so a failure is a build defect and panics;
// TestReferenceData loads every table so that it never reaches production.
func readCSV(name string, each func(row map[string]string)) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("subject: open %s: %v", name, err))
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		panic(fmt.Sprintf("subject: read %s header: %v", name, err))
	}
	row := make(map[string]string, len(header))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			panic(fmt.Sprintf("subject: read %s: %v", name, err))
		}
		for i, h := range header {
			row[h] = rec[i]
		}
		each(row)
	}
}

// Category is what positions 1–2 of a code say: the registration
// department (登记管理部门) and the kind of organization (机构类别) it
// registers. DeptName is empty for an unknown department, Name for an
// unknown category.
type Category struct {
	Code       string `json:"code"` // positions 1–2, e.g. "91"
	DeptName   string `json:"dept_name"`
	DeptNameEn string `json:"dept_name_en"`
	Name       string `json:"name"`
	NameEn     string `json:"name_en"`
	Type       Type   `json:"type"` // subject type it implies; TypeOther when unknown
}

// CategoryTable is the embedded list of department/category pairs.
type CategoryTable struct {
	pairs map[string]Category
	// depts holds each department's names and the type all its categories
	// share (TypeOther if they differ), for categories not yet listed.
	depts map[byte]Category
}

var categoriesOnce = sync.OnceValue(func() *CategoryTable {
	t := &CategoryTable{pairs: map[string]Category{}, depts: map[byte]Category{}}
	readCSV("registration_categories.csv", func(r map[string]string) {
		c := Category{Code: r["code"], DeptName: r["dept_name"], DeptNameEn: r["dept_name_en"],
			Name: r["name"], NameEn: r["name_en"], Type: Type(r["subject_type"])}
		if len(c.Code) != 2 || !c.Type.Valid() {
			panic(fmt.Sprintf("subject: bad category row %q", c.Code))
		}
		t.pairs[c.Code] = c
		d, seen := t.depts[c.Code[0]]
		if !seen {
			d = Category{Code: c.Code[:1], DeptName: c.DeptName, DeptNameEn: c.DeptNameEn, Type: c.Type}
		} else if d.Type != c.Type {
			d.Type = TypeOther
		}
		t.depts[c.Code[0]] = d
	})
	return t
})

// Categories returns the department/category table, loaded on first use.
// The national list keeps growing (G, J and Q have been reported but are
// not confirmed), so an unknown pair is a warning, never an error.
func Categories() *CategoryTable { return categoriesOnce() }

// Lookup returns the category of a two-character pair. For an unknown pair
// it still fills Code and, if the department is known, its names and the
// type its categories share (a new 民政 category is still a 社会组织);
// otherwise Type is TypeOther. ok is false.
func (t *CategoryTable) Lookup(pair string) (c Category, ok bool) {
	if c, ok := t.pairs[pair]; ok {
		return c, true
	}
	c = Category{Type: TypeOther}
	if len(pair) > 0 {
		if d, known := t.depts[pair[0]]; known {
			c = d
		}
	}
	c.Code = pair
	return c, false
}

// Len returns the number of known pairs.
func (t *CategoryTable) Len() int { return len(t.pairs) }
