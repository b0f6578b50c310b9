// SPDX-License-Identifier: Apache-2.0

// Package psi is list matching by private set intersection (隐私求交,
// 名单比对): an access institution learns which of its own customers are
// on one of the platform's lists — dishonest judgment debtors (失信被执行人),
// seriously dishonest entities (严重失信主体名单), the abnormal operations
// directory (经营异常名录) — without sending the node its customer list and
// without learning anything about enterprises it did not bring.
//
// The protocol is the two-party Diffie–Hellman PSI over the ristretto255
// group, in the semi-honest model:
//
//   - the institution hashes each unified social credit code to the group,
//     H(c), and blinds it with its secret a: H(c)^a;
//   - the node raises what it receives to its list key b and returns
//     H(c)^ab in the same order; it sees only random-looking elements;
//   - the node also serves its list encrypted once per list version,
//     H(l)^b, sorted so that the order says nothing;
//   - the institution raises that to a and intersects: H(c)^ab is in
//     {H(l)^ba} exactly when c is on the list.
//
// The list key b is derived from the node's secret and the list version,
// which includes the day: it rotates daily and whenever the list changes,
// so the encrypted list is computed once and served to every institution
// that day. Each run passes the gate (the institution must be live with an
// agreement naming the list_matching purpose and the list's items), draws
// from daily limits on runs and on elements so that nobody can probe single
// enterprises, and leaves an audit leaf; refusals are logged too.
package psi
