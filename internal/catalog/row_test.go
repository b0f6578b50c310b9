// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"maps"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
)

// penaltyRow is a complete 双公示 penalty row for a company fined 2000 元.
func penaltyRow() map[string]string {
	return map[string]string{
		"CF_XDR_MC": "双鸭山智慧城市运营有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": "91230500MA1B3N1N2M",
		"CF_FRDB": "王杨", "CF_WSH": "市场【2019】1号", "CF_WFXW": "违反相关产品准入市场规定", "CF_SY": "违反相关产品准入市场规定",
		"CF_YJ": "依据《行业准入规定》", "CF_CFLB": "罚款", "CF_NR": "罚款2000元", "CF_NR_FK": "0.2", "CF_JDRQ": "2019-10-10",
		"CF_YXQ": "2019-10-17", "CF_CFJG": "双鸭山市公安局", "CF_CFJGDM": "11230500001755309F", "CF_SJLY": "双鸭山市公安局",
		"CF_SJLYDM": "11230500001755309F",
	}
}

func TestItem_ValidateRow(t *testing.T) {
	pen, _ := MustDefault(t).Item("PEN.XZCF")
	tests := []struct {
		name   string
		change map[string]string
		field  string // "" = no errors
		reason catalog.Reason
	}{
		{"OK", nil, "", ""},
		{"ErrFineMissing", map[string]string{"CF_NR_FK": ""}, "CF_NR_FK", catalog.ReasonRequired},
		{"OKWarningNeedsNoFine", map[string]string{"CF_CFLB": "警告", "CF_NR_FK": ""}, "", ""},
		{"ErrConfiscationAmount", map[string]string{"CF_CFLB": "警告;没收违法所得"}, "CF_NR_WFFF", catalog.ReasonRequired},
		{"ErrUSCCMissing", map[string]string{"CF_XDR_SHXYM": ""}, "CF_XDR_SHXYM", catalog.ReasonRequired},
		{"OKLegacyCodeInstead", map[string]string{"CF_XDR_SHXYM": "", "CF_XDR_GSZC": "230500100012345"}, "", ""},
		{"ErrPersonNeedsID", map[string]string{"CF_XDR_LB": "自然人", "CF_FRDB": ""}, "CF_XDR_ZJLX", catalog.ReasonRequired},
		{"ErrBadDate", map[string]string{"CF_JDRQ": "2019-02-30"}, "CF_JDRQ", catalog.ReasonRange},
		{"ErrRequired", map[string]string{"CF_WSH": " "}, "CF_WSH", catalog.ReasonRequired},
		{"OKChineseHeader", map[string]string{"CF_WSH": "", "行政处罚决定书文号": "市场【2019】1号"}, "", ""},
		{"ErrConflictingColumns", map[string]string{"行政处罚决定书文号": "市场【2019】2号"}, "CF_WSH", catalog.ReasonConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := penaltyRow()
			maps.Copy(row, tt.change)
			errs := pen.ValidateRow(row)
			if tt.field == "" {
				if len(errs) != 0 {
					t.Fatalf("errors=%v, want none", errs)
				}
				return
			}
			if len(errs) == 0 || errs[0].Field != tt.field || errs[0].Reason != tt.reason {
				t.Fatalf("errors=%v, want first %s %s", errs, tt.field, tt.reason)
			}
		})
	}
}

func TestItem_Revoked(t *testing.T) {
	c := MustDefault(t)
	tests := []struct {
		item string
		row  map[string]string
		want bool
	}{
		{"LIC.XZXK", map[string]string{"XK_ZT": "无效"}, true},
		{"LIC.XZXK", map[string]string{"XK_ZT": "有效"}, false},
		{"ABN.JYYC", map[string]string{"outDate": "2021-03-01"}, true},
		{"ABN.JYYC", map[string]string{"inDate": "2020-03-01"}, false},
		{"HON.ANSR", map[string]string{"REVOKED": "是"}, true},
		{"PEN.XZCF", map[string]string{"CF_JDRQ": "2019-10-10"}, false},
	}
	for _, tt := range tests {
		it, _ := c.Item(tt.item)
		norm, _ := it.NormalizeRow(tt.row)
		if got := it.Revoked(norm); got != tt.want {
			t.Errorf("%s %v: Revoked=%v, want %v", tt.item, tt.row, got, tt.want)
		}
	}
}

func TestItem_Resolve(t *testing.T) {
	sx, _ := MustDefault(t).Item("DIS.SXBZXR")
	for col, want := range map[string]string{"sexy": "SEX", "sex": "SEX", "cardnum": "CARD_NUM", "案号": "CASE_CODE", " INAME ": "INAME"} {
		f, ok := sx.Resolve(col)
		if !ok || f.Code != want {
			t.Errorf("Resolve(%q)=%s %v, want %s", col, f.Code, ok, want)
		}
	}
	if _, ok := sx.Resolve("RESOURCE_ID"); ok {
		t.Fatal("an unknown column must not resolve")
	}
}

func BenchmarkNormalizeRow(b *testing.B) {
	pen, _ := MustDefault(b).Item("PEN.XZCF")
	row := penaltyRow()
	for b.Loop() {
		if _, errs := pen.NormalizeRow(row); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
