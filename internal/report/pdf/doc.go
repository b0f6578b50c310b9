// SPDX-License-Identifier: Apache-2.0

// Package pdf renders an issued standardized credit information report
// (标准化信用信息报告) as a PDF document, the form a bank keeps in its loan
// file and a regulator asks to see.
//
// The PDF is one rendering of report.Report, next to JSON and HTML; it adds
// nothing and leaves nothing out of what the gate released. Its reader is a
// credit officer who reads it on paper, so the layout is plain: a cover
// block (who asked, for which purpose, under which authorizations), the
// enterprise's registration, the summary of records per category, each
// chapter with its records as bordered blocks, the data sources, the
// evaluation, notes and disclaimer, and a verification block with the
// report hash. Every page carries the issuing node in its header and the
// report number and "第 N 页 / 共 M 页" in its footer, so a single page torn
// out of a file can still be traced and checked.
//
// Headings and labels follow the requested language ("zh", the default, or
// "en"); data values are printed as they are in the report, never
// translated, because the Chinese values are the legal record.
//
// Chinese text needs an embedded font: we embed WenQuanYi Micro Hei (see
// font/README.md for its origin and license) and write only the glyphs the
// report uses (a font subset), which keeps a typical report well under
// 1 MB instead of the font's 4.6 MB. The font file is parsed once per
// process and shared by every rendering; gopdf copies the parsed font into
// each document, so concurrent calls to Write are safe.
//
// Times are printed in China Standard Time (UTC+8) with a fixed zone rather
// than time.LoadLocation("Asia/Shanghai"): China has no daylight saving
// time, and the static binary must not depend on the host's tzdata.
package pdf
