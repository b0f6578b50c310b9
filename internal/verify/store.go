// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/subject"
)

// Store keeps the asks and alerts, and the node settings that hold the
// signing key.
type Store interface {
	// VerifyTx runs fn in one write transaction that first locks the pair
	// (institution, enterprise), so that concurrent asks by one
	// institution about one enterprise are counted one after the other.
	VerifyTx(ctx context.Context, orgID, uscc string, fn func(tx Tx) error) error
	// FinishAsk records how a pending ask ended.
	FinishAsk(ctx context.Context, id string, outcome Outcome, result string, auditIndex int64) error
	// VerifyAlerts returns alerts, newest first.
	VerifyAlerts(ctx context.Context, f AlertFilter) ([]Alert, error)
	Setting(ctx context.Context, key string) (string, error)
	PutSettingIfAbsent(ctx context.Context, key, value string) (string, error)
}

// Tx is the guard's transaction.
type Tx interface {
	// CountAsks returns how many counted asks (pending or answered) the
	// institution made about the enterprise on day: with template, and
	// in all.
	CountAsks(ctx context.Context, orgID, uscc, template, day string) (withTemplate, all int, err error)
	// AskedParams returns the distinct parameter hashes of the counted
	// asks with template since the given time.
	AskedParams(ctx context.Context, orgID, uscc, template string, since time.Time) ([]string, error)
	InsertAsk(ctx context.Context, a AskRecord) error
	InsertAlert(ctx context.Context, a Alert) error
}

// Gate answers verifications. *gate.Gate implements it.
type Gate interface {
	Answer(ctx context.Context, req gate.Request, eval func(v *gate.View) (map[string]string, error)) (gate.Answered, error)
	// Deny logs a refusal by the guards as a denied access.
	Deny(ctx context.Context, req gate.Request, why error) error
}

// Subjects finds an enterprise by its code, so that asks are counted
// under its unified code whichever identifier the bank used.
// *subject.Service implements it.
type Subjects interface {
	Get(ctx context.Context, code string) (subject.Subject, error)
}

// Catalog gives the catalog in force. *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}

var (
	_ Gate     = (*gate.Gate)(nil)
	_ Subjects = (*subject.Service)(nil)
	_ Catalog  = (*catalog.Service)(nil)
)
