// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Field limits, in characters. Longest real enterprise names are about 60
// characters; the limits only stop garbage.
const (
	maxName    = 200
	maxLegal   = 100
	maxAddress = 300
	maxTag     = 32
	maxID      = 64
)

// Validate checks every field and returns an apperr.Invalid error naming
// the first bad field and why, in Chinese and English. It does not change
// the subject; call Derive first to fill derived fields.
//
// A pilot code is valid only when the subject carries FlagPilotCode, and an
// unknown region only with FlagRegionUnknown: a warning is accepted only
// if it is recorded on the subject.
func (s *Subject) Validate() error {
	if s.ID != "" && (len(s.ID) > maxID || strings.Trim(s.ID, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_") != "") {
		return invalid("id", "格式无效", "malformed")
	}
	if s.USCC == "" {
		return invalid("uscc", "不能为空", "is required")
	}
	if s.USCC != Normalize(s.USCC) {
		return invalid("uscc", "未规范化", "is not normalized")
	}
	v := Check(s.USCC, CheckOptions{AcceptPilot: s.HasFlag(FlagPilotCode)})
	if errs := v.Errors(); len(errs) > 0 {
		return invalid("uscc", errs[0].Zh, errs[0].En)
	}
	if s.HasFlag(FlagPilotCode) && !v.Pilot {
		return invalid("flags", "代码不是试点代码，不能标记 pilot_code", "pilot_code is set but the code is not a pilot code")
	}
	if err := text("name", s.Name, maxName, true); err != nil {
		return err
	}
	if !s.Type.Valid() {
		return invalid("type", fmt.Sprintf("未知类型 %q", s.Type), fmt.Sprintf("unknown type %q", s.Type))
	}
	if err := text("legal_rep", s.LegalRep, maxLegal, false); err != nil {
		return err
	}
	if err := s.validateRegion(); err != nil {
		return err
	}
	if s.IndustryCode != "" {
		if err := Industries().Validate(s.IndustryCode); err != nil {
			return apperr.Invalidf("industry_code: %s", apperr.Message(err))
		}
		if Industries().Normalize(s.IndustryCode) != s.IndustryCode {
			return invalid("industry_code", "未规范化", "is not normalized")
		}
	}
	if !s.Status.Valid() {
		return invalid("status", fmt.Sprintf("未知状态 %q", s.Status), fmt.Sprintf("unknown status %q", s.Status))
	}
	if r := s.RegisteredAt; !r.IsZero() {
		if _, off := r.Zone(); off != 0 || r.Hour() != 0 || r.Minute() != 0 || r.Second() != 0 || r.Nanosecond() != 0 {
			return invalid("registered_at", "应为UTC零点的日期", "must be a date at 00:00 UTC")
		}
		if r.Year() < 1900 {
			return invalid("registered_at", "早于1900年", "is before 1900")
		}
	}
	if s.RegisteredCapitalFen < 0 {
		return invalid("registered_capital_fen", "不能为负数", "must not be negative")
	}
	if err := text("address", s.Address, maxAddress, false); err != nil {
		return err
	}
	for i, t := range s.Tags {
		f := fmt.Sprintf("tags[%d]", i)
		if err := text(f, t, maxTag, true); err != nil {
			return err
		}
		if slices.Index(s.Tags, t) != i {
			return invalid(f, "重复", "is a duplicate")
		}
	}
	if err := s.validateAliases(); err != nil {
		return err
	}
	for i, f := range s.Flags {
		if !f.Valid() || slices.Index(s.Flags, f) != i {
			return invalid(fmt.Sprintf("flags[%d]", i), fmt.Sprintf("未知或重复 %q", f), fmt.Sprintf("unknown or duplicate %q", f))
		}
	}
	for _, t := range []struct {
		field string
		off   int
	}{{"created_at", zoneOffset(s.CreatedAt)}, {"updated_at", zoneOffset(s.UpdatedAt)}} {
		if t.off != 0 {
			return invalid(t.field, "应为UTC时间", "must be in UTC")
		}
	}
	if !s.CreatedAt.IsZero() && s.UpdatedAt.Before(s.CreatedAt) {
		return invalid("updated_at", "早于创建时间", "is before created_at")
	}
	return nil
}

func (s *Subject) validateRegion() error {
	if s.RegionCode == "" {
		return nil
	}
	if len(s.RegionCode) != 6 || !allDigits(s.RegionCode) {
		return invalid("region_code", "应为6位数字", "must be 6 digits")
	}
	if _, st := Regions().Lookup(s.RegionCode); st == RegionUnknown && !s.HasFlag(FlagRegionUnknown) {
		return invalid("region_code", "不在 GB/T 2260 现行或历史代码中", "is in no edition of GB/T 2260")
	}
	return nil
}

func (s *Subject) validateAliases() error {
	for i, a := range s.Aliases {
		f := fmt.Sprintf("aliases[%d]", i)
		switch {
		case !a.Kind.Valid():
			return invalid(f+".kind", fmt.Sprintf("未知类型 %q", a.Kind), fmt.Sprintf("unknown kind %q", a.Kind))
		case a.Kind == AliasFormerName:
			if err := text(f+".value", a.Value, maxName, true); err != nil {
				return err
			}
		case a.Value != Normalize(a.Value):
			return invalid(f+".value", "未规范化", "is not normalized")
		default:
			if lv := CheckLegacy(a.Kind, a.Value); !lv.Valid {
				p := lv.Problems[0]
				return invalid(f+".value", p.Zh, p.En)
			}
		}
		if slices.Index(s.Aliases, a) != i {
			return invalid(f, "重复", "is a duplicate")
		}
	}
	return nil
}

// text checks a free-text field: valid UTF-8, no control characters, no
// surrounding space, at most max characters, and present if required.
func text(field, s string, max int, required bool) error {
	switch {
	case s == "":
		if required {
			return invalid(field, "不能为空", "is required")
		}
	case !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0:
		return invalid(field, "含有无效或控制字符", "contains invalid or control characters")
	case strings.TrimSpace(s) != s:
		return invalid(field, "首尾不能有空白", "has leading or trailing space")
	case utf8.RuneCountInString(s) > max:
		return invalid(field, fmt.Sprintf("超过%d个字符", max), fmt.Sprintf("is longer than %d characters", max))
	}
	return nil
}

func zoneOffset(t time.Time) int { _, off := t.Zone(); return off }

func invalid(field, zh, en string) error {
	return apperr.Invalidf("%s: %s / %s", field, zh, en)
}
