// SPDX-License-Identifier: Apache-2.0

package report

// chapter is one section of the standard report and the catalog
// categories it gathers. The order follows provincial public credit
// reports: what weighs against an enterprise first, then its operating
// data, then what speaks for it.
type chapter struct {
	code, zh, en string
	categories   []string
	empty        string // the note when the chapter has no catalog item
}

var chapters = []chapter{
	{code: "registration", zh: "登记及年报信息", en: "Registration details and annual reports", categories: []string{"REG"}},
	{code: "licences", zh: "行政许可信息", en: "Administrative licences", categories: []string{"LIC"}},
	{code: "penalties", zh: "行政处罚信息", en: "Administrative penalties", categories: []string{"PEN"}},
	{code: "dishonesty", zh: "严重失信主体名单及经营异常名录", en: "Lists of seriously dishonest entities and abnormal operations", categories: []string{"DIS", "ABN"}},
	{code: "judicial", zh: "司法判决及执行信息", en: "Judgments and enforcement", categories: []string{"JUD"}},
	{code: "tax", zh: "纳税信息", en: "Taxation", categories: []string{"TAX"}},
	{code: "social", zh: "社会保险和住房公积金", en: "Social insurance and housing fund", categories: []string{"SOC"}},
	{code: "utilities", zh: "水电气信息", en: "Water, electricity and gas", categories: []string{"UTL"}},
	{code: "real_estate", zh: "不动产信息", en: "Real estate", categories: []string{"EST"}},
	{code: "customs", zh: "进出口信息", en: "Imports and exports", categories: []string{"CUS"}},
	{code: "ip", zh: "知识产权", en: "Intellectual property", categories: []string{"IPR"}},
	{code: "rnd", zh: "科技研发资质", en: "Science, technology and R&D qualifications", categories: []string{"RND"}},
	{code: "honours", zh: "荣誉表彰和政策支持", en: "Honours and policy support", categories: []string{"HON", "POL"}},
	{code: "commitments", zh: "信用承诺", en: "Credit commitments", categories: []string{"CMT"},
		empty: "暂无信用承诺记录 / no credit commitment on record"},
	// Self-reported information comes last and apart: the enterprise
	// vouches for it with a signed commitment, nobody has checked it.
	{code: "self_reported", zh: "自愿填报信息（企业自报，未经核实）", en: "Self-reported information (reported by the enterprise, not verified)",
		categories: []string{SelfReportedCategory}, empty: "暂无自愿填报信息 / nothing self-reported"},
}

// SelfReportedCategory is the catalog category of what the enterprise
// reports itself (经营主体自愿提供的信用信息); its rows carry SelfReportedMark.
const SelfReportedCategory = "SLF"

// SelfReportedMark is shown on every self-reported row, with the number of
// the credit commitment that accompanied it.
const SelfReportedMark = "自愿填报（企业自报，未经核实） / self-reported, not verified"

// otherChapter gathers the categories of a local supplementary catalog.
var otherChapter = chapter{code: "other", zh: "其他信息（地方补充目录）", en: "Other information (local supplementary catalog)"}

// The fixed texts of every report.
const (
	titleZH = "企业信用信息报告"
	titleEN = "Enterprise Credit Information Report"

	disclaimer = "本报告信息来源于各数据提供单位向本平台报送的公共信用信息及经企业授权的信息，" +
		"平台对信息的真实性负有核查义务但不作担保。报告仅供报告使用机构在声明的用途内使用，" +
		"不得用于其他目的或向第三方提供。 / This report holds public credit information and " +
		"information authorized by the enterprise, as delivered by the data providers. It may be " +
		"used only by the requesting institution for the declared purpose and may not be passed on."
)

// notes are the standard notes; the edition adds its own.
var notes = []string{
	"已修复的失信信息和超过公示期的失信信息不在机构版报告中展示。 / Repaired records and records past their publicity period are not shown to institutions.",
	"标注“异议处理中”的记录正在核查，核查结果以平台更正为准。 / Records marked as disputed are being checked.",
	"“未获授权”的信息项须经企业授权方可查看；“仅供核验”的信息只以是/否方式提供。 / Items marked as not authorized need the enterprise's authorization; verify-only items answer yes/no questions only.",
	"报告编号和哈希可在本平台核验报告真伪。 / The report number and hash check the report's authenticity on this node.",
}
