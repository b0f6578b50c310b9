// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"fmt"
	"unicode/utf8"
)

// Check validates a 统一社会信用代码 against GB 32100-2015 and decodes it.
//
// Errors (the code cannot identify anyone): wrong length, a character outside
// Alphabet or a non-digit in positions 3–8, a wrong position-17 check
// (GB 11714) or a wrong position-18 check (GB 32100). Warnings (kept with
// the record): a department/category pair or a region code that is not in
// our reference tables, since both lists grow and regions are as of
// registration.
//
// Pilot codes: the first codes issued in Fujian before the national rollout
// (e.g. 91350100M0001TGQXM, 91350203M0001QKT19) are registered but fail the
// position-18 check. A code is treated as a pilot code when, and only when,
// position 18 is the only error, positions 3–4 are 35 (Fujian), position 9
// is 'M' and position 17 passes GB 11714 — both known examples pass it,
// while a random typo in 9–17 fails it ten times in eleven. Such a code is
// an error with code ProblemPilot, or a ProblemPilot warning with
// opts.AcceptPilot; Verdict.Pilot is set in both cases.
func Check(code string, opts CheckOptions) Verdict {
	v := Verdict{Code: Normalize(code)}
	c := v.Code
	if n := utf8.RuneCountInString(c); n != USCCLen {
		v.add(SeverityError, ProblemLength, 0, fmt.Sprint(n), "18",
			fmt.Sprintf("统一社会信用代码应为18位，实为 %d 位", n),
			fmt.Sprintf("code should have 18 characters but has %d", n))
		if k := LegacyKind(c); k != "" {
			v.add(SeverityWarning, ProblemLegacyID, 0, string(k), "uscc",
				"看起来是"+k.Label()+"，请提供18位统一社会信用代码",
				"looks like a "+k.LabelEn()+"; supply the 18-character code")
		}
		return v
	}
	if !v.checkCharset() { // also guarantees ASCII from here on
		return v
	}
	v.OrgCode = c[8:17]
	v.Category, _ = Categories().Lookup(c[:2])
	v.Region, v.RegionStatus = Regions().Lookup(c[2:8])
	oc, _ := ComputeOrgCheck(c[8:16]) // charset checked: cannot fail
	orgOK := oc == c[16]
	if !orgOK {
		v.add(SeverityError, ProblemOrgCheck, 17, c[16:17], string(oc),
			fmt.Sprintf("第17位组织机构代码校验码应为 %c，实为 %c", oc, c[16]),
			fmt.Sprintf("check character 17 (organization code) should be '%c' but is '%c'", oc, c[16]))
	}
	if c18, _ := ComputeCheck18(c[:17]); c18 != c[17] {
		switch {
		case orgOK && c[2:4] == "35" && c[8] == 'M':
			v.Pilot = true
			sev, zh, en := SeverityError, "疑似福建早期试点代码，仅在导入模式下接受", "looks like an early Fujian pilot code, accepted only in import mode"
			if opts.AcceptPilot {
				sev, zh, en = SeverityWarning, "符合福建早期试点代码特征，按试点代码接受，须人工核实", "accepted as an early Fujian pilot code, verify manually"
			}
			v.add(sev, ProblemPilot, 18, c[17:], string(c18),
				fmt.Sprintf("第18位校验码应为 %c，实为 %c；%s", c18, c[17], zh),
				fmt.Sprintf("check character 18 should be '%c' but is '%c'; %s", c18, c[17], en))
		default:
			v.add(SeverityError, ProblemUSCCCheck, 18, c[17:], string(c18),
				fmt.Sprintf("第18位校验码应为 %c，实为 %c", c18, c[17]),
				fmt.Sprintf("check character 18 should be '%c' but is '%c'", c18, c[17]))
		}
	}
	v.checkReference()
	v.Valid = len(v.Errors()) == 0
	return v
}

// checkCharset reports every character that is not allowed at its position.
func (v *Verdict) checkCharset() bool {
	ok, pos := true, 0
	for _, r := range v.Code {
		pos++
		if pos >= 3 && pos <= 8 {
			if r < '0' || r > '9' {
				ok = false
				v.add(SeverityError, ProblemCharset, pos, string(r), "0-9",
					fmt.Sprintf("第%d位应为数字，实为 %c", pos, r),
					fmt.Sprintf("character %d should be a digit but is '%c'", pos, r))
			}
			continue
		}
		if r >= utf8.RuneSelf || usccValue[r] < 0 {
			ok = false
			v.add(SeverityError, ProblemCharset, pos, string(r), Alphabet,
				fmt.Sprintf("第%d位字符 %c 不在代码字符集内（不使用 I、O、S、V、Z）", pos, r),
				fmt.Sprintf("character %d '%c' is not in the code alphabet (I, O, S, V and Z are never used)", pos, r))
		}
	}
	return ok
}

// checkReference adds the warnings about positions 1–8 that only our
// reference tables, not the standard, can decide.
func (v *Verdict) checkReference() {
	c := v.Code
	switch {
	case v.Category.DeptName == "":
		v.add(SeverityWarning, ProblemDeptUnknown, 1, c[:1], "",
			fmt.Sprintf("第1位登记管理部门代码 %c 未收录", c[0]),
			fmt.Sprintf("registration department '%c' (character 1) is not in the reference table", c[0]))
	case v.Category.Name == "":
		v.add(SeverityWarning, ProblemDeptUnknown, 2, c[1:2], "",
			fmt.Sprintf("第2位机构类别 %c 在登记管理部门 %c（%s）下未收录", c[1], c[0], v.Category.DeptName),
			fmt.Sprintf("category '%c' (character 2) is not listed under department '%c' (%s)", c[1], c[0], v.Category.DeptNameEn))
	}
	if v.RegionStatus == RegionUnknown {
		v.add(SeverityWarning, ProblemRegionUnknown, 3, c[2:8], "",
			fmt.Sprintf("第3–8位行政区划码 %s 不在 GB/T 2260 现行或历史代码中", c[2:8]),
			fmt.Sprintf("region code %s (characters 3–8) is in neither the current nor the historical GB/T 2260 list", c[2:8]))
	}
}

func (v *Verdict) add(sev Severity, code string, pos int, found, expected, zh, en string) {
	v.Problems = append(v.Problems, Problem{Code: code, Severity: sev, Pos: pos, Found: found, Expected: expected, Zh: zh, En: en})
}
