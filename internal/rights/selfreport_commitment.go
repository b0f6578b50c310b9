// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/notekey"
)

// CommitmentText is one fixed, versioned credit commitment (信用承诺书).
// A text once shipped never changes: a new wording is a new version, and
// each signed commitment names the version and the text's hash.
type CommitmentText struct {
	Version string
	ZH, EN  string
}

// SHA256 returns the hex SHA-256 of the Chinese text, the binding version.
func (c CommitmentText) SHA256() string {
	sum := sha256.Sum256([]byte(c.ZH))
	return hex.EncodeToString(sum[:])
}

const commitmentCommon = "本企业郑重承诺：本次填报的信息真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏；" +
	"本企业同意平台将上述信息标注为“企业自报”后纳入信用报告，并接受信用中心和数据提供单位的核查；" +
	"如承诺不实或未履行，本企业自愿接受认定为失信信息并依法依规承担相应责任。"

const commitmentCommonEN = "We solemnly commit that the information reported is true, accurate and complete, without " +
	"false statements, misleading statements or material omissions; we agree that the platform includes it in credit " +
	"reports marked as self-reported and that the credit centre and data providers may check it; if this commitment " +
	"proves false or is not kept, we accept that this is recorded as negative credit information and bear the legal consequences."

var commitmentTexts = map[SelfReportKind]CommitmentText{
	KindQualification: {"qualification/v1", "信用承诺书（资质证书）：所填资质、认证和证书真实有效，在有效期内。" + commitmentCommon,
		"Credit commitment (qualifications): the qualifications and certificates reported are genuine and in force. " + commitmentCommonEN},
	KindContract: {"contract/v1", "信用承诺书（合同履行）：所填合同真实存在，履行情况如实填写。" + commitmentCommon,
		"Credit commitment (contracts): the contracts reported exist and their performance is stated truthfully. " + commitmentCommonEN},
	KindWelfare: {"welfare/v1", "信用承诺书（公益活动）：所填公益活动和捐赠真实发生。" + commitmentCommon,
		"Credit commitment (public welfare): the activities and donations reported took place. " + commitmentCommonEN},
	KindFinancial: {"financial/v1", "信用承诺书（财务报表）：所填财务数据与本企业依法编制的财务报表一致。" + commitmentCommon,
		"Credit commitment (financial statements): the figures reported agree with the financial statements we keep as the law requires. " + commitmentCommonEN},
}

// CommitmentFor returns the commitment text in force for kind k.
func CommitmentFor(k SelfReportKind) (CommitmentText, bool) {
	c, ok := commitmentTexts[k]
	return c, ok
}

// Commitment is what the node signs for each submission: who committed,
// to which text, when, and to exactly which content.
type Commitment struct {
	ID             string // the self-report's ID, the commitment number
	USCC           string
	Kind           SelfReportKind
	Version        string // the CommitmentText version
	TextSHA256     string
	Account        string // the submitting user's ID
	Username       string
	Time           time.Time
	SubmissionHash string // hex SHA-256 of SubmissionDigest's input
}

const commitmentHeader = "xinrong self-report commitment v1"

var commitmentFields = []string{"id", "uscc", "kind", "text", "text-sha256", "account", "username", "time", "submission-sha256"}

// Body returns the note text: a header line, then one "key value" line per
// field in a fixed order.
func (c Commitment) Body() string {
	v := []string{c.ID, c.USCC, string(c.Kind), c.Version, c.TextSHA256, c.Account, c.Username,
		c.Time.UTC().Format(time.RFC3339Nano), c.SubmissionHash}
	var b strings.Builder
	b.WriteString(commitmentHeader + "\n")
	for i, k := range commitmentFields {
		b.WriteString(k + " " + v[i] + "\n")
	}
	return b.String()
}

// ParseCommitmentBody reads what Body wrote. Returns apperr.Invalid for
// anything else.
func ParseCommitmentBody(s string) (Commitment, error) {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if len(lines) != len(commitmentFields)+1 || lines[0] != commitmentHeader {
		return Commitment{}, apperr.Invalidf("rights: not a self-report commitment")
	}
	v := make([]string, len(commitmentFields))
	for i, k := range commitmentFields {
		val, ok := strings.CutPrefix(lines[i+1], k+" ")
		if !ok || strings.ContainsAny(val, " \r\t") {
			return Commitment{}, apperr.Invalidf("rights: commitment line %d is not %q", i+2, k)
		}
		v[i] = val
	}
	t, err := time.Parse(time.RFC3339Nano, v[7])
	if err != nil {
		return Commitment{}, apperr.Invalidf("rights: commitment time %q is not a time", v[7])
	}
	c := Commitment{ID: v[0], USCC: v[1], Kind: SelfReportKind(v[2]), Version: v[3], TextSHA256: v[4], Account: v[5],
		Username: v[6], Time: t, SubmissionHash: v[8]}
	if c.ID == "" || !c.Kind.Valid() || len(c.SubmissionHash) != 64 || len(c.TextSHA256) != 64 {
		return Commitment{}, apperr.Invalidf("rights: commitment has an empty id, an unknown kind or a bad hash")
	}
	return c, nil
}

// SubmissionDigest is the hex SHA-256 of a submission's canonical form:
// the kind and the fields as JSON with sorted keys.
func SubmissionDigest(k SelfReportKind, data map[string]string) string {
	b, _ := json.Marshal(struct {
		Kind SelfReportKind    `json:"kind"`
		Data map[string]string `json:"data"`
	}{k, data})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ErrBadCommitment is returned by VerifyCommitment for a signed commitment
// whose signature does not check.
var ErrBadCommitment = errors.New("rights: commitment signature does not verify")

// VerifyCommitment checks a signed commitment against the node's verifier
// key and returns what it states. It needs nothing else, so anyone can
// check a commitment offline.
func VerifyCommitment(signed []byte, verifierKey string) (Commitment, error) {
	v, err := note.NewVerifier(strings.TrimSpace(verifierKey))
	if err != nil {
		return Commitment{}, apperr.E(apperr.Invalid, "rights: verifier key is malformed", err)
	}
	n, err := note.Open(bytes.TrimLeft(signed, "\r\n\t "), note.VerifierList(v))
	if err != nil {
		return Commitment{}, fmt.Errorf("%w: %v", ErrBadCommitment, err)
	}
	return ParseCommitmentBody(n.Text)
}

// commitmentKey is the node's own signing key for commitments, apart from
// the consent and report keys.
var commitmentKey = notekey.Key{Signer: "selfreport.signer", Verifier: "selfreport.verifier",
	Label: "xinrong self-report commitment key v1"}

func signCommitment(c Commitment, signer note.Signer) (string, error) {
	msg, err := note.Sign(&note.Note{Text: c.Body()}, signer)
	if err != nil {
		return "", fmt.Errorf("rights: sign commitment %s: %w", c.ID, err)
	}
	return string(msg), nil
}
