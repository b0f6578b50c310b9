// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"testing"
	"time"
)

// The ISO fast path must answer exactly as the regular expression does,
// errors included.
func TestSplitDateTime_FastPathAgreesWithRE(t *testing.T) {
	for _, s := range []string{
		"2024-03-05", "2024-03-05 10:11:12", "2024-03-05T10:11:12+08:00", "2024-03-05 ",
		"2023-02-29", "1899-12-31", "2101-01-01", "2024-13-01", "2024-00-10", "2024-01-32",
		"0000-00-00", "2024-03-05x", "2024-3-05", "2024/03/05",
	} {
		ft, fc, ferr := splitDateTime(s)
		rt, rc, rerr := splitDateTimeRE(s)
		if !ft.Equal(rt) || fc != rc || (ferr == nil) != (rerr == nil) {
			t.Errorf("%q: fast (%v, %q, %v), RE (%v, %q, %v)", s, ft.Format(time.RFC3339), fc, ferr, rt.Format(time.RFC3339), rc, rerr)
		}
		if ferr != nil && rerr != nil && ferr.Msg != rerr.Msg {
			t.Errorf("%q: fast error %q, RE error %q", s, ferr.Msg, rerr.Msg)
		}
	}
}

// The column index keeps Resolve's order of precedence: an exact code first,
// then the first field whose folded code, label or alias matches.
func TestResolve_Precedence(t *testing.T) {
	it := Item{Code: "T.X", Fields: []Field{
		{Code: "A", Name: "名称", Aliases: []string{"b"}},
		{Code: "B", Name: "名称二", Aliases: []string{"名称"}},
		{Code: "C", Name: "代码（旧）"},
	}}
	for col, want := range map[string]string{
		"B": "B", "b": "A", " a ": "A", "名称": "A", "名称二": "B", "代码(旧)": "C", "c": "C",
	} {
		f, ok := it.Resolve(col)
		if !ok || f.Code != want {
			t.Errorf("Resolve(%q) = %s %v, want %s", col, f.Code, ok, want)
		}
	}
	if _, ok := it.Resolve("D"); ok {
		t.Error("an unknown column resolved")
	}
	enum := Field{Code: "E", Type: TypeEnum, Enum: []EnumValue{{Value: "1", Label: "是", Aliases: []string{"Y"}}, {Value: "2", Label: "否", Aliases: []string{"y"}}}}
	for s, want := range map[string]string{"y": "1", "Y": "1", "否": "2", "2": "2"} {
		if got, ok := enum.enumValue(s); !ok || got != want {
			t.Errorf("enumValue(%q) = %q %v, want %q", s, got, ok, want)
		}
	}
}
