// SPDX-License-Identifier: Apache-2.0

// Package catalog is the credit information catalog (信用信息目录): the list
// of what the platform collects about enterprises, from whom, in what form,
// and who may see it.
//
// # What the catalog is
//
// A credit centre (信用中心) does not collect "data"; it collects named items
// under a catalog that the government has published, and every record it
// holds belongs to exactly one item. The catalog says, for each item: the
// fields a provider must deliver and their formats; which field identifies
// the enterprise (统一社会信用代码) and which fields identify one record, so
// a re-sent batch does not create duplicates; which value means the record
// has been withdrawn (许可失效, 移出经营异常名录, 失信被执行人退出); who
// normally provides it (市场监督管理局, 税务局, 人民法院 …), how (物理归集,
// 接口调用, 数据核验) and how often; whether it counts for or against the
// enterprise; and how far it may be disclosed.
//
// The built-in catalog (data/catalog.json, see Default) follows 国办发〔2021〕52
// 号, which lists 14 categories for financing credit services: 注册登记,
// 行政许可, 行政处罚, 司法判决及执行, 严重失信主体名单, 荣誉表彰, 政策支持,
// 纳税, 社会保险费和住房公积金, 进出口, 水电气, 不动产, 知识产权 and 科技研发.
// The Ningxia implementation plan adds 经营异常名录（状态）, which is included.
// The plan speaks of 37 items whose settings are not public; the items here
// are the ones a credit centre really receives, and the 双公示 licence and
// penalty items carry the exact CF_* and XK_* columns of the data standard.
//
// # Disclosure classes
//
// Public credit information such as penalties, licences and dishonest lists
// (public) may be shown to access institutions. Tax amounts, social insurance,
// customs figures and utility bills are the enterprise's business secrets
// (商业秘密): 52号 forbids handing them over as raw detail without the
// enterprise's authorization (authorized). Some providers, typically utilities
// and the real estate registry, only answer questions (verify_only): an
// institution learns "electricity bills paid on time for 12 months: yes" but
// never sees a bill. That is 可用不可见, usable but not visible. A field may be
// stricter than its item; identity numbers of legal representatives in a
// public penalty record stay verify_only.
//
// # Negative information
//
// Negative items carry a default severity (轻微, 一般, 严重) and publicity
// bounds under 《信用修复管理办法》: at most 3 months for 轻微, 3 to 12
// months for 一般, 12 to 36 months for 严重, counted from the decision date.
// Repair may end publication after the minimum; it stops at the maximum.
// Serious dishonesty lists leave by their own rules (the revocation field).
//
// # Local supplements and versions
//
// Provinces and cities add their own catalogs (地方补充目录): Zhengzhou adds
// 公共资源交易 and 金融资产交易, Qinghai 政府采购和工程中标. An operator loads
// such a file with LoadFile and applies it with Merge; no code changes.
// Entries are marked local with the issuing region. A supplement may replace
// a base item only explicitly and with a higher revision, and may retire one
// only by deprecating it: records already collected must stay readable.
//
// Every catalog has a content Hash. The store keeps a catalog version per
// distinct hash, every record names the version it was validated against, and
// CheckUpgrade refuses a new catalog that would orphan stored records.
//
// Providers name their columns in many ways. A field is found by its code
// (CF_NR_FK), by an alias taken from real feeds (cardNum, COMP_NAME) or by its
// Chinese label, so a spreadsheet with Chinese headers needs no mapping file.
//
// Values are checked and normalized with Field.Parse and Item.NormalizeRow:
// money becomes integer 分 exactly (罚款 0.2 万元 = 200000 分), dates
// YYYY-MM-DD, times UTC. Code shapes only are checked here; check digits and
// region lookups belong to the subject package, which this package does not
// import.
package catalog
