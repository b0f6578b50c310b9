// SPDX-License-Identifier: Apache-2.0

// Package onboard is 接入管理: how a financial institution becomes an
// access institution (接入机构) of the credit centre, and how it stops
// being one.
//
// The credit centre shares enterprises' credit information only with
// institutions it has checked and bound. The path is fixed:
//
//	申请 applied → 评估中 assessing → 已评估 assessed (passed/failed)
//	  → 已签署协议 agreement_signed → 已接入 live
//	暂停 suspended (reinstated by the credit centre) · 撤销 revoked (final)
//
// Assessment comes before access (接入前安全评估) because once data has
// left the platform nothing can call it back: the centre must know,
// before the first query, that the institution has its 等级保护 filing,
// data security rules, access control and logs, staff confidentiality
// undertakings, an emergency plan and a data-minimisation practice. The
// assessment records evidence for each point, who reviewed it and until
// when it holds (one year by default); an expired assessment shuts access
// just as a failed one does, until it is renewed.
//
// The data sharing agreement (数据共享协议) binds what the institution may
// ask for and why: the catalog categories and items it may read, the
// purposes it may declare (loan pre-check, post-loan monitoring …), the
// term during which it holds, and the per-second rate and daily quota of
// enterprise queries. The credit centre approves its terms; the
// institution's administrator signs it together with the credit
// commitment (信用承诺书), by which the institution undertakes to use the
// data only within the agreement. Allowed answers the gate's question
// about the institution; consent and role are asked separately.
//
// Suspension and revocation take effect at once: the organization's
// sessions and tokens are ended through the access service, and Allowed
// refuses from that moment. Every change is written to the audit log in
// the transaction that makes it.
package onboard
