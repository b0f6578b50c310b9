// SPDX-License-Identifier: Apache-2.0

package report

import "time"

// Report is one standardized credit information report (标准化信用信息
// 报告) as issued: everything in it passed the gate for its requester and
// purpose. JSON, HTML and PDF are renderings of this one structure, and
// its hash (over the canonical JSON with Hash and Signature empty) is
// what the signature covers and what anyone checks by number.
type Report struct {
	Number   string    `json:"number"`    // XR-YYYYMMDD-XXXXXXXXXX, unique on the node
	Title    string    `json:"title"`     // 企业信用信息报告
	TitleEN  string    `json:"title_en"`  // Enterprise Credit Information Report
	Edition  string    `json:"edition"`   // institution (机构版), self (自查版) or operator (业务版)
	Node     string    `json:"node"`      // the issuing node's name
	IssuedAt time.Time `json:"issued_at"` // UTC
	AsOf     time.Time `json:"as_of"`     // the data snapshot time, UTC
	// Requester is who asked and for whom.
	Requester Party `json:"requester"`
	Purpose   Label `json:"purpose"`
	// Authorizations are the references of the enterprise authorizations
	// the report relied on (empty when it holds public information only).
	Authorizations []string `json:"authorizations"`
	CatalogVersion int      `json:"catalog_version"`
	AuditIndex     int64    `json:"audit_index"` // the issuing access's leaf in the audit log

	Subject  Basic     `json:"subject"`
	Summary  []Count   `json:"summary"`  // per category: records shown, or withheld
	Sections []Section `json:"sections"` // in the standard order
	Sources  []Source  `json:"sources"`  // providers and their as-of dates
	// Evaluation is the credit evaluation; nil until the node scores.
	Evaluation *Evaluation `json:"evaluation,omitempty"`
	Notes      []string    `json:"notes"`
	Disclaimer string      `json:"disclaimer"`

	Hash      string `json:"hash,omitempty"`      // hex SHA-256 of the canonical JSON without Hash and Signature
	Signature string `json:"signature,omitempty"` // signed note over number, hash and issue time

	canon []byte // the canonical JSON sign hashed, reused by JSON
}

// Party is the requesting organization and user.
type Party struct {
	OrgID   string `json:"org_id,omitempty"`
	OrgName string `json:"org_name"`
	OrgKind string `json:"org_kind"`
	User    string `json:"user"` // display name of the requesting user or client
}

// Label is a code with its Chinese and English names.
type Label struct {
	Code string `json:"code"`
	ZH   string `json:"zh"`
	EN   string `json:"en"`
}

// Basic is the enterprise's registration (登记基本信息).
type Basic struct {
	USCC         string   `json:"uscc"`
	Name         string   `json:"name"`
	Type         Label    `json:"type"`
	LegalRep     string   `json:"legal_rep"`
	Status       Label    `json:"status"`
	Region       Label    `json:"region"`
	Industry     Label    `json:"industry"`
	RegisteredAt string   `json:"registered_at,omitempty"` // YYYY-MM-DD
	CapitalFen   int64    `json:"registered_capital_fen"`
	Capital      string   `json:"registered_capital"` // for display, in 万元
	Address      string   `json:"address"`
	Aliases      []string `json:"aliases,omitempty"` // former names and legacy codes
}

// Count is the summary of one category.
type Count struct {
	Category Label `json:"category"`
	Records  int   `json:"records"`
	Withheld int   `json:"withheld_items"` // items of the category not shown to this requester
}

// Section is one chapter of the report: one or more catalog categories.
type Section struct {
	Code    string        `json:"code"` // e.g. "penalties"
	Title   string        `json:"title"`
	TitleEN string        `json:"title_en"`
	Items   []ItemSection `json:"items"`
	Note    string        `json:"note,omitempty"` // e.g. "暂无" when nothing applies
}

// ItemSection is one catalog item inside a section.
type ItemSection struct {
	Item   string `json:"item"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	// Status: "shown" (records released), "withheld" (not authorized or
	// not covered by the agreement) or "verify_only" (never as detail).
	Status string `json:"status"`
	Note   string `json:"note,omitempty"` // why withheld, or partial
	Rows   []Row  `json:"rows"`
}

// Row is one record: its released fields, masked, as label/value pairs in
// catalog order, plus the marks a reader must see.
type Row struct {
	RecordID     string `json:"record_id"`
	Version      int    `json:"version"`
	Cells        []Cell `json:"cells"`
	Provider     string `json:"provider"`
	SourceTime   string `json:"source_time,omitempty"`
	PublicityEnd string `json:"publicity_end,omitempty"` // YYYY-MM-DD, negative records
	// Disputed marks a record under objection (异议处理中).
	Disputed bool `json:"disputed,omitempty"`
	// Note is shown beside the record: an undeterminable objection's
	// note (异议未决), a bankruptcy restructuring annotation.
	Note string `json:"note,omitempty"`
	// Hidden is set only in the self and operator editions: the record is
	// no longer shown to institutions, and why.
	Hidden string `json:"hidden,omitempty"`
}

// Cell is one field of a row.
type Cell struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	LabelEN string `json:"label_en"`
	Value   string `json:"value"` // for display: money in 元, enums by name
}

// Source is one provider's contribution and how fresh it is.
type Source struct {
	Provider string `json:"provider"`
	Item     string `json:"item"`
	Records  int    `json:"records"`
	AsOf     string `json:"as_of"` // latest received time, YYYY-MM-DD HH:MM (Asia/Shanghai)
}

// Evaluation is the credit evaluation shown in the report.
type Evaluation struct {
	Score        int    `json:"score"`
	Grade        string `json:"grade"`
	ModelVersion string `json:"model_version"`
	AsOf         string `json:"as_of"`
	Explanation  string `json:"explanation"`
}
