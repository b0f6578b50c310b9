// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// Event is one thing that happened and must stay provable: a report
// issued, a subject viewed, a verification answered, an export, a push, a
// login, an operator's change to the catalog. It is written by the service
// that did the thing, in the transaction that did it.
type Event struct {
	// Kind names what happened and the version of its meaning, as
	// "domain.verb/vN" (e.g. "report.issued/v1"). A kind's meaning never
	// changes; a new meaning is a new version.
	Kind string
	// Time is when it happened, in UTC to the microsecond. Zero means
	// "now" by the log's clock.
	Time time.Time
	// Actor is who did it.
	Actor Actor
	// Subject is the code (USCC, or a legacy code) of the enterprise the
	// event is about; empty when it is about none. It never enters a leaf
	// in clear: the leaf holds a keyed hash of it.
	Subject string
	// Items are the catalog item codes read or written.
	Items []string
	// Purpose is the declared purpose code of a query (e.g. "loan_precheck").
	Purpose string
	// Authorization is the reference of the consent or agreement that
	// allowed the access.
	Authorization string
	// RequestID ties the event to the request that caused it.
	RequestID string
	// Outcome is what came of it.
	Outcome Outcome
	// Details are further non-personal facts (report ID, format, counts).
	// They are kept in the readable body; the leaf holds a keyed digest.
	Details map[string]string
}

// Actor is the principal that acted and the organization it acted for.
type Actor struct {
	Kind    string // "user", "client" or "system"
	ID      string // user or API client ID; empty for the system
	OrgID   string // organization ID
	OrgKind string // operator, provider, institution, enterprise, regulator
	Role    string // the role under which it acted
}

// Outcome is what came of an action.
type Outcome string

// The outcomes.
const (
	OutcomeOK     Outcome = "ok"     // done as asked
	OutcomeDenied Outcome = "denied" // refused by the gate (no consent, no role, expired agreement)
	OutcomeFailed Outcome = "failed" // attempted and failed (a login with a wrong password)
)

// Limits on an event, so that a leaf stays small (an entry bundle holds
// each leaf with a 16-bit length) and nothing bulky enters the log.
const (
	maxItems       = 256
	maxDetails     = 32
	maxToken       = 128
	maxDetailValue = 1024
)

// normalize validates e and returns it in canonical form: time in UTC to the
// microsecond, subject upper-cased, items sorted without duplicates.
// Returns apperr.Invalid naming the first bad field.
func (e Event) normalize() (Event, error) {
	if !validKind(e.Kind) {
		return e, apperr.Invalidf("audit: kind %q is not domain.verb/vN", e.Kind)
	}
	if e.Time.IsZero() {
		return e, apperr.Invalidf("audit: %s: time is missing", e.Kind)
	}
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	if y := e.Time.Year(); y < 2000 || y > 9999 {
		return e, apperr.Invalidf("audit: %s: time %s is out of range", e.Kind, e.Time)
	}
	switch e.Outcome {
	case OutcomeOK, OutcomeDenied, OutcomeFailed:
	default:
		return e, apperr.Invalidf("audit: %s: outcome %q is not ok, denied or failed", e.Kind, e.Outcome)
	}
	switch e.Actor.Kind {
	case "user", "client", "system":
	default:
		return e, apperr.Invalidf("audit: %s: actor kind %q is not user, client or system", e.Kind, e.Actor.Kind)
	}
	e.Subject = normSubject(e.Subject)
	for name, v := range map[string]string{"actor id": e.Actor.ID, "actor org": e.Actor.OrgID,
		"actor org kind": e.Actor.OrgKind, "actor role": e.Actor.Role, "subject": e.Subject,
		"purpose": e.Purpose, "authorization": e.Authorization, "request id": e.RequestID} {
		if !validToken(v) {
			return e, apperr.Invalidf("audit: %s: %s %q has characters outside A-Z a-z 0-9 . _ : / - or is longer than %d", e.Kind, name, v, maxToken)
		}
	}
	if len(e.Items) > maxItems {
		return e, apperr.Invalidf("audit: %s: %d items, at most %d", e.Kind, len(e.Items), maxItems)
	}
	items := slices.Clone(e.Items)
	slices.Sort(items)
	e.Items = slices.Compact(items)
	for _, it := range e.Items {
		if it == "" || !validToken(it) {
			return e, apperr.Invalidf("audit: %s: item code %q is not valid", e.Kind, it)
		}
	}
	if len(e.Details) > maxDetails {
		return e, apperr.Invalidf("audit: %s: %d details, at most %d", e.Kind, len(e.Details), maxDetails)
	}
	for k, v := range e.Details {
		if k == "" || !validToken(k) || len(v) > maxDetailValue || !utf8.ValidString(v) {
			return e, apperr.Invalidf("audit: %s: detail %q is not a short UTF-8 value under a token key", e.Kind, k)
		}
	}
	if len(e.Details) == 0 {
		e.Details = nil
	}
	return e, nil
}

// normSubject is the form of an enterprise code that is hashed: codes are
// case-insensitive and often pasted with spaces.
func normSubject(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// validKind reports whether k looks like "domain.verb/v1": lower-case
// dotted words, a slash, "v" and a version number without leading zero.
func validKind(k string) bool {
	name, ver, ok := strings.Cut(k, "/")
	if !ok || len(k) > maxToken || !strings.Contains(name, ".") {
		return false
	}
	for _, w := range strings.Split(name, ".") {
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			return false
		}
		for i := 0; i < len(w); i++ {
			if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	if len(ver) < 2 || ver[0] != 'v' || ver[1] == '0' {
		return false
	}
	for i := 1; i < len(ver); i++ {
		if ver[i] < '0' || ver[i] > '9' {
			return false
		}
	}
	return true
}

// validToken reports whether s is empty or an identifier-like token: IDs,
// codes and roles never need spaces or quotes, and keeping them plain keeps
// personal text (names, addresses) out of leaves by construction.
func validToken(s string) bool {
	if len(s) > maxToken {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == ':' || c == '/' || c == '-') {
			return false
		}
	}
	return true
}

// String names the event for logs without any personal data.
func (e Event) String() string { return fmt.Sprintf("%s by %s/%s", e.Kind, e.Actor.OrgID, e.Actor.ID) }

// ActorOf is the actor of an event done by principal p, under its first
// role. The node's own principal has no ID.
func ActorOf(p access.Principal) Actor {
	a := Actor{Kind: string(p.Kind), ID: p.ID(), OrgID: p.OrgID, OrgKind: string(p.OrgKind)}
	if p.Kind == access.PrincipalSystem {
		a.ID = ""
	}
	if len(p.Roles) > 0 {
		a.Role = string(p.Roles[0])
	}
	return a
}
