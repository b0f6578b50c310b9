// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/subject"
)

// View is what the gate released for one request: the enterprise's
// registration, and per catalog item either its visible records, masked,
// or the reason it is withheld. Nothing outside a View may be shown.
type View struct {
	Action         Action
	Principal      access.Principal
	Subject        subject.Subject
	Purpose        string
	At             time.Time // as-of time, UTC
	CatalogVersion int
	Items          []ItemView // in catalog order
	// Authorizations are the IDs of the authorizations relied on.
	Authorizations []string
	// AuditIndex is the index of the access's leaf in the audit log.
	AuditIndex int64
	Self       bool // the enterprise reading its own information
	quota      int  // the institution's daily quota, drawn at commit
}

// Item returns the view of one item, if the request covered it.
func (v *View) Item(code string) (ItemView, bool) {
	for _, iv := range v.Items {
		if iv.Item.Code == code {
			return iv, true
		}
	}
	return ItemView{}, false
}

// Released returns the codes of the items whose records were released.
func (v *View) Released() []string {
	var out []string
	for _, iv := range v.Items {
		if iv.Shown() {
			out = append(out, iv.Item.Code)
		}
	}
	return out
}

// ItemView is one catalog item as the caller may see it.
type ItemView struct {
	Item   catalog.Item
	Level  Level           // how deep the caller could read it
	Fields []catalog.Field // the fields released, in catalog order
	// Withheld says why the item, or some of its fields, were not
	// released (Chinese / English); empty when everything was.
	Withheld string
	// VerifyOnly marks an item whose detail never leaves the node: only
	// yes/no verifications answer over it.
	VerifyOnly bool
	Records    []Record
	// AuthorizationID is the authorization that released the item.
	AuthorizationID string
}

// Shown reports whether the item's records were released.
func (iv ItemView) Shown() bool { return iv.Level >= LevelOf(iv.Item.Disclosure) }

// Record is one released record: only the released fields, masked.
type Record struct {
	ID         string
	Version    int
	Data       map[string]string
	Provider   string
	SourceTime string
	ReceivedAt time.Time
	// PublicityEnd is when publication of a negative record stops (zero
	// when the item has no publicity bounds or the date is unknown).
	PublicityEnd time.Time
	// Hidden is set only for insiders (the enterprise itself, the
	// operator): the record is no longer shown to anyone else, because
	// its publicity period ended, its provider revoked it or it was
	// repaired (信用修复).
	Hidden string
	// Disputed marks a record under objection (异议中): every output shows it.
	Disputed bool
	// Note is a mark's note (e.g. a bankruptcy restructuring annotation).
	Note string
}

// project builds the released record from a stored one: released fields
// only, masked by their personal class. ok is false when the record may
// not be shown to this caller at all.
func project(it catalog.Item, fields []catalog.Field, r ingest.Record, m Mark, rules Rules, insider bool, at time.Time) (Record, bool) {
	out := Record{ID: r.ID, Version: r.Version, Provider: r.Provider, SourceTime: r.SourceTime,
		ReceivedAt: r.ReceivedAt, Data: make(map[string]string, len(fields)), Disputed: m.Disputed, Note: m.Note}
	out.Hidden, out.PublicityEnd = Withdrawn(it, r.Status, r.Data[publicityField(it)], m, at)
	if out.Hidden != "" && !insider {
		return Record{}, false
	}
	for _, f := range fields {
		if v, ok := r.Data[f.Code]; ok {
			out.Data[f.Code] = rules.Mask(f.Personal, v)
		}
	}
	return out, true
}

// publicityField is the field a negative item's publicity period counts
// from, or "" when the item has none.
func publicityField(it catalog.Item) string {
	if it.Publicity == nil {
		return ""
	}
	return it.Publicity.FromField
}

// Withdrawn says why a stored record no longer counts against (or for)
// its enterprise at time at: revoked by its provider, repaired (信用修复),
// or past its publicity period (from is the value of the item's publicity
// field). It is "" when the record counts. The gate hides such records
// from everyone but insiders; credit evaluation (internal/score) ignores
// them, by the same rule.
func Withdrawn(it catalog.Item, status ingest.RecordStatus, from string, m Mark, at time.Time) (reason string, publicityEnd time.Time) {
	if it.Publicity != nil {
		if f, err := time.Parse(time.DateOnly, from); err == nil {
			_, publicityEnd = it.Publicity.Window(f)
		}
	}
	switch {
	case status == ingest.RecordRevoked:
		reason = "已被报送单位撤销 / revoked by its provider"
	case status != ingest.RecordActive:
		reason = string(status)
	case m.Repaired:
		reason = "已信用修复，不再公示 / repaired: no longer published"
	case !publicityEnd.IsZero() && !at.Before(publicityEnd):
		reason = "公示期已满，不再公示 / publicity period ended"
	}
	return reason, publicityEnd
}
