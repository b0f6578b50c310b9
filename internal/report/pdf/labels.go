// SPDX-License-Identifier: Apache-2.0

package pdf

// labels are the fixed headings and field names of the PDF in one language.
// Data values never go through this table: they are printed as issued.
type labels struct {
	ReportNumber, Enterprise, USCC, IssuedAt, AsOf         string
	Requester, RequesterUser, Purpose, Authorizations      string
	Edition, CatalogVersion, AuditIndex, NoAuthorizations  string
	Basic, Name, Type, LegalRep, Status, Region, Industry  string
	RegisteredAt, Capital, Address, Aliases                string
	Summary, Category, Records, Withheld                   string
	StatusWithheld, StatusVerifyOnly, NoRecords, Record    string
	Disputed, PublicityEnd, Hidden, Provider, SourceTime   string
	Continued, Sources, Item, SourceAsOf                   string
	Evaluation, Score, Grade, Model, EvalAsOf, Explanation string
	Notes, Disclaimer, Verification, Hash, VerifyAt        string
	PageOf                                                 string // fmt: page, total
	Colon                                                  string // full-width in Chinese
	Editions                                               map[string]string
}

// zh is the default: the report is a Chinese document; the English
// rendering exists for foreign-invested banks' head offices.
var zh = labels{
	ReportNumber: "报告编号", Enterprise: "企业名称", USCC: "统一社会信用代码",
	IssuedAt: "报告时间", AsOf: "数据截止时间", Requester: "查询机构",
	RequesterUser: "查询用户", Purpose: "查询原因", Authorizations: "授权书编号",
	Edition: "报告版本", CatalogVersion: "目录版本", AuditIndex: "审计日志序号",
	NoAuthorizations: "无（仅含公开信息）", Basic: "一、登记基本信息",
	Name: "企业名称", Type: "企业类型", LegalRep: "法定代表人",
	Status: "登记状态", Region: "所在地区", Industry: "所属行业", RegisteredAt: "成立日期",
	Capital: "注册资本", Address: "住所", Aliases: "曾用名及历史代码",
	Summary: "二、信息概要", Category: "信息类别", Records: "记录数", Withheld: "未展示项",
	StatusWithheld: "未展示", StatusVerifyOnly: "仅供核验，不展示明细",
	NoRecords: "暂无记录", Record: "记录",
	Disputed: "异议处理中", PublicityEnd: "公示截止", Hidden: "已不向机构展示",
	Provider: "数据来源", SourceTime: "数据时间", Continued: "（续）",
	Sources: "数据来源", Item: "信息项", SourceAsOf: "最近更新",
	Evaluation: "信用评价", Score: "评分", Grade: "等级", Model: "模型版本",
	EvalAsOf: "评价时间", Explanation: "说明",
	Notes: "说明事项", Disclaimer: "声明", Verification: "报告验证 / Verification",
	Hash: "报告哈希（SHA-256）", VerifyAt: "可在 %s/reports/verify 按报告编号和哈希核验",
	PageOf: "第 %d 页 / 共 %d 页", Colon: "：",
	Editions: map[string]string{
		"institution": "机构版", "self": "自查版", "operator": "业务版",
	},
}

// en mirrors zh field for field; a missing translation would show up as an
// empty label in the English test.
var en = labels{
	ReportNumber: "Report No.", Enterprise: "Enterprise", USCC: "Unified Social Credit Code",
	IssuedAt: "Issued at", AsOf: "Data as of", Requester: "Requesting institution",
	RequesterUser: "Requesting user", Purpose: "Purpose", Authorizations: "Authorizations",
	Edition: "Edition", CatalogVersion: "Catalog version", AuditIndex: "Audit log index",
	NoAuthorizations: "None (public information only)", Basic: "1. Registration",
	Name: "Name", Type: "Type", LegalRep: "Legal representative",
	Status: "Status", Region: "Region", Industry: "Industry", RegisteredAt: "Registered on",
	Capital: "Registered capital", Address: "Address", Aliases: "Former names and codes",
	Summary: "2. Summary", Category: "Category", Records: "Records", Withheld: "Withheld items",
	StatusWithheld: "Withheld", StatusVerifyOnly: "Verification only, no detail",
	NoRecords: "No records", Record: "Record",
	Disputed: "Under objection", PublicityEnd: "Publicity ends", Hidden: "No longer shown to institutions",
	Provider: "Provider", SourceTime: "Source time", Continued: " (continued)",
	Sources: "Data sources", Item: "Item", SourceAsOf: "Latest update",
	Evaluation: "Credit evaluation", Score: "Score", Grade: "Grade", Model: "Model version",
	EvalAsOf: "Evaluated at", Explanation: "Explanation",
	Notes: "Notes", Disclaimer: "Disclaimer", Verification: "Verification / 报告验证",
	Hash: "Report hash (SHA-256)", VerifyAt: "Verify by report number and hash at %s/reports/verify",
	PageOf: "Page %d of %d", Colon: ": ",
	Editions: map[string]string{
		"institution": "Institution edition", "self": "Self-check edition", "operator": "Operator edition",
	},
}

// labelsFor picks the language; anything but "en" is Chinese because the
// Chinese report is the one with legal standing.
func labelsFor(lang string) *labels {
	if lang == "en" {
		return &en
	}
	return &zh
}

// pick returns the English variant when lang is "en" and it is not empty,
// else the Chinese one: a catalog entry without an English name still
// prints something meaningful.
func pick(lang, zhText, enText string) string {
	if lang == "en" && enText != "" {
		return enText
	}
	return zhText
}
