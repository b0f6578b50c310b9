// SPDX-License-Identifier: Apache-2.0

// Package verify answers yes/no verification questions (数据核验) about an
// enterprise's authorized and verify-only information.
//
// A bank weighing a loan often needs to know only whether a condition
// holds — "has the applicant paid at least ¥500,000 in tax over the last
// twelve months?", "is its tax credit grade A or B?", "does it insure at
// least 50 people?", "has it kept its water, electricity and gas bills
// paid for six months?", "is none of its real estate under seizure?" —
// and not the figures themselves. Verification answers exactly that
// question and nothing more: the answer is yes or no, with the as-of time
// and a signed receipt the bank can file with its credit decision and
// anyone can check offline against the node's verifier key. No amount,
// count, grade or record ever leaves the node. Information the catalog
// marks verify-only (utility bills, real estate titles) is never released
// as detail to an institution at all; only verifications read it.
//
// Each question is a template (核验模板) the credit centre publishes:
// a code, a name, the catalog items it reads, typed parameters with
// bounds (an amount in fen, a head count, a set of grades), and a rule in
// CEL (Common Expression Language) over the enterprise's records. The
// rules are compiled when the node starts and run with a cost limit.
//
// Every verification passes through the gate (internal/gate), which
// checks the institution's role, its data sharing agreement (数据共享协议)
// and the enterprise's authorization (企业授权) for each item read, and
// writes the audit leaf before the answer is returned. A one-time
// authorization is used up by the verification like any other read.
//
// A yes/no answer still leaks a little: asked again and again with a
// moving threshold, it pins down the figure it hides (bisection). So
// before a question reaches the gate, the node limits how often one
// institution may ask about one enterprise each day, per template and in
// all, and refuses an institution that asks the same template about the
// same enterprise with a third different parameter within 30 days
// (threshold walking, 阈值试探). Each such refusal is kept as an alert for
// the credit centre's operators to follow up.
package verify
