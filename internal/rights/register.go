// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strings"
	"time"
	"unicode"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/subject"
)

// RegistrationMethod is how an account was bound to its USCC.
type RegistrationMethod string

// The methods.
const (
	MethodMatch RegistrationMethod = "match" // name and ID number matched the registration record
	MethodProof RegistrationMethod = "proof" // an operator approved uploaded proof
)

// RegistrationStatus is where a registration stands.
type RegistrationStatus string

// The statuses. A matched registration is done at once; proof waits for
// an operator, and the account stays suspended until it is approved.
const (
	RegDone     RegistrationStatus = "registered"
	RegPending  RegistrationStatus = "pending"
	RegApproved RegistrationStatus = "approved"
	RegRejected RegistrationStatus = "rejected"
)

// Registration is one real-name binding of an enterprise administrator's
// account to a USCC.
type Registration struct {
	ID        string
	USCC      string
	OrgID     string
	UserID    string
	Username  string
	Method    RegistrationMethod
	Status    RegistrationStatus
	RepName   string // the name the applicant gave (proof only: the operator compares it)
	ProofType string // sniffed content type
	Proof     []byte // only FindRegistration fills it
	Reason    string // why rejected
	DecidedBy string
	CreatedAt time.Time
	DecidedAt time.Time
}

// NewRegistration is a self-registration form.
type NewRegistration struct {
	USCC        string
	RepName     string // 法定代表人（个体工商户：经营者）姓名
	RepID       string // their ID number
	Username    string
	DisplayName string
	Password    string
}

// Normalize trims the fields and normalizes the code and ID number.
func (n *NewRegistration) Normalize() {
	n.USCC = subject.Normalize(n.USCC)
	n.RepName = normalizeName(n.RepName)
	n.RepID = normalizeID(n.RepID)
	n.Username = access.NormalizeUsername(n.Username)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
}

// Validate checks the fields of a normalized form.
func (n NewRegistration) Validate(needID bool) error {
	if v := subject.Check(n.USCC, subject.CheckOptions{}); !v.Valid {
		return apperr.Invalidf("uscc: 统一社会信用代码无效 / not a valid unified social credit code")
	}
	if n.RepName == "" || len([]rune(n.RepName)) > 100 {
		return apperr.Invalidf("rep_name: 姓名必填 / the name is required")
	}
	if needID && (len(n.RepID) < 6 || len(n.RepID) > 64) {
		return apperr.Invalidf("rep_id: 证件号码必填 / the ID number is required")
	}
	if err := access.ValidateUsername(n.Username); err != nil {
		return err
	}
	return access.CheckPassword(n.Password, n.Username)
}

// RepresentativeTitle names the person who registers for the enterprise:
// 经营者 for an individual business (个体工商户, code category 92),
// 法定代表人 otherwise.
func RepresentativeTitle(uscc string) (zh, en string) {
	if subject.TypeFromCode(uscc) == subject.TypeIndividual {
		return "经营者", "operator of the individual business"
	}
	return "法定代表人", "legal representative"
}

// normalizeName drops all white space (names are often typed with a
// space between family and given name) and the middle dot variants.
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		if r == '•' || r == '・' || r == '．' {
			return '·'
		}
		return r
	}, s)
}

// normalizeID upper-cases an ID number (the X check character) and drops
// white space.
func normalizeID(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// matches compares what the applicant typed with what the registration
// record holds in constant time, both fields always, so neither the answer
// nor its timing tells which field was wrong.
func matches(rec ingest.Record, name, id string) bool {
	h := func(s string) []byte { sum := sha256.Sum256([]byte(s)); return sum[:] }
	heldID := normalizeID(rec.Data["LEGAL_REP_ID"])
	okName := subtle.ConstantTimeCompare(h(normalizeName(rec.Data["LEGAL_REP"])), h(name))
	okID := subtle.ConstantTimeCompare(h(heldID), h(id))
	return okName&okID == 1 && heldID != ""
}

// RegisterStore persists registrations and failed attempts.
type RegisterStore interface {
	// RegisterTx runs fn in one write transaction with the audit leaf.
	RegisterTx(ctx context.Context, fn func(tx RegisterTx) error) error
	// CountRegisterAttempts counts failures in bucket at or after since.
	CountRegisterAttempts(ctx context.Context, bucket string, since time.Time) (int, error)
	FindRegistration(ctx context.Context, id string) (Registration, error)
	// FindRegistrations returns registrations with the status (all if
	// empty) and the code (all if empty), newest first, without proofs.
	FindRegistrations(ctx context.Context, status RegistrationStatus, uscc string, limit int) ([]Registration, error)
	CurrentRecords(ctx context.Context, uscc string, items []string) ([]ingest.Record, error)
}

// RegisterTx is the write side inside a transaction.
type RegisterTx interface {
	audit.Appender
	AddRegisterAttempt(ctx context.Context, bucket string, at time.Time) error
	CreateRegistration(ctx context.Context, r Registration) error
	UpdateRegistration(ctx context.Context, r Registration) error
	AddNotifications(ctx context.Context, ns ...Notification) error
}

// Accounts is what registration needs of package access. *access.Service
// implements it.
type Accounts interface {
	FindOrganizationByCode(ctx context.Context, code string) (access.Organization, error)
	EnsureOrganization(ctx context.Context, in access.NewOrganization) (access.Organization, bool, error)
	CreateUser(ctx context.Context, in access.NewUser) (access.User, error)
	ListUsers(ctx context.Context, f access.UserFilter) ([]access.User, error)
	SetUserStatus(ctx context.Context, userID string, st access.UserStatus) error
}

// SubjectFinder finds the enterprise in the master. *subject.Service
// implements it.
type SubjectFinder interface {
	Get(ctx context.Context, code string) (subject.Subject, error)
}
