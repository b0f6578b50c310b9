// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
)

func TestLoad_Invalid(t *testing.T) {
	c, _ := mustGerman(t)
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	num := `"kind": "numeric"`
	for _, tc := range []struct {
		name, old, new string
	}{
		{"ErrFormat", `"xinrong-scorecard/1"`, `"xinrong-scorecard/2"`},
		{"ErrUnknownField", `"format"`, `"colour": 1, "format"`},
		{"ErrPDO", `"pdo": 20`, `"pdo": 0`},
		{"ErrTrailing", "", "{}"},
		{"ErrKind", num, `"kind": "fuzzy"`},
		{"ErrShare", `"share": 0.`, `"share": 7.`},
		{"ErrLastBinBounded", `"upper"`, `"upper": 1, "x_upper"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := good + tc.new
			if tc.old != "" {
				if !strings.Contains(good, tc.old) {
					t.Fatalf("card has no %q", tc.old)
				}
				s = strings.Replace(good, tc.old, tc.new, 1)
			}
			_, err := Load(strings.NewReader(s))
			if err == nil {
				t.Fatal("damaged card was loaded")
			}
			if got, want := apperr.CodeOf(err), apperr.Invalid; got != want {
				t.Fatalf("code=%v, want %v (%v)", got, want, err)
			}
		})
	}
	// Bounds that do not rise.
	bad := *c
	bad.Features = append([]Feature(nil), c.Features...)
	for i, f := range bad.Features {
		if f.Kind == KindNumeric && len(f.Bins) > 2 {
			bins := append([]Bin(nil), f.Bins...)
			bins[0], bins[1] = bins[1], bins[0]
			bad.Features[i].Bins = bins
			break
		}
	}
	if err := bad.Validate(); err == nil {
		t.Fatal("ranges out of order were accepted")
	}
}

func FuzzLoad(f *testing.F) {
	c, _ := mustGerman(f)
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"xinrong-scorecard/1","target":"y","scaling":{"pdo":20,"base_score":600,"base_odds":50,"intercept":0,"base_points":1},"features":[{"name":"a","kind":"numeric","iv":0,"coef":-1,"bins":[{"label":"x","upper":1,"woe":0,"points":0,"share":0.5,"bad_rate":0,"count":1},{"label":"y","woe":0,"points":1,"share":0.5,"bad_rate":0,"count":1}],"missing":{"label":"m","woe":0,"points":0,"share":0,"bad_rate":0,"count":0}}],"score_bands":[],"metrics":{"train":{},"test":{}},"training":{}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Load(bytes.NewReader(b))
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("error without Invalid code: %v", err)
			}
			return
		}
		// A card that loads must score without panicking and give finite
		// results, and survive a round trip.
		for _, v := range []string{"", "0", "1e300", "-5", "A11"} {
			r := c.Score(func(string) (string, bool) { return v, true })
			if !finite(r.Points, r.ProbBad) {
				t.Fatalf("score %v not finite", r)
			}
		}
		var out bytes.Buffer
		if err := c.WriteJSON(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(&out); err != nil {
			t.Fatalf("written card does not load again: %v", err)
		}
	})
}

func FuzzLoadCSV(f *testing.F) {
	f.Add("a,b,class\n1,x,0\n2,?,1\n,y,0\n")
	f.Add("class\n1\n")
	f.Add("\ufeffa,a\n")
	f.Add("a,b\n\"1,2\",3\n")
	f.Fuzz(func(t *testing.T, s string) {
		tab, err := LoadCSV(strings.NewReader(s))
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("error without Invalid code: %v", err)
			}
			return
		}
		for _, r := range tab.Rows {
			if len(r) != len(tab.Columns) {
				t.Fatalf("row of %d cells under %d columns", len(r), len(tab.Columns))
			}
		}
		// Fitting on whatever loaded must fail cleanly or succeed.
		_, _ = Fit(tab, Options{Target: tab.Columns[len(tab.Columns)-1], Settings: &DefaultSettings})
	})
}
