// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// readRows reads a generated file back the way an ingest would, in any of
// the three formats and three encodings, and returns the header and the
// data rows as text.
func readRows(t *testing.T, dir string, f File) (header []string, rows [][]string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(f.Path))
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch f.Format {
	case FormatCSV:
		text := raw
		hasBOM := bytes.HasPrefix(raw, []byte("\uFEFF"))
		if got, want := hasBOM, f.Encoding == EncodingUTF8BOM; got != want {
			t.Fatalf("%s: BOM %v, encoding %s", f.Path, got, f.Encoding)
		}
		switch f.Encoding {
		case EncodingUTF8BOM:
			text = raw[3:]
		case EncodingGB18030:
			dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
			if err != nil {
				t.Fatalf("%s: GB18030: %v", f.Path, err)
			}
			back, err := simplifiedchinese.GB18030.NewEncoder().Bytes(dec)
			if err != nil || !bytes.Equal(back, raw) {
				t.Fatalf("%s: GB18030 does not round-trip (%v)", f.Path, err)
			}
			text = dec
		}
		r := csv.NewReader(bytes.NewReader(text))
		r.FieldsPerRecord = -1
		all, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		return all[0], all[1:]
	case FormatXLSX:
		x, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 1 << 28})
		if err != nil {
			t.Fatalf("%s: excelize cannot open it: %v", f.Path, err)
		}
		defer x.Close()
		all, err := x.GetRows(x.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		header = all[0]
		for _, r := range all[1:] {
			for len(r) < len(header) { // excelize drops trailing empty cells
				r = append(r, "")
			}
			rows = append(rows, r)
		}
		return header, rows
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		tok, err := dec.Token() // {
		if err != nil || tok != json.Delim('{') {
			t.Fatalf("%s: not a JSON object: %s", f.Path, sc.Text())
		}
		var keys, vals []string
		for dec.More() {
			k, _ := dec.Token()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			keys = append(keys, k.(string))
			switch x := v.(type) {
			case nil:
				vals = append(vals, "")
			case json.Number:
				vals = append(vals, x.String())
			case string:
				vals = append(vals, x)
			default:
				t.Fatalf("%s: unexpected JSON value %v", f.Path, v)
			}
		}
		if header == nil {
			header = keys
		}
		rows = append(rows, vals)
	}
	return header, rows
}
