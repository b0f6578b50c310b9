// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"github.com/xinrong/xinrong/internal/apperr"
)

// Severity says whether a Problem makes a code unusable.
type Severity string

// Severities. A warning never makes a Verdict invalid; it is kept with the
// record (see Flag) so that an operator can verify it.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Machine codes of Problems, stable for APIs, import reports and tests.
const (
	ProblemLength        = "length"         // not 18 characters
	ProblemCharset       = "charset"        // character outside the alphabet, or letter in 3–8
	ProblemOrgCheck      = "org_check"      // position 17 (GB 11714) wrong
	ProblemUSCCCheck     = "uscc_check"     // position 18 (GB 32100) wrong
	ProblemPilot         = "pilot"          // position 18 wrong in the Fujian pilot pattern
	ProblemRegionUnknown = "region_unknown" // 3–8 in no GB/T 2260 edition
	ProblemDeptUnknown   = "dept_unknown"   // 1–2 not in the department/category table
	ProblemLegacyID      = "legacy_id"      // input looks like a pre-2015 identifier
	ProblemLegacyCheck   = "legacy_check"   // legacy identifier with a wrong check digit
)

// Problem is one finding about a code, with a message in Chinese and in
// English that names the position, what was found and what was expected.
type Problem struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Pos      int      `json:"pos,omitempty"` // 1-based; 0 when about the whole code
	Found    string   `json:"found,omitempty"`
	Expected string   `json:"expected,omitempty"`
	Zh       string   `json:"zh"`
	En       string   `json:"en"`
}

// String returns the bilingual message, Chinese first.
func (p Problem) String() string { return p.Zh + " / " + p.En }

// CheckOptions change how strict Check is.
type CheckOptions struct {
	// AcceptPilot turns the Fujian pilot pattern (see Check) from an error
	// into a warning. Set it only when importing registry data, never for
	// codes typed by a user.
	AcceptPilot bool
}

// Verdict is the result of Check: the normalized code, whether it may be
// used, every problem found, and what the code says about its holder.
type Verdict struct {
	Code     string    `json:"code"`  // normalized input
	Valid    bool      `json:"valid"` // no error-severity problem
	Pilot    bool      `json:"pilot"` // matches the Fujian pilot pattern (accepted only with AcceptPilot)
	Problems []Problem `json:"problems,omitempty"`

	Category     Category     `json:"category"`      // positions 1–2
	Region       Region       `json:"region"`        // positions 3–8 as of registration
	RegionStatus RegionStatus `json:"region_status"` // current, historical, national or unknown
	OrgCode      string       `json:"org_code"`      // positions 9–17
}

// Errors returns the problems that make the code invalid.
func (v Verdict) Errors() []Problem { return v.filter(SeverityError) }

// Warnings returns the problems that were accepted but must be kept visible.
func (v Verdict) Warnings() []Problem { return v.filter(SeverityWarning) }

// Has reports whether a problem with the given machine code was found.
func (v Verdict) Has(code string) bool {
	for _, p := range v.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Err returns nil for a valid code, otherwise an apperr.Invalid error whose
// safe message is the first error's bilingual text.
func (v Verdict) Err() error {
	for _, p := range v.Problems {
		if p.Severity == SeverityError {
			return apperr.Invalidf("统一社会信用代码 %s 无效：%s / invalid unified social credit code %s: %s",
				v.Code, p.Zh, v.Code, p.En)
		}
	}
	return nil
}

// Flags returns the record flags implied by the warnings, for Subject.Flags.
func (v Verdict) Flags() []Flag {
	var fs []Flag
	for _, p := range v.Problems {
		if p.Severity != SeverityWarning {
			continue
		}
		switch p.Code {
		case ProblemPilot:
			fs = append(fs, FlagPilotCode)
		case ProblemRegionUnknown:
			fs = append(fs, FlagRegionUnknown)
		case ProblemDeptUnknown:
			fs = append(fs, FlagDeptUnknown)
		}
	}
	return fs
}

func (v Verdict) filter(s Severity) []Problem {
	var out []Problem
	for _, p := range v.Problems {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}
