// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
)

// leafColumns are the members of a leaf that are copied into columns.
type leafColumns struct {
	Kind     string `json:"kind"`
	Time     string `json:"time"`
	ActorOrg string `json:"actor_org"`
	Subject  string `json:"subject"`
}

// leaf checks one stored leaf and returns the hash of its bytes, which is
// what the tree is recomputed from (never the leaf_hash column).
func (v *verifier) leaf(l StoredLeaf) tlog.Hash {
	h := tlog.RecordHash(l.Leaf)
	if h != l.LeafHash {
		v.problem("leaf", l.Index, "leaf bytes do not hash to the stored leaf_hash: the row was edited")
	}
	var c leafColumns
	if err := json.Unmarshal(l.Leaf, &c); err != nil {
		v.problem("leaf", l.Index, "leaf is not a JSON object: %v", err)
	} else if t, err := time.Parse(timeLayout, c.Time); err != nil || c.Kind != l.Kind ||
		!t.Equal(l.Time) || c.ActorOrg != l.ActorOrgID || c.Subject != l.SubjectHash {
		v.problem("leaf", l.Index, "the kind, time, actor_org_id or subject_hash column differs from the leaf")
	}
	if v.keys == nil {
		return h
	}
	e, err := v.keys.openBody(l.Body, l.LeafHash)
	if err != nil {
		v.problem("leaf", l.Index, "sealed body: %v", err)
		return h
	}
	derived, err := v.keys.leafOf(e)
	if err != nil || !bytes.Equal(derived, l.Leaf) {
		v.problem("leaf", l.Index, "the sealed body does not produce the stored leaf: body or leaf was edited")
	}
	return h
}

// loadCheckpoints reads every checkpoint, checks its signature with the
// pinned or stored verifier key, and keeps those whose signed size and
// root agree with their columns.
func (v *verifier) loadCheckpoints(ctx context.Context, vkey string) error {
	cps, err := v.st.AuditCheckpoints(ctx)
	if err != nil {
		return err
	}
	if vkey == "" {
		vkey, err = v.st.Setting(ctx, settingVerifier)
		if apperr.Is(err, apperr.NotFound) {
			if len(cps) > 0 {
				v.problem("checkpoint", -1, "there are %d checkpoints but no verifier key is stored", len(cps))
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
	for _, c := range cps {
		size, root, err := OpenCheckpoint(c.Note, vkey)
		switch {
		case err != nil:
			v.problem("checkpoint", c.Size, "%v", err)
		case size != c.Size || root != c.Root:
			v.problem("checkpoint", c.Size, "the size or root_hash column differs from the signed note (%d, %s)", size, root)
		default:
			v.cps = append(v.cps, c)
			v.rep.Checkpoints++
		}
	}
	return nil
}
