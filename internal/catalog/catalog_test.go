// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

// MustDefault returns the built-in catalog or fails the test.
func MustDefault(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.Default()
	if err != nil {
		tb.Fatalf("Default: %v", err)
	}
	return c
}

func TestDefault(t *testing.T) {
	c := MustDefault(t)
	var codes []string
	for _, cat := range c.Categories {
		codes = append(codes, cat.Code)
	}
	want := []string{"REG", "LIC", "PEN", "JUD", "DIS", "HON", "POL", "TAX", "SOC", "CUS", "UTL", "EST", "IPR", "RND", "ABN", "CMT", "SLF"}
	if !slices.Equal(codes, want) {
		t.Fatalf("categories=%v, want %v", codes, want)
	}
	if got := len(c.Items); got < 37 {
		t.Fatalf("items=%d, want at least 37 (52号 names 37 items)", got)
	}
	for _, cat := range c.Categories {
		if len(c.ItemsIn(cat.Code)) == 0 {
			t.Errorf("category %s has no items", cat.Code)
		}
	}
	if c.Hash == "" || c.Hash != c.ComputeHash() {
		t.Fatalf("Hash=%q, ComputeHash=%q", c.Hash, c.ComputeHash())
	}
	if _, err := c.Item("NOPE.NOPE"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("Item(unknown) err=%v, want NotFound", err)
	}
	if _, err := c.Category("NOPE"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("Category(unknown) err=%v, want NotFound", err)
	}
	abn, err := c.Category("ABN")
	if err != nil {
		t.Fatal(err)
	}
	if abn.Local {
		t.Fatal("经营异常名录 is part of the base catalog, not a local supplement")
	}
}

func TestDefault_Classes(t *testing.T) {
	c := MustDefault(t)
	tests := []struct {
		code       string
		disclosure catalog.Disclosure
		polarity   catalog.Polarity
	}{
		{"PEN.XZCF", catalog.Public, catalog.Negative},
		{"LIC.XZXK", catalog.Public, catalog.Neutral},
		{"DIS.SXBZXR", catalog.Public, catalog.Negative},
		{"ABN.JYYC", catalog.Public, catalog.Negative},
		{"TAX.LEVEL", catalog.Authorized, catalog.Neutral},
		{"TAX.NSE", catalog.Authorized, catalog.Neutral},
		{"SOC.CBJF", catalog.Authorized, catalog.Neutral},
		{"SOC.GJJ", catalog.Authorized, catalog.Neutral},
		{"UTL.ELEC", catalog.Authorized, catalog.Neutral},
		{"UTL.WATER", catalog.VerifyOnly, catalog.Neutral},
		{"EST.DJ", catalog.VerifyOnly, catalog.Neutral},
		{"RND.GXJS", catalog.Public, catalog.Positive},
	}
	for _, tt := range tests {
		it, err := c.Item(tt.code)
		if err != nil {
			t.Fatal(err)
		}
		if it.Disclosure != tt.disclosure || it.Polarity != tt.polarity {
			t.Errorf("%s: disclosure=%s polarity=%s, want %s %s", tt.code, it.Disclosure, it.Polarity, tt.disclosure, tt.polarity)
		}
	}
	for _, it := range c.Items {
		switch it.Category {
		case "TAX", "SOC", "CUS", "UTL", "EST":
			// Trade secrets: only the legally announced ones may be public.
			if it.Disclosure == catalog.Public && it.Code != "TAX.QS" && it.Code != "CUS.XYDJ" {
				t.Errorf("%s is public; tax, social insurance, customs, utility and real-estate detail needs authorization", it.Code)
			}
		}
		for _, f := range it.Fields {
			if f.Personal == catalog.PersonalIDNumber && it.FieldDisclosure(f) == catalog.Public && it.Code != "DIS.SXBZXR" {
				t.Errorf("%s.%s: an identity number must not be public", it.Code, f.Code)
			}
		}
	}
}

func TestDefault_Publicity(t *testing.T) {
	c := MustDefault(t)
	pen, _ := c.Item("PEN.XZCF")
	if got, want := pen.Severity, catalog.General; got != want {
		t.Fatalf("PEN.XZCF severity=%s, want %s", got, want)
	}
	repair, end := pen.Publicity.Window(mustDate(t, "2019-10-10"))
	if got, want := repair.Format("2006-01-02"), "2020-01-10"; got != want {
		t.Fatalf("repair from=%s, want %s", got, want)
	}
	if got, want := end.Format("2006-01-02"), "2020-10-10"; got != want {
		t.Fatalf("publicity end=%s, want %s", got, want)
	}
	if got, want := catalog.Monthly.Days(), 31; got != want {
		t.Fatalf("monthly days=%d, want %d", got, want)
	}
	if got, want := catalog.Quarterly.ISO8601(), "P3M"; got != want {
		t.Fatalf("quarterly=%s, want %s", got, want)
	}
}

func mustDate(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}
