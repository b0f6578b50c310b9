// SPDX-License-Identifier: Apache-2.0

// Package gate is the one door through which enterprise credit
// information leaves the node (信息出口统一管控).
//
// Every page, API response, report, export, verification and push that
// carries information about an enterprise asks the gate first. The gate
// answers on four things, in this order:
//
//   - role: who is asking, and whether their role may read enterprise
//     information at all (an institution's administrator manages accounts;
//     only its query officers and approvers query);
//   - agreement (数据共享协议): an access institution must be live, its
//     security assessment valid, and its signed agreement must cover the
//     item and the purpose;
//   - authorization (企业授权): information the catalog classes as
//     "authorized" (纳税、社保、水电气、不动产…) needs the enterprise's
//     authorization in force for that item and purpose; "verify_only"
//     information never leaves as detail, only as yes/no answers;
//   - purpose: the declared purpose must match the agreement and the
//     authorization.
//
// What passes is masked at the boundary (natural persons' ID numbers,
// telephone numbers and addresses, by field class, with configurable
// rules), records past their publicity period (公示期) or revoked by their
// provider are held back from everyone but the enterprise itself and the
// operator, and an audit leaf naming who, which enterprise, which items,
// for what purpose and under which authorization is committed before any
// byte is returned. A one-time authorization is consumed in that same
// transaction. A refusal is logged as well, so that an enterprise sees
// attempts as well as reads.
package gate
