// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/subject"
)

// checkCodes applies the code standards the catalog checks only for shape:
// GB 32100 check characters for unified codes (early Fujian pilot codes
// pass, flagged on the subject), GB/T 2260 for regions (current or
// historical) and GB/T 4754-2017 for industries. The subject field may hold
// a legacy identifier instead of a unified code; that is resolved, not
// rejected, when it has the shape of one.
func checkCodes(it catalog.Item, r RawRow, norm map[string]string) []Rejection {
	var out []Rejection
	for _, f := range it.Fields {
		v := norm[f.Code]
		if v == "" {
			continue
		}
		switch f.Type {
		case catalog.TypeUSCC:
			if f.Code == it.SubjectField && len(subject.Normalize(v)) != subject.USCCLen && subject.LegacyKind(v) != "" {
				continue
			}
			vd := subject.Check(v, subject.CheckOptions{AcceptPilot: true})
			if errs := vd.Errors(); len(errs) > 0 {
				out = append(out, codeReject(r, f, "uscc", errs[0].Zh, errs[0].En))
			}
		case catalog.TypeString:
			// A subject field typed as text (经营异常名录: code or registration
			// number) is still checked when it has the length of a unified code.
			if f.Code == it.SubjectField && len(subject.Normalize(v)) == subject.USCCLen {
				vd := subject.Check(v, subject.CheckOptions{AcceptPilot: true})
				if errs := vd.Errors(); len(errs) > 0 {
					out = append(out, codeReject(r, f, "uscc", errs[0].Zh, errs[0].En))
				}
			}
		case catalog.TypeRegion:
			if _, st := subject.Regions().Lookup(v); st == subject.RegionUnknown {
				out = append(out, codeReject(r, f, "region", "不是有效的行政区划代码（GB/T 2260）", "not a GB/T 2260 region code"))
			}
		case catalog.TypeIndustry:
			if err := subject.Industries().Validate(v); err != nil {
				out = append(out, codeReject(r, f, "industry", "不是有效的国民经济行业代码（GB/T 4754-2017）", "not a GB/T 4754-2017 industry code"))
			}
		}
	}
	return out
}

func codeReject(r RawRow, f catalog.Field, reason, zh, en string) Rejection {
	return Rejection{Row: r.Num, Field: f.Code, Label: f.Name, Reason: reason, Msg: zh, MsgEN: en, Raw: clip(r.Values[f.Code])}
}
