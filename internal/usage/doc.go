// SPDX-License-Identifier: Apache-2.0

// Package usage tells the parties of the credit information how it was
// used, from the audit log that every release of enterprise information
// writes (see internal/gate).
//
// Access log (查询记录). An enterprise sees every access to its
// information: which organization looked, when, for what (a look at its
// profile, a credit report, a query of records, a verification, an
// export, a push), which catalog items, for which declared purpose and on
// which of its authorizations — and the attempts the gate refused. Other
// organizations' people are shown by their role, never by their account.
// An institution sees the accesses it made itself in the same form, so
// that its compliance officer can check its staff's queries.
//
// Usage feedback (信息使用情况反馈). A data provider is told, month by
// month, how the records it delivered were used: how many accesses
// released its records, by institution, item, purpose and kind of use. A
// background job ("usage.aggregate") reads the audit log forward from a
// stored position, a batch at a time, and adds each batch's counts to a
// table; the position and the counts are written in one transaction, so
// a crash or a second process can neither lose nor double a count. Pages
// read the table, never the whole log. The figures can be downloaded as
// CSV or as an Excel workbook with Chinese and English column headings.
package usage
