// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

func mustSubject(tb testing.TB) Subject {
	tb.Helper()
	s := Subject{
		ID: "01J9Z3Q4K5M6N7P8Q9R0S1T2V3", USCC: " 9144 0300 1922 0382 16 ", Name: " 深圳市示例科技有限公司 ",
		LegalRep: "张三", IndustryCode: "i6513", Status: StatusActive,
		RegisteredAt:         time.Date(1995, 3, 14, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		RegisteredCapitalFen: 10_000_000_00, Address: "深圳市南山区科技园",
		Tags:      []string{"高新技术企业"},
		Aliases:   []Alias{{AliasRegNo15, "4403011 0000 0016"}, {AliasOrgCode9, "19220382-1"}, {AliasFormerName, "深圳市示例电子有限公司"}},
		CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), UpdatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	if v := s.Derive(CheckOptions{}); !v.Valid {
		tb.Fatalf("Derive: %v", v.Problems)
	}
	if err := s.Validate(); err != nil {
		tb.Fatalf("Validate: %v", err)
	}
	return s
}

func TestSubject_Derive(t *testing.T) {
	s := mustSubject(t)
	if s.USCC != "914403001922038216" || s.Type != TypeEnterprise || s.RegionCode != "440300" || s.Name != "深圳市示例科技有限公司" ||
		s.IndustryCode != "6513" || len(s.Flags) != 0 {
		t.Fatalf("derived %+v", s)
	}
	if got, want := s.RegisteredAt, time.Date(1995, 3, 14, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Fatalf("RegisteredAt=%v, want %v", got, want)
	}
	if got, want := s.Aliases[0].Value, "440301100000016"; got != want {
		t.Fatalf("alias=%q, want %q", got, want)
	}

	p := Subject{USCC: "91350100M0001TGQXM", Name: "福州某公司", Status: StatusActive}
	if v := p.Derive(CheckOptions{AcceptPilot: true}); !v.Valid || !v.Pilot {
		t.Fatalf("pilot verdict %+v", v)
	}
	if !slices.Equal(p.Flags, []Flag{FlagPilotCode}) || p.Type != TypeEnterprise || p.RegionCode != "350100" {
		t.Fatalf("pilot subject %+v", p)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("flagged pilot: %v", err)
	}
	p.Flags = nil // the same code without the flag must not pass
	if err := p.Validate(); !apperr.Is(err, apperr.Invalid) || !strings.HasPrefix(apperr.Message(err), "uscc: 第18位校验码应为 1，实为 M；疑似福建早期试点代码") {
		t.Fatalf("unflagged pilot: %v", err)
	}

	u, _ := Make('9', '2', "999999", "MA2B3C4D")
	i := Subject{USCC: u, Name: "张三烧烤店", Status: StatusActive}
	i.Derive(CheckOptions{})
	if i.Type != TypeIndividual || !i.HasFlag(FlagRegionUnknown) || i.Validate() != nil {
		t.Fatalf("unknown region subject %+v: %v", i, i.Validate())
	}
}

func TestSubject_Validate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		mutate func(*Subject)
		want   string
	}{
		{"ErrUSCCMissing", func(s *Subject) { s.USCC = "" }, "uscc: 不能为空 / is required"},
		{"ErrUSCCNotNormal", func(s *Subject) { s.USCC = "91440300-1922038216" }, "uscc: 未规范化 / is not normalized"},
		{"ErrUSCCCheck", func(s *Subject) { s.USCC = "914403001922038217" },
			"uscc: 第18位校验码应为 6，实为 7 / check character 18 should be '6' but is '7'"},
		{"ErrName", func(s *Subject) { s.Name = "" }, "name: 不能为空 / is required"},
		{"ErrNameControl", func(s *Subject) { s.Name = "A\x00B" }, "name: 含有无效或控制字符 / contains invalid or control characters"},
		{"ErrNameLong", func(s *Subject) { s.Name = strings.Repeat("名", 201) }, "name: 超过200个字符 / is longer than 200 characters"},
		{"ErrType", func(s *Subject) { s.Type = "llc" }, `type: 未知类型 "llc" / unknown type "llc"`},
		{"ErrRegion", func(s *Subject) { s.RegionCode = "44030" }, "region_code: 应为6位数字 / must be 6 digits"},
		{"ErrRegionUnknown", func(s *Subject) { s.RegionCode = "999999" },
			"region_code: 不在 GB/T 2260 现行或历史代码中 / is in no edition of GB/T 2260"},
		{"ErrIndustry", func(s *Subject) { s.IndustryCode = "9999" },
			`industry_code: 行业代码 "9999" 不在 GB/T 4754-2017 中 / industry code "9999" is not in GB/T 4754-2017`},
		{"ErrStatus", func(s *Subject) { s.Status = "" }, `status: 未知状态 "" / unknown status ""`},
		{"ErrRegisteredAtTime", func(s *Subject) { s.RegisteredAt = s.RegisteredAt.Add(time.Hour) },
			"registered_at: 应为UTC零点的日期 / must be a date at 00:00 UTC"},
		{"ErrCapital", func(s *Subject) { s.RegisteredCapitalFen = -1 }, "registered_capital_fen: 不能为负数 / must not be negative"},
		{"ErrTagDup", func(s *Subject) { s.Tags = append(s.Tags, s.Tags[0]) }, "tags[1]: 重复 / is a duplicate"},
		{"ErrAliasKind", func(s *Subject) { s.Aliases[0].Kind = "passport" },
			`aliases[0].kind: 未知类型 "passport" / unknown kind "passport"`},
		{"ErrAliasOrgCheck", func(s *Subject) { s.Aliases[1].Value = "192203820" },
			"aliases[1].value: 第9位组织机构代码校验码应为 1，实为 0 / check character 9 (organization code) should be '1' but is '0'"},
		{"ErrAliasDup", func(s *Subject) { s.Aliases = append(s.Aliases, s.Aliases[2]) }, "aliases[3]: 重复 / is a duplicate"},
		{"ErrFlag", func(s *Subject) { s.Flags = []Flag{"vip"} }, `flags[0]: 未知或重复 "vip" / unknown or duplicate "vip"`},
		{"ErrFlagPilotOnNormalCode", func(s *Subject) { s.Flags = []Flag{FlagPilotCode} },
			"flags: 代码不是试点代码，不能标记 pilot_code / pilot_code is set but the code is not a pilot code"},
		{"ErrCreatedAtZone", func(s *Subject) { s.CreatedAt = s.CreatedAt.In(time.FixedZone("CST", 8*3600)) },
			"created_at: 应为UTC时间 / must be in UTC"},
		{"ErrUpdatedBeforeCreated", func(s *Subject) { s.UpdatedAt = s.CreatedAt.Add(-time.Second) },
			"updated_at: 早于创建时间 / is before created_at"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSubject(t)
			tt.mutate(&s)
			err := s.Validate()
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Validate()=%v, want Invalid", err)
			}
			if got := apperr.Message(err); got != tt.want {
				t.Fatalf("message=%q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]Status{
		"存续": StatusActive, "在业": StatusActive, "存续（在营、开业、在册）": StatusActive, "active": StatusActive,
		"吊销": StatusRevoked, "吊销，未注销": StatusRevoked, "吊销未注销": StatusRevoked, "吊销，已注销": StatusCancelled,
		"注销": StatusCancelled, "已注销": StatusCancelled, "迁出": StatusMovedOut, "停业": StatusSuspended,
		"清算": StatusLiquidating, "撤销": StatusRescinded,
	} {
		if got, ok := ParseStatus(in); !ok || got != want {
			t.Errorf("ParseStatus(%q)=%q,%v, want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseStatus("营业中?"); ok {
		t.Error("unknown wording accepted")
	}
}

func TestTypeFromCode(t *testing.T) {
	for code, want := range map[string]Type{
		"914403001922038216": TypeEnterprise, "92": TypeIndividual, "93": TypeCooperative, "51": TypeSocialOrg,
		"52": TypeSocialOrg, "59": TypeSocialOrg, "12440600MB2C07549J": TypeInstitution, "11": TypeGovernment,
		"A1": TypeInstitution, "Y1": TypeOther, "N2": TypeOther, "G1": TypeOther, "": TypeOther,
	} {
		if got := TypeFromCode(code); got != want {
			t.Errorf("TypeFromCode(%q)=%q, want %q", code, got, want)
		}
	}
	if got, want := TypeIndividual.Label(), "个体工商户"; got != want {
		t.Errorf("Label=%q, want %q", got, want)
	}
}
