// SPDX-License-Identifier: Apache-2.0

package source

// Limits bound what one file may cost in memory and time. A zero field
// takes its default; there is no "unlimited" except for MaxRows.
type Limits struct {
	// MaxCellBytes bounds one value (default 64 KiB; Excel itself stops
	// at 32,767 characters). A longer cell makes its row an error.
	MaxCellBytes int
	// MaxRowBytes bounds one row as stored in the file (default 1 MiB).
	// A longer row is an error; reading resumes at the row's end, found
	// without keeping the row in memory.
	MaxRowBytes int
	// MaxColumns bounds the header and every row (default 512).
	MaxColumns int
	// MaxRows, when positive, stops the file with ErrLimit after that many
	// data rows.
	MaxRows int64
	// MaxXLSXUncompressed bounds the sum of a workbook's unpacked parts
	// (default 2 GiB). A 200,000-row, 30-column sheet unpacks to ~250 MB.
	MaxXLSXUncompressed int64
	// MaxXLSXRatio bounds how much one part larger than 1 MiB may grow when
	// unpacked (default 100 times; real sheets grow 5–20 times, a zip bomb
	// a thousand).
	MaxXLSXRatio int64
	// MaxXLSXEntries bounds the parts in a workbook (default 1,000; a plain
	// workbook has about ten).
	MaxXLSXEntries int
	// MaxXLSXSharedStrings bounds the shared-string table (default
	// 2,000,000 strings): the XLSX library keeps an index of about 40 bytes
	// per string in memory.
	MaxXLSXSharedStrings int
}

// DefaultLimits are the limits a zero Limits stands for.
var DefaultLimits = Limits{
	MaxCellBytes:         64 << 10,
	MaxRowBytes:          1 << 20,
	MaxColumns:           512,
	MaxXLSXUncompressed:  2 << 30,
	MaxXLSXRatio:         100,
	MaxXLSXEntries:       1000,
	MaxXLSXSharedStrings: 2_000_000,
}

// withDefaults fills the zero (or negative) fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = d.MaxCellBytes
	}
	if l.MaxRowBytes <= 0 {
		l.MaxRowBytes = d.MaxRowBytes
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxRows < 0 {
		l.MaxRows = 0
	}
	if l.MaxXLSXUncompressed <= 0 {
		l.MaxXLSXUncompressed = d.MaxXLSXUncompressed
	}
	if l.MaxXLSXRatio <= 0 {
		l.MaxXLSXRatio = d.MaxXLSXRatio
	}
	if l.MaxXLSXEntries <= 0 {
		l.MaxXLSXEntries = d.MaxXLSXEntries
	}
	if l.MaxXLSXSharedStrings <= 0 {
		l.MaxXLSXSharedStrings = d.MaxXLSXSharedStrings
	}
	return l
}
