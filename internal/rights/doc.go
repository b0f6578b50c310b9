// SPDX-License-Identifier: Apache-2.0

// Package rights keeps the information subject's remedies: objections
// (异议申诉) and credit repair (信用修复).
//
// In the credit centre's words: an enterprise that thinks a record we hold
// about it is wrong files an objection, with its reasons and evidence. The
// record is marked 异议中 in every report, page and push from that moment,
// so that no bank relies on it unwarned. We accept or reject the objection
// within 2 working days, check our own processing (collection, matching)
// within 2 more, and send the case to the department that delivered the
// record, which checks it within 10 working days (征信业管理条例 第二十五条;
// local public-credit practice). The department decides: corrected or
// deleted (it re-sends the record through collection), confirmed (the
// mark is removed), or undeterminable — then both sides stay on record and
// a note is shown beside it. A step that passes its limit is escalated to
// us for supervision (超期督办). Working days follow the State Council's
// holiday notices, including weekends worked in exchange (调休).
//
// Credit repair follows 《信用修复管理办法》 (NDRC Order No. 36, in force
// 2026-04-01): a negative record is published for a period bounded by its
// class — minor (轻微) at most 3 months and repairable once the obligation
// is met, general (一般) 3 months to 1 year, serious (严重) 1 to 3 years,
// counted from the decision date. After the minimum period, with the
// failure corrected and a public credit commitment made, the enterprise
// may apply; we check eligibility at once and route the application to the
// department that made the finding (谁认定、谁修复), which decides within 10
// working days. A granted repair stops publication and sharing: banks and
// pushes no longer see the record; the enterprise and we still do, marked
// as repaired. After the maximum period publication has stopped by itself
// and no application is needed.
//
// Every change is written in one transaction with the record's mark (what
// the gate reads through RecordMarks), an in-app notification to the
// enterprise and the handling organization, and a leaf in the node's
// tamper-evident audit log.
//
// Real-name registration (实名注册): an enterprise's account is bound to its
// unified social credit code when the legal representative's name and ID
// number (for an individual business, 个体工商户, the operator's: 经营者)
// match the registration record (REG.JBXX) the market regulator delivered.
// Both are compared in constant time and a mismatch never says which field
// was wrong; failures are counted per code and per address, because an ID
// number has few plausible values once the birth date is guessed. When the
// node holds no record or it does not match, the applicant uploads proof
// (PDF or image, sniffed by content) and an operator approves or rejects it
// with a reason; the account stays suspended until then. The account so
// created is the enterprise's administrator, who adds and removes staff.
//
// Self-reported information (经营主体自愿提供的信用信息): qualifications and
// certificates, contract performance, public-welfare activity and financial
// statements. Each submission carries a credit commitment (信用承诺书): a
// fixed, versioned text per kind, the submitter, the time and the hash of
// the submission, signed with the node's key so anyone can verify it later.
// The submission is collected as a record of category SLF, so it passes the
// gate like other enterprise data: financial statements are a business
// secret and released at the authorized level only (with the enterprise's
// authorization); the other kinds are public. Reports show it in its own
// chapter marked 自愿填报（企业自报，未经核实） with the commitment number. The
// credit centre, or a data provider for the kinds other than financial
// statements, may contest an entry; the record is then marked disputed and
// the enterprise told. If the credit centre finds the
// commitment false, a negative record (CMT.XJCN 虚假信用承诺, general class)
// is collected through the normal record path, so reports, the gate and
// evaluations see it and it can later be repaired like any other.
package rights
