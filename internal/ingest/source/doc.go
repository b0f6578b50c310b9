// SPDX-License-Identifier: Apache-2.0

// Package source reads the batch files providers deliver for credit
// information collection (信用信息归集) and turns them into rows, one at a
// time, for the collection pipeline to check, normalise and store.
//
// # What a provider may send
//
//   - CSV, as Excel and Windows tools save it: UTF-8 with or without a
//     byte-order mark, or GB18030 (which includes GBK and GB2312, so older
//     Windows systems' files are read as they are, including the rare
//     characters only GB18030 has). Lines may end in CRLF or LF; a value may
//     be quoted, a quote inside a quoted value is written twice ("").
//     When the provider does not say which encoding, the first 64 KiB
//     decide; when it does and the content says otherwise, the file is
//     refused rather than loaded as garbled text into credit records.
//     UTF-16 ("Unicode text" in Excel) is refused with a message saying how
//     to save the file instead.
//   - XLSX workbooks: the first sheet, or a named one. A date shows as
//     2023-05-01 (2023-05 for a month, 2023-05-01 13:45:00 with a time)
//     whatever the provider's Excel displayed; other numbers come out as
//     stored (1234.5), not as displayed ("1,234.50"), because the display
//     can round. A formula gives the value Excel last calculated; it is
//     never recalculated here. Old .xls files and password-protected
//     workbooks are refused: save as .xlsx or CSV.
//   - JSON Lines, as interface feeds send them: one flat JSON object per
//     line. The first object's keys name the columns. Numbers are kept as
//     written (0.20 stays 0.20), null is empty, true and false are words.
//
// The first non-blank row is the header. Column names may be field codes,
// aliases or the Chinese labels of the catalog; mapping them to fields is
// the pipeline's job (catalog.Item.Resolve). A header with an empty name or
// the same name twice is refused, naming the columns, because it would make
// the mapping ambiguous.
//
// # Rows and their numbers
//
// Each row carries the line (CSV, JSON Lines) or sheet row (XLSX) it starts
// on, counted as a text editor or Excel counts, so that a provider told
// "row 1,204" finds it. Blank rows are skipped. Values are trimmed of
// surrounding spaces, including full-width ones, and otherwise left as
// written: normalisation belongs to the pipeline. Text beginning with = + -
// or @ is data here; whoever writes rejected rows back to a spreadsheet
// must escape it.
//
// A problem confined to one row — a CSV row with more or fewer columns than
// the header, broken quoting, bytes that are not valid in the file's
// encoding, a value or row over its size limit, a JSON line that is not a
// flat object or has keys the first line did not have — is reported on
// that row, and reading goes on with the next. Only a file that cannot be
// read further (a damaged workbook, a limit on the whole file) stops.
//
// # Why there are limits
//
// Files come from outside the credit centre, and one malformed or hostile
// file must not stop collection for every other provider. Limits bound
// what a single file can cost: a 100 MB "cell" is skipped as one bad row
// while memory stays at about a megabyte; a workbook that unpacks to
// thousands of times its size (a zip bomb), or holds more parts, shared
// strings or bytes than a real delivery would, is refused before it is
// unpacked. The defaults (DefaultLimits) sit well above what real
// deliveries need; a collection job may lower or raise them.
//
// # For developers
//
// Open returns a Reader; call Next until io.EOF. Row.Values is reused by
// the next call: keep a copy (slices.Clone) if the row must outlive it; the
// strings themselves may be kept. XLSX needs random access, so a source
// that is not an *os.File is copied to a temporary file, removed by Close;
// excelize's own temporary files for large sheets are removed by Close too.
package source
