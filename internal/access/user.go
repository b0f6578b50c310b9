// SPDX-License-Identifier: Apache-2.0

package access

import (
	"log/slog"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// UserStatus says whether a person's account may sign in.
type UserStatus string

// The user statuses.
const (
	UserActive    UserStatus = "active"    // 正常
	UserSuspended UserStatus = "suspended" // 停用
)

// User is a person's account in one organization.
type User struct {
	ID          string
	OrgID       string
	Username    string // lower case, unique on the node
	DisplayName string
	Roles       []Role
	Status      UserStatus
	// PasswordHash is the argon2id PHC string. The service never returns it;
	// it is here for the store. It is never serialised or logged.
	PasswordHash string `json:"-"`
	CreatedAt    time.Time
	LastLoginAt  time.Time // zero if never
}

// LogValue keeps names and hashes out of logs: only IDs are logged.
func (u User) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", u.ID), slog.String("org_id", u.OrgID))
}

// Has reports whether the user holds role r.
func (u User) Has(r Role) bool { return containsRole(u.Roles, r) }

// NewUser is what CreateUser and EnsureUser need.
type NewUser struct {
	OrgID       string
	Username    string
	DisplayName string // defaults to Username
	Roles       []Role
	Password    string
}

// Normalize trims the fields and lower-cases the user name.
func (n *NewUser) Normalize() {
	n.Username = NormalizeUsername(n.Username)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	if n.DisplayName == "" {
		n.DisplayName = n.Username
	}
}

// Validate checks the fields that need no database; roles are checked
// against the organization's kind by the service.
func (n NewUser) Validate() error {
	if n.OrgID == "" {
		return apperr.Invalidf("org_id: 所属机构必填 / required")
	}
	if err := ValidateUsername(n.Username); err != nil {
		return err
	}
	if utf8.RuneCountInString(n.DisplayName) > 64 {
		return apperr.Invalidf("display_name: 不超过64字 / at most 64 characters")
	}
	return CheckPassword(n.Password, n.Username)
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._@-]{2,63}$`)

// NormalizeUsername trims and lower-cases a user name, so that sign-in
// does not depend on the case someone typed.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateUsername checks a normalized user name: 3–64 characters, lower
// case letters, digits and . _ @ -, starting with a letter or digit.
func ValidateUsername(s string) error {
	if !usernameRE.MatchString(s) {
		return apperr.Invalidf("username: 用户名须为3–64位小写字母、数字或 . _ @ - / 3–64 lower-case letters, digits or . _ @ -")
	}
	return nil
}

// Password length bounds. The upper bound caps hashing work per request.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 128
)

// CheckPassword applies the password policy: 10–128 characters, at least
// two of the classes lower case, upper case, digit, other (punctuation,
// Chinese, …), and not containing the user name. Length matters more than
// classes (NIST SP 800-63B); the class rule only refuses the weakest
// all-digit or all-letter choices.
func CheckPassword(pw, username string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen || n > MaxPasswordLen {
		return apperr.Invalidf("password: 密码须为%d–%d个字符 / must be %d–%d characters", MinPasswordLen, MaxPasswordLen, MinPasswordLen, MaxPasswordLen)
	}
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, b := range []bool{lower, upper, digit, other} {
		if b {
			classes++
		}
	}
	if classes < 2 {
		return apperr.Invalidf("password: 密码须包含至少两类字符（小写、大写、数字、其他） / must mix at least two of lower case, upper case, digits, other characters")
	}
	if username != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(username)) {
		return apperr.Invalidf("password: 密码不能包含用户名 / must not contain the user name")
	}
	return nil
}
