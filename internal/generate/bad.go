// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"strings"

	"github.com/xinrong/xinrong/internal/catalog"
)

// BadKind is a kind of deliberately broken row, the mistakes real
// providers make. The manifest counts each kind per file, so ingest tests
// can check receipts exactly.
type BadKind int

// The kinds, in the order the manifest describes them.
const (
	BadUSCCCheck      BadKind = iota // wrong check character 18
	BadUSCCLength                    // a 17-character code
	BadUSCCCharset                   // I, O, S, V or Z in the code
	BadMissing                       // a required field left empty
	BadDate                          // 2023-13-45, 2023/2/30
	BadAmountText                    // 约5万 in an amount
	BadEnum                          // a value outside the enum
	BadEndBeforeStart                // 有效期至 before 有效期自
	BadTooFewColumns                 // a CSV/XLSX row cut short
	BadTooManyColumns                // a CSV/XLSX row with extra cells
	BadUnknownSubject                // a valid code that is not in the master: quarantine
	BadTrailingSpace                 // trailing spaces: valid after normalisation
	BadFullWidth                     // full-width digits: valid after normalisation
	numBadKinds
)

// BadKindInfo describes a kind for the manifest.
type BadKindInfo struct {
	Kind        string `json:"kind"`
	Outcome     string `json:"outcome"` // rejected, quarantined or accepted
	Description string `json:"description"`
}

var badKinds = [numBadKinds]BadKindInfo{
	{"uscc_check", "rejected", "统一社会信用代码校验码错误（第18位；福建第9位为M的代码改第17位，以免被当作试点代码）/ wrong check character 18 (17 for Fujian codes with M in position 9, which would read as pilot codes)"},
	{"uscc_length", "rejected", "统一社会信用代码只有17位 / code with 17 characters"},
	{"uscc_charset", "rejected", "代码中出现 I、O、S、V、Z / code containing I, O, S, V or Z"},
	{"missing_required", "rejected", "必填字段为空 / a required field is empty"},
	{"bad_date", "rejected", "不存在的日期，如 2023-13-45、2023/2/30 / a date that does not exist"},
	{"amount_text", "rejected", "金额中含文字，如“约5万” / text in an amount"},
	{"bad_enum", "rejected", "不在允许取值内的代码值 / a value outside the field's enum"},
	{"end_before_start", "rejected", "截止日期早于起始日期 / end date before start date"},
	{"too_few_columns", "rejected", "列数少于表头 / fewer columns than the header (CSV only)"},
	{"too_many_columns", "rejected", "列数多于表头 / more columns than the header (CSV, XLSX)"},
	{"unknown_subject", "quarantined", "有效代码但不在主体库中 / a valid code that is not in the enterprise master"},
	{"trailing_space", "accepted", "值末尾有空格，规范化后有效 / trailing spaces, valid after normalisation"},
	{"fullwidth_digits", "accepted", "全角数字，规范化后有效 / full-width digits, valid after normalisation"},
}

// String returns the kind's manifest name.
func (k BadKind) String() string { return badKinds[k].Kind }

// Rejects reports whether a row of this kind is rejected by ingest.
func (k BadKind) Rejects() bool { return badKinds[k].Outcome == "rejected" }

// BadKinds returns the descriptions of every kind.
func BadKinds() []BadKindInfo { return badKinds[:] }

// applicable lists the kinds that can break this row of this file.
func (p *filePlan) applicable(w *row, out []BadKind) []BadKind {
	out = out[:0]
	subj, hasSubj := p.index[p.item.SubjectField]
	code18 := hasSubj && len(w.vals[subj]) == 18
	if code18 {
		out = append(out, BadUSCCCheck, BadUSCCLength, BadUSCCCharset, BadTrailingSpace, BadFullWidth)
		if p.item.Code != masterItem {
			out = append(out, BadUnknownSubject)
		}
	}
	if p.firstField(w, func(f catalog.Field) bool { return f.Required == catalog.Required }) >= 0 {
		out = append(out, BadMissing)
	}
	if p.firstField(w, func(f catalog.Field) bool { return f.Type == catalog.TypeDate || f.Type == catalog.TypeMonth }) >= 0 {
		out = append(out, BadDate)
	}
	if p.firstField(w, func(f catalog.Field) bool { return f.Type.IsMoney() }) >= 0 {
		out = append(out, BadAmountText)
	}
	if p.firstField(w, func(f catalog.Field) bool { return f.Type == catalog.TypeEnum }) >= 0 {
		out = append(out, BadEnum)
	}
	for _, pr := range p.pairs {
		if w.vals[pr[0]] != "" {
			out = append(out, BadEndBeforeStart)
			break
		}
	}
	// A JSON object has no columns; a spreadsheet row cut short only looks
	// like empty trailing cells, which may be legitimately empty.
	if p.format == FormatCSV {
		out = append(out, BadTooFewColumns)
	}
	if p.format != FormatJSONL {
		out = append(out, BadTooManyColumns)
	}
	return out
}

// firstField returns the index of the first non-empty field matching ok.
func (p *filePlan) firstField(w *row, ok func(catalog.Field) bool) int {
	for i, f := range p.item.Fields {
		if w.vals[i] != "" && ok(f) {
			return i
		}
	}
	return -1
}

// fullWidth maps ASCII digits to full-width ones (０–９).
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}
