// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"errors"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

var (
	penaltyTypes = catalog.Field{Code: "CF_CFLB", Name: "处罚类别", Type: catalog.TypeEnum, Multiple: true, Enum: []catalog.EnumValue{
		{Value: "警告"}, {Value: "罚款"}, {Value: "没收违法所得"}, {Value: "暂扣或者吊销许可证", Aliases: []string{"暂扣或吊销许可证"}}}}
	status = catalog.Field{Code: "XK_ZT", Name: "当前状态", Type: catalog.TypeEnum, Enum: []catalog.EnumValue{
		{Value: "1", Label: "有效"}, {Value: "2", Label: "无效"}}}
)

func field(t catalog.Type) catalog.Field { return catalog.Field{Code: "X", Name: "测试", Type: t} }

func TestField_Parse(t *testing.T) {
	openEnded := field(catalog.TypeDate)
	openEnded.OpenEnded = true
	short := field(catalog.TypeString)
	short.MaxLen = 3
	tests := []struct {
		name string
		f    catalog.Field
		raw  string
		want string
		err  catalog.Reason // "" = must succeed
	}{
		{"WanSample", field(catalog.TypeMoneyWan), "0.2", "200000", ""},
		{"WanOne", field(catalog.TypeMoneyWan), "1", "1000000", ""},
		{"WanOneFen", field(catalog.TypeMoneyWan), "0.000001", "1", ""},
		{"WanTrailingZeros", field(catalog.TypeMoneyWan), "0.20000000", "200000", ""},
		{"WanUnit", field(catalog.TypeMoneyWan), "0.2万元", "200000", ""},
		{"WanGrouped", field(catalog.TypeMoneyWan), "1,234.5", "1234500000", ""},
		{"WanFullWidth", field(catalog.TypeMoneyWan), "０．２", "200000", ""},
		{"WanNegative", field(catalog.TypeMoneyWan), "-0.3", "-300000", ""},
		{"ErrWanBelowFen", field(catalog.TypeMoneyWan), "0.0000001", "", catalog.ReasonPrecision},
		{"ErrWanInYuan", field(catalog.TypeMoneyWan), "2000元", "", catalog.ReasonFormat},
		{"ErrWanOverflow", field(catalog.TypeMoneyWan), "99999999999999", "", catalog.ReasonRange},
		{"ErrWanFloatSyntax", field(catalog.TypeMoneyWan), "2e-1", "", catalog.ReasonFormat},
		{"Yuan", field(catalog.TypeMoneyYuan), "12.34", "1234", ""},
		{"ErrYuanMills", field(catalog.TypeMoneyYuan), "12.345", "", catalog.ReasonPrecision},
		{"Fen", field(catalog.TypeMoneyFen), "100", "100", ""},
		{"ErrFenFraction", field(catalog.TypeMoneyFen), "1.5", "", catalog.ReasonPrecision},
		{"Date", field(catalog.TypeDate), "2019-10-10", "2019-10-10", ""},
		{"DateSlash", field(catalog.TypeDate), "2019/1/5", "2019-01-05", ""},
		{"DateCompact", field(catalog.TypeDate), "20191010", "2019-10-10", ""},
		{"DateChinese", field(catalog.TypeDate), "2019年10月1日", "2019-10-01", ""},
		{"DateWithMidnight", field(catalog.TypeDate), "2019-10-10 00:00:00.0", "2019-10-10", ""},
		{"DateLeap", field(catalog.TypeDate), "2024-02-29", "2024-02-29", ""},
		{"ErrDateNotLeap", field(catalog.TypeDate), "2023-02-29", "", catalog.ReasonRange},
		{"ErrDateMonth13", field(catalog.TypeDate), "2019-13-01", "", catalog.ReasonRange},
		{"ErrDateUS", field(catalog.TypeDate), "10/10/2019", "", catalog.ReasonFormat},
		{"ErrDateYear", field(catalog.TypeDate), "1850-01-01", "", catalog.ReasonRange},
		{"ErrDateGarbageTime", field(catalog.TypeDate), "2019-10-10 noon", "", catalog.ReasonFormat},
		{"ErrDateLongTerm", field(catalog.TypeDate), "长期", "", catalog.ReasonFormat},
		{"DateLongTermOpenEnded", openEnded, "长期", "2099-12-31", ""},
		{"DateTimeChina", field(catalog.TypeDateTime), "2019-10-10 08:30:00", "2019-10-10T00:30:00Z", ""},
		{"DateTimeUTC", field(catalog.TypeDateTime), "2019-10-10T08:30:00Z", "2019-10-10T08:30:00Z", ""},
		{"DateTimeOffset", field(catalog.TypeDateTime), "2019-10-10T08:30:00+0100", "2019-10-10T07:30:00Z", ""},
		{"DateTimeDateOnly", field(catalog.TypeDateTime), "2019-10-10", "2019-10-09T16:00:00Z", ""},
		{"ErrDateTimeHour", field(catalog.TypeDateTime), "2019-10-10 24:00:00", "", catalog.ReasonRange},
		{"Month", field(catalog.TypeMonth), "202403", "2024-03", ""},
		{"MonthChinese", field(catalog.TypeMonth), "2024年3月", "2024-03", ""},
		{"MonthFromDate", field(catalog.TypeMonth), "2024-03-31", "2024-03", ""},
		{"ErrMonth", field(catalog.TypeMonth), "2024-13", "", catalog.ReasonRange},
		{"Int", field(catalog.TypeInt), "1,234", "1234", ""},
		{"IntSpreadsheet", field(catalog.TypeInt), "12.0", "12", ""},
		{"ErrIntFraction", field(catalog.TypeInt), "1.5", "", catalog.ReasonFormat},
		{"ErrIntGrouping", field(catalog.TypeInt), "12,34", "", catalog.ReasonFormat},
		{"Decimal", field(catalog.TypeDecimal), "-007.50", "-7.5", ""},
		{"DecimalNegativeZero", field(catalog.TypeDecimal), "-0.00", "0", ""},
		{"Bool", field(catalog.TypeBool), "是", "true", ""},
		{"BoolN", field(catalog.TypeBool), "n", "false", ""},
		{"ErrBool", field(catalog.TypeBool), "maybe", "", catalog.ReasonFormat},
		{"EnumLabel", status, "无效", "2", ""},
		{"EnumValue", status, "1", "1", ""},
		{"ErrEnum", status, "3", "", catalog.ReasonEnum},
		{"EnumMultiCatalogOrder", penaltyTypes, "罚款、警告", "警告;罚款", ""},
		{"EnumMultiAlias", penaltyTypes, "罚款；暂扣或吊销许可证", "罚款;暂扣或者吊销许可证", ""},
		{"ErrEnumMulti", penaltyTypes, "罚款,拘役", "", catalog.ReasonEnum},
		{"USCC", field(catalog.TypeUSCC), " 91230500ma1b3n1n2m ", "91230500MA1B3N1N2M", ""},
		{"ErrUSCCLetterI", field(catalog.TypeUSCC), "91230500MA1B3N1NIM", "", catalog.ReasonFormat},
		{"ErrUSCCLength", field(catalog.TypeUSCC), "9123050", "", catalog.ReasonFormat},
		{"Region", field(catalog.TypeRegion), "640100", "640100", ""},
		{"ErrRegion", field(catalog.TypeRegion), "64010", "", catalog.ReasonFormat},
		{"Industry", field(catalog.TypeIndustry), "c1311", "C1311", ""},
		{"ErrIndustry", field(catalog.TypeIndustry), "Z99", "", catalog.ReasonFormat},
		{"IDNumberMasked", field(catalog.TypeIDNumber), "1101051949****002x", "1101051949****002X", ""},
		{"ErrIDNumber", field(catalog.TypeIDNumber), "11010519490101002", "", catalog.ReasonFormat},
		{"Phone", field(catalog.TypePhone), "0951-1234 567", "0951-1234567", ""},
		{"ErrPhone", field(catalog.TypePhone), "call me", "", catalog.ReasonFormat},
		{"TextTrim", field(catalog.TypeText), "\u3000违反规定\n第二行 ", "违反规定\n第二行", ""},
		{"ErrStringControl", field(catalog.TypeString), "a\x00b", "", catalog.ReasonFormat},
		{"ErrStringNewline", field(catalog.TypeString), "a\nb", "", catalog.ReasonFormat},
		{"MaxLenRunes", short, "双鸭山", "双鸭山", ""},
		{"ErrMaxLen", short, "双鸭山市", "", catalog.ReasonTooLong},
		{"Empty", field(catalog.TypeDate), "  ", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f.Parse(tt.raw)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Parse(%q) err=%v", tt.raw, err)
				}
				if got != tt.want {
					t.Fatalf("Parse(%q)=%q, want %q", tt.raw, got, tt.want)
				}
				return
			}
			var fe *catalog.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Parse(%q)=%q, %v; want a *FieldError", tt.raw, got, err)
			}
			if fe.Reason != tt.err || fe.Field != tt.f.Code || fe.Msg == "" || fe.MsgEN == "" {
				t.Fatalf("Parse(%q) err=%+v, want reason %s for field %s in both languages", tt.raw, fe, tt.err, tt.f.Code)
			}
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("a FieldError must count as apperr.Invalid")
			}
		})
	}
}
