// SPDX-License-Identifier: Apache-2.0

package subject

import "context"

// Store persists the enterprise master. Implemented by sqlstore.
type Store interface {
	// CreateSubject inserts one subject. Returns apperr.Conflict if its
	// USCC is already registered.
	CreateSubject(ctx context.Context, s *Subject) error
	// UpsertSubjects inserts or updates subjects by USCC in one pass and
	// reports how many were new. Subjects must be derived and valid.
	UpsertSubjects(ctx context.Context, batch []Subject) (inserted, updated int, err error)
	// FindSubjectByUSCC returns apperr.NotFound if no subject has the code.
	FindSubjectByUSCC(ctx context.Context, uscc string) (Subject, error)
	// FindSubjectsByAlias returns the subjects known under a legacy
	// identifier or former name (any kind), possibly none.
	FindSubjectsByAlias(ctx context.Context, value string) ([]Subject, error)
	// FindSubjectsByName returns subjects whose current name is exactly name.
	FindSubjectsByName(ctx context.Context, name string) ([]Subject, error)
	// SearchSubjects returns one page of subjects matching the filter, in
	// the order they entered the master.
	SearchSubjects(ctx context.Context, f Filter) (Page, error)
	// CountSubjects returns the number of subjects in the master.
	CountSubjects(ctx context.Context) (int, error)
}

// Filter selects subjects. Empty fields do not filter.
type Filter struct {
	Query        string // any part of the name, or a full code
	RegionCode   string // GB/T 2260 code at any level: 640000 matches all of 64xxxx
	IndustryCode string // GB/T 4754 code at any level, or a section letter
	Type         Type
	Status       Status
	Tag          string
	Limit        int    // page size, 1–200 (default 20)
	Cursor       string // opaque; from the previous Page.Next
}

// Page is one page of search results.
type Page struct {
	Subjects []Subject
	Next     string // cursor of the following page; empty at the end
}

// Resolver maps many codes at once, for collection: one query per few
// hundred rows instead of one per row.
type Resolver interface {
	// MapSubjectCodes returns, for each given normalized code that is a
	// registered USCC or identifies exactly one subject as a legacy
	// identifier, that subject's USCC. Unknown codes are absent.
	MapSubjectCodes(ctx context.Context, codes []string) (map[string]string, error)
	// MapSubjectNames returns, for each given name that is exactly the
	// current name (or a former name) of one subject, its USCC. Names
	// matching no subject or several are absent.
	MapSubjectNames(ctx context.Context, names []string) (map[string]string, error)
}
