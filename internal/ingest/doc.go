// SPDX-License-Identifier: Apache-2.0

// Package ingest is credit information collection (信用信息归集): how
// records from data providers — the tax bureau, courts, market regulator,
// customs, utilities, the housing fund centre — enter the node.
//
// A provider delivers a batch (批次): a file uploaded or sent with the
// command line, a JSON batch pushed to the API, or a page pulled from its
// endpoint. Every row of a batch ends in exactly one place, and the batch's
// receipt (回执) counts them:
//
//   - accepted: a new record, stored with its provenance (provider, batch,
//     row number, received time, the provider's own timestamp, hash);
//   - updated: a changed version of a record already held, identified by
//     the catalog item's natural key; the history is kept;
//   - duplicate: the same content again: nothing changes;
//   - revoked: a withdrawal (撤销, 移出名录, 许可失效) that marks the record
//     revoked;
//   - rejected: the row breaks the catalog item's rules; the receipt lists
//     the row number, the field and the reason in Chinese and English, and
//     the rest of the batch goes on;
//   - quarantined: the row is valid but names no enterprise the master
//     knows; it waits for an operator instead of being dropped or guessed.
//
// Batches are processed in chunks, each committed in one transaction with
// the batch's counters and the last row it covered. A batch is identified
// by its content hash (or the pusher's idempotency key): sending it again
// returns the same receipt and changes nothing, and a batch interrupted by a
// crash resumes after the last committed chunk, so the end state is the same
// as that of an uninterrupted run.
//
// Versions are ordered by the provider's own timestamp where the item has
// one, so deliveries that arrive out of order do not overwrite newer data
// with older.
package ingest
