// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// body is the readable form of an event, kept sealed in audit_events.body
// for the people entitled to read it. Unlike the leaf it holds the
// enterprise code and the details in clear. Its JSON need not be canonical:
// verification decodes it, re-derives the leaf and compares bytes.
type body struct {
	V             int               `json:"v"`
	Kind          string            `json:"kind"`
	Time          string            `json:"time"`
	ActorKind     string            `json:"actor_kind"`
	ActorID       string            `json:"actor_id,omitempty"`
	ActorOrg      string            `json:"actor_org,omitempty"`
	ActorOrgKind  string            `json:"actor_org_kind,omitempty"`
	ActorRole     string            `json:"actor_role,omitempty"`
	Subject       string            `json:"subject,omitempty"`
	Items         []string          `json:"items,omitempty"`
	Purpose       string            `json:"purpose,omitempty"`
	Authorization string            `json:"authz,omitempty"`
	RequestID     string            `json:"request_id,omitempty"`
	Outcome       string            `json:"outcome"`
	Details       map[string]string `json:"details,omitempty"`
}

func bodyOf(e Event) body {
	return body{V: LeafVersion, Kind: e.Kind, Time: e.Time.UTC().Format(timeLayout),
		ActorKind: e.Actor.Kind, ActorID: e.Actor.ID, ActorOrg: e.Actor.OrgID,
		ActorOrgKind: e.Actor.OrgKind, ActorRole: e.Actor.Role, Subject: e.Subject,
		Items: e.Items, Purpose: e.Purpose, Authorization: e.Authorization,
		RequestID: e.RequestID, Outcome: string(e.Outcome), Details: e.Details}
}

func (b body) event() (Event, error) {
	if b.V != LeafVersion {
		return Event{}, fmt.Errorf("audit: body version %d is not %d", b.V, LeafVersion)
	}
	t, err := time.Parse(timeLayout, b.Time)
	if err != nil {
		return Event{}, fmt.Errorf("audit: body time %q: %w", b.Time, err)
	}
	return Event{Kind: b.Kind, Time: t,
		Actor:   Actor{Kind: b.ActorKind, ID: b.ActorID, OrgID: b.ActorOrg, OrgKind: b.ActorOrgKind, Role: b.ActorRole},
		Subject: b.Subject, Items: b.Items, Purpose: b.Purpose, Authorization: b.Authorization,
		RequestID: b.RequestID, Outcome: Outcome(b.Outcome), Details: b.Details}, nil
}

// sealBody encrypts the readable event under the body key, bound to the
// leaf hash: a body copied onto another row does not open there.
func (k *keys) sealBody(e Event, leafHash tlog.Hash) ([]byte, error) {
	plain, err := json.Marshal(bodyOf(e))
	if err != nil {
		return nil, fmt.Errorf("audit: encode body: %w", err)
	}
	return seal(&k.body, plain, leafHash[:])
}

// openBody decrypts and decodes a sealed body and checks it is a valid
// event. It does not compare it with the leaf; verification does.
func (k *keys) openBody(blob []byte, leafHash tlog.Hash) (Event, error) {
	plain, err := open(&k.body, blob, leafHash[:])
	if err != nil {
		return Event{}, err
	}
	return decodeBody(plain)
}

// decodeBody parses a body's JSON strictly and normalizes the event.
func decodeBody(plain []byte) (Event, error) {
	dec := json.NewDecoder(bytes.NewReader(plain))
	dec.DisallowUnknownFields()
	var b body
	if err := dec.Decode(&b); err != nil {
		return Event{}, fmt.Errorf("audit: decode body: %w", err)
	}
	if dec.More() {
		return Event{}, fmt.Errorf("audit: decode body: trailing data")
	}
	e, err := b.event()
	if err != nil {
		return Event{}, err
	}
	return e.normalize()
}
