// SPDX-License-Identifier: Apache-2.0

// Package report issues the standardized credit information report (标准化
// 信用信息报告): what an access institution reads before a loan, what an
// enterprise reads about itself, and what the credit centre reads at work.
//
// A report is built only from what the gate released for its requester
// and purpose, so an institution's report holds public information plus
// exactly the items the enterprise authorized, masked at the boundary,
// without repaired records or records past their publicity period. Every
// report has a number and a SHA-256 hash over its canonical JSON, signed
// with the node's report key (a signed note); the register of issued
// reports keeps number, hash and signature, written in the same
// transaction as the audit leaf of the issue. Anyone holding a report can
// check it by number and hash on the node, or offline with the node's
// verifier key. JSON, HTML and PDF are renderings of the same content.
package report
