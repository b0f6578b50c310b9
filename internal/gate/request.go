// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

// Action is what the information is released for. Each action is its own
// kind of audit event, so that an enterprise can tell a report from a
// glance at its profile.
type Action string

// The actions.
const (
	ActionProfile Action = "profile" // 查看企业信息 (page or API)
	ActionReport  Action = "report"  // 出具信用报告
	ActionQuery   Action = "query"   // 查询明细记录
	ActionExport  Action = "export"  // 导出
	ActionVerify  Action = "verify"  // 数据核验 (yes/no only)
	ActionPush    Action = "push"    // 批量推送 / webhook
	// ActionAccessLog is the credit centre reading who accessed an
	// enterprise's information (to handle an objection or a complaint);
	// AccessLogRead logs it, Release never sees it.
	ActionAccessLog Action = "access_log"
)

var actionKinds = map[Action]string{
	ActionProfile:   "subject.viewed/v1",
	ActionReport:    "report.issued/v1",
	ActionQuery:     "records.read/v1",
	ActionExport:    "records.exported/v1",
	ActionVerify:    "verification.answered/v1",
	ActionPush:      "feed.pushed/v1",
	actionSearch:    "subject.searched/v1",
	ActionAccessLog: "accesslog.read/v1",
}

// actionSearch is a search of the register; Searched logs it, Release
// never sees it.
const actionSearch Action = "search"

// Kind returns the audit event kind of the action.
func (a Action) Kind() string { return actionKinds[a] }

// Valid reports whether a is a known action.
func (a Action) Valid() bool { _, ok := actionKinds[a]; return ok }

// Purposes outside authorizations: the enterprise reading its own
// information, the operator doing its work, a regulator supervising.
// Institutions must declare one of consent's purposes.
const (
	PurposeSelf        = "self_query"  // 本企业自查
	PurposeOperation   = "operation"   // 信用中心业务办理（异议、修复、质量核查）
	PurposeSupervision = "supervision" // 监管
)

// Request is one ask at the gate.
type Request struct {
	Action  Action
	Subject string // the enterprise: unified code or a legacy identifier
	// Items asked for. Empty means every item of the catalog, and the
	// answer is partial: items the caller may not read are listed as
	// withheld. Named items are all-or-nothing: one refusal refuses the
	// request.
	Items []string
	// Purpose is required of institutions (a consent.Purpose); the gate
	// fills it for other callers.
	Purpose string
	// At is the as-of time; zero means now.
	At time.Time
	// Details are non-personal facts for the audit leaf (report number,
	// format, counts). Seal may add more once the output is built.
	Details map[string]string
}

// Level is how deep a caller may read an item or field: each catalog
// disclosure class needs a level at least as deep.
type Level int

// The levels.
const (
	LevelNone       Level = iota // nothing
	LevelPublic                  // public information
	LevelAuthorized              // also information under the enterprise's authorization
	LevelFull                    // also verify_only detail: the enterprise itself
)

// LevelOf returns the level a disclosure class needs.
func LevelOf(d catalog.Disclosure) Level {
	switch d {
	case catalog.Public:
		return LevelPublic
	case catalog.Authorized:
		return LevelAuthorized
	}
	return LevelFull
}

// fieldLevel is the level a field needs: its own class when stricter than
// its item's.
func fieldLevel(it catalog.Item, f catalog.Field) Level { return LevelOf(it.FieldDisclosure(f)) }
