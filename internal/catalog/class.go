// SPDX-License-Identifier: Apache-2.0

package catalog

// Disclosure is how far an item (or field) may travel beyond the credit centre.
type Disclosure string

// The disclosure classes, from most to least open.
const (
	// Public information (行政处罚, 行政许可, 失信名单) may be shown to any
	// access institution with a legitimate purpose.
	Public Disclosure = "public"
	// Authorized information (纳税额, 社保缴费, 进出口额) is a trade secret of
	// the enterprise and is shown only under its authorization (授权).
	Authorized Disclosure = "authorized"
	// VerifyOnly information is never shown as detail: institutions get yes/no
	// answers to questions they ask (数据核验, "可用不可见").
	VerifyOnly Disclosure = "verify_only"
)

var disclosureRank = map[Disclosure]int{Public: 0, Authorized: 1, VerifyOnly: 2}

// Valid reports whether d is a known class.
func (d Disclosure) Valid() bool { _, ok := disclosureRank[d]; return ok }

// AtLeast reports whether d is as strict as o or stricter.
func (d Disclosure) AtLeast(o Disclosure) bool { return disclosureRank[d] >= disclosureRank[o] }

// Polarity says whether an item speaks for or against an enterprise's credit.
type Polarity string

// The polarities.
const (
	Positive Polarity = "positive" // 守信激励: 荣誉, 资质, 政策支持
	Negative Polarity = "negative" // 失信信息: subject to publicity periods and credit repair
	Neutral  Polarity = "neutral"  // 基础信息 and operating data
)

// Valid reports whether p is a known polarity.
func (p Polarity) Valid() bool { return p == Positive || p == Negative || p == Neutral }

// Severity is the class of negative information under 《信用修复管理办法》
// (NDRC Order No. 36): it bounds how long the information is published.
type Severity string

// The severity classes.
const (
	Minor   Severity = "minor"   // 轻微: in principle not published, at most 3 months
	General Severity = "general" // 一般: 3 months to 1 year
	Serious Severity = "serious" // 严重: 1 to 3 years
)

// Bounds returns the statutory minimum and maximum publicity in months.
// ok is false for an unknown severity.
func (s Severity) Bounds() (minMonths, maxMonths int, ok bool) {
	switch s {
	case Minor:
		return 0, 3, true
	case General:
		return 3, 12, true
	case Serious:
		return 12, 36, true
	}
	return 0, 0, false
}

// Label returns the Chinese name of the class.
func (s Severity) Label() string {
	return map[Severity]string{Minor: "轻微", General: "一般", Serious: "严重"}[s]
}

// Sharing is how the provider's data reaches the platform (52号 §5).
type Sharing string

// The sharing methods.
const (
	Batch  Sharing = "batch"  // 物理归集: files or pushed batches stored here
	API    Sharing = "api"    // 接口调用: fetched from the provider on demand
	Verify Sharing = "verify" // 数据核验: the provider answers yes/no, no detail is stored
)

// Valid reports whether s is a known method.
func (s Sharing) Valid() bool { return s == Batch || s == API || s == Verify }

// Frequency is how often a provider is expected to deliver an item.
type Frequency string

// The update frequencies.
const (
	Realtime  Frequency = "realtime"
	Daily     Frequency = "daily"
	Weekly    Frequency = "weekly"
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
	Yearly    Frequency = "yearly"
)

var frequencies = map[Frequency]struct {
	iso  string
	days int
}{
	// A realtime feed is late when it has been silent for a whole day.
	Realtime: {"PT0S", 1}, Daily: {"P1D", 1}, Weekly: {"P7D", 7},
	// Days are the longest the period can be, so a monthly provider is not
	// flagged late in a 31-day month.
	Monthly: {"P1M", 31}, Quarterly: {"P3M", 92}, Yearly: {"P1Y", 366},
}

// Valid reports whether f is a known frequency.
func (f Frequency) Valid() bool { _, ok := frequencies[f]; return ok }

// ISO8601 returns the delivery period as an ISO 8601 duration (PT0S for realtime).
func (f Frequency) ISO8601() string { return frequencies[f].iso }

// Days returns the longest gap, in days, between two deliveries that still
// counts as on time. Timeliness (及时性) checks compare against it.
func (f Frequency) Days() int { return frequencies[f].days }
