// SPDX-License-Identifier: Apache-2.0

// Package feed pushes changes of public credit information to access
// institutions in bulk (按区域、行业批量推送), for post-loan monitoring and
// similar uses.
//
// A bank chooses what to follow: enterprises registered in a region (a
// GB/T 2260 code such as 640100 for 银川市, or its prefix 6401), in an
// industry (a GB/T 4754 section letter such as C, or a code prefix such as
// C13), and which catalog items (行政处罚, 经营异常名录…). It then receives
// every new record, every new version of a record and every revocation
// (撤销、移出) in the order the node received them, in one of two ways:
//
//   - the change feed: the bank asks for the next page with the cursor the
//     previous page returned. A cursor is opaque and never expires; pages
//     neither skip nor repeat a change, even while collection goes on;
//   - webhooks: the node posts each page to the bank's HTTPS endpoint as a
//     CloudEvents 1.0 message signed the Standard Webhooks way
//     (webhook-id, webhook-timestamp, webhook-signature). A failed post is
//     retried with growing pauses, under the same webhook-id, so the bank
//     can discard a message it already has; a subscription whose endpoint
//     keeps failing is switched off. Every delivery is logged.
//
// Only public information is pushed. Information the catalog classes as
// authorized (financial figures in annual reports, tax, social insurance)
// needs one enterprise's authorization for one institution and is never
// pushed in bulk; fields that only serve verification (ID numbers) never
// leave at all; records past their publicity period are not pushed. Every
// page passes the gate (package gate): the institution's data sharing
// agreement must be in force and cover the items and the purpose, and an
// audit leaf per enterprise in the page is committed before the page is
// returned or posted. A refused page is logged too.
package feed
