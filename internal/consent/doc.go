// SPDX-License-Identifier: Apache-2.0

// Package consent keeps the authorizations (授权) under which an access
// institution may read an enterprise's credit information that is not
// public.
//
// In an enterprise's words: the tax we paid, our social insurance
// contributions, our customs figures are our business secrets. When we
// apply for a loan we agree that one bank may see some of them, for that
// loan, for a while — not that every bank may see everything forever. An
// authorization writes that agreement down:
//
//   - scope (授权范围): which information, as catalog items (纳税信息 TAX.PAY)
//     or whole categories (TAX). Public information (行政处罚, 失信名单) needs
//     no consent, but may be listed so the enterprise sees the whole picture.
//   - purpose (用途): 贷前审查, 贷后管理, 授信审批, 担保审查, 保险承保 or a stated
//     other. The bank may use the data only for the purpose we agreed to;
//     the purpose also caps the period (a pre-loan review needs weeks, loan
//     monitoring up to a year), as India's Account Aggregator caps consent
//     by purpose.
//   - period (有效期) and mode: one-time (单次, ends with the first use) or
//     any number of uses until the end date. At the end date access stops
//     at once, whether or not anyone marked it.
//
// We may grant on our own, or a bank may ask and we approve or decline.
// We may revoke at any time; revocation takes effect with the next read.
//
// In a bank's words: before querying an enterprise's authorized data we
// must hold its authorization in force for this purpose, covering the
// item; Check answers exactly that, and says why not (none, expired,
// revoked, used, out of scope, wrong purpose). Every grant, approval,
// refusal, revocation, use of a one-time authorization and expiry is
// written to the node's tamper-evident audit log in the same transaction.
//
// Receipts (授权回执): when an authorization becomes active and when it is
// revoked, the node signs a receipt — a signed note (C2SP signed-note,
// Ed25519) over a fixed text of its terms and status. Anyone holding the
// node's consent verifier key can check a receipt offline with Verify; the
// enterprise keeps it as proof of what it agreed to, the bank as proof
// that it was allowed.
package consent
