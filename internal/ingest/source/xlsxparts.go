// SPDX-License-Identifier: Apache-2.0

package source

import (
	"archive/zip"
	"encoding/xml"
	"path"
	"strings"
)

// lastRowOf returns the last row of the named sheet as the safety check
// counted it, or 0 when the sheet's part is unknown.
func (c *xlsxCheck) lastRowOf(sheet string) int64 {
	if p, ok := c.parts[strings.ToLower(sheet)]; ok {
		return c.lastRow[p]
	}
	if len(c.lastRow) == 1 {
		for _, n := range c.lastRow {
			return n
		}
	}
	return 0
}

// sheetParts maps sheet names (lower case: excelize matches them without
// case) to worksheet parts, following the package relationships the way
// excelize does. Any failure leaves the map short; only progress and the
// damage check use it.
func sheetParts(zr *zip.Reader) map[string]string {
	parts := map[string]string{}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[partName(f.Name)] = f
	}
	var root rels
	wb := "xl/workbook.xml"
	if decodePart(files, "_rels/.rels", &root) {
		for _, r := range root.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	var wbRels rels
	dir := path.Dir(wb)
	if !decodePart(files, path.Join(dir, "_rels", path.Base(wb)+".rels"), &wbRels) || !decodePart(files, wb, &book) {
		return parts
	}
	for _, s := range book.Sheets {
		for _, r := range wbRels.Rel {
			if r.ID != s.ID {
				continue
			}
			p := strings.TrimPrefix(path.Clean(dir+"/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				p = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			parts[strings.ToLower(s.Name)] = partName(p)
		}
	}
	return parts
}

// rels is a package relationships part.
type rels struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

// decodePart decodes a small XML part; the check has bounded its size.
func decodePart(files map[string]*zip.File, name string, v any) bool {
	f, ok := files[strings.ToLower(name)]
	if !ok {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}
