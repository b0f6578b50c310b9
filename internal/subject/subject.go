// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"slices"
	"strings"
	"time"
)

// Subject is one entry of the enterprise master (信息主体): an enterprise,
// individual business or other organization identified by its unified
// social credit code.
type Subject struct {
	ID           string // app-generated, sortable; empty before creation
	USCC         string // normalized 统一社会信用代码
	Name         string // current registered name
	Type         Type
	LegalRep     string // 法定代表人 / 负责人 / 经营者 name
	RegionCode   string // GB/T 2260 code of the registering authority, as of registration
	IndustryCode string // GB/T 4754-2017, any level
	Status       Status
	RegisteredAt time.Time // date of establishment, 00:00 UTC; zero if unknown
	// RegisteredCapitalFen is 注册资本 in fen (1/100 yuan); 0 if unknown.
	RegisteredCapitalFen int64
	Address              string
	Tags                 []string
	Aliases              []Alias
	Flags                []Flag
	CreatedAt            time.Time // UTC
	UpdatedAt            time.Time // UTC
}

// Alias is another identifier or a former name under which records about
// the subject may arrive.
type Alias struct {
	Kind  AliasKind
	Value string
}

// HasFlag reports whether the subject carries f.
func (s *Subject) HasFlag(f Flag) bool { return slices.Contains(s.Flags, f) }

// Derive checks the code and fills in what it implies: the normalized
// code, Type and RegionCode when empty, and a Flag for every warning. It
// also trims names, normalizes alias codes and the industry code, and
// truncates RegisteredAt to its UTC date. It returns the Verdict so the
// caller can report problems; Validate decides whether the subject may be
// stored.
func (s *Subject) Derive(opts CheckOptions) Verdict {
	v := Check(s.USCC, opts)
	s.USCC = v.Code
	if s.Type == "" && len(v.Code) == USCCLen {
		s.Type = v.Category.Type
	}
	if s.RegionCode == "" && v.Valid {
		s.RegionCode = v.Code[2:8]
	}
	if v.Valid {
		for _, f := range v.Flags() {
			if !s.HasFlag(f) {
				s.Flags = append(s.Flags, f)
			}
		}
	}
	s.Name = strings.TrimSpace(s.Name)
	s.LegalRep = strings.TrimSpace(s.LegalRep)
	s.Address = strings.TrimSpace(s.Address)
	if s.IndustryCode != "" {
		s.IndustryCode = Industries().Normalize(s.IndustryCode)
	}
	if !s.RegisteredAt.IsZero() {
		y, m, d := s.RegisteredAt.Date()
		s.RegisteredAt = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	for i, t := range s.Tags {
		s.Tags[i] = strings.TrimSpace(t)
	}
	for i, a := range s.Aliases {
		if a.Kind == AliasFormerName {
			s.Aliases[i].Value = strings.TrimSpace(a.Value)
		} else {
			s.Aliases[i].Value = Normalize(a.Value)
		}
	}
	return v
}

// TypeFromCode returns the subject type positions 1–2 of a code imply:
// 91 企业, 92 个体工商户, 93 农民专业合作社, 5x 社会组织, 11 机关, 12 and
// A1 事业单位, anything else 其他.
func TypeFromCode(code string) Type {
	c := Normalize(code)
	if len(c) < 2 {
		return TypeOther
	}
	cat, _ := Categories().Lookup(c[:2])
	return cat.Type
}
