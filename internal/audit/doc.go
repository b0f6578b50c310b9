// SPDX-License-Identifier: Apache-2.0

// Package audit is the platform's tamper-evident audit log: 来源可溯、去向可查.
// Every time enterprise credit information leaves the platform (a report,
// a query, a verification, an export, a push to an institution or a peer
// node) and every operator action that changes what the platform does
// (catalog, accounts, agreements), the service doing it writes one event
// here, in the same database transaction as the action itself. If the
// action is undone, so is the event; if the event cannot be written, the
// action does not happen.
//
// What this proves to a regulator: who (which person or machine, for which
// institution, in which role) saw or did what (which catalog items, about
// which enterprise), when, for which declared purpose, and on which
// authorization. An enterprise can see every access to its own information.
// And nobody — not the operator, not a database administrator — can later
// change, remove or reorder an event without it being detected, because
// the events form an append-only Merkle tree (RFC 6962) whose root is
// signed and published.
//
// # The tree
//
// Leaf i is the i-th event's canonical leaf (below). Hashes are RFC 6962
// with SHA-256: a leaf hashes as SHA-256(0x00 || leaf), an interior node
// as SHA-256(0x01 || left || right). The node stores exactly the hashes
// golang.org/x/mod/sumdb/tlog.StoredHashes returns, at tlog.StoredHashIndex,
// in table audit_hashes, so any root or proof can be computed from them and
// the whole tree can be recomputed from the leaves alone.
//
// Appends are serialised on the one-row audit_head table (see
// sqlstore.Tx.LockAuditHead), which holds the committed size: indexes are
// dense, without gaps or duplicates, across every process sharing the
// database. An append reads only the ~log₂ n hashes of the tree's right
// frontier, in one query.
//
// # The leaf, version 1, byte for byte
//
// A leaf is a JSON object encoded as RFC 8785 (JCS) canonical JSON: members
// sorted by name, no white space, strings escaped only where JSON requires
// (", \ and U+0000–U+001F; \b \t \n \f \r in short form, the rest as \u00xx
// in lower-case hex), UTF-8. Members with empty values are left out. The
// members, in their order:
//
//	actor_id        user or API client ID of who acted (absent for the system)
//	actor_kind      "user", "client" or "system" (always present)
//	actor_org       ID of the organization it acted for
//	actor_org_kind  operator, provider, institution, enterprise or regulator
//	actor_role      role under which it acted
//	authz           reference of the authorization or agreement relied on
//	details         hex HMAC-SHA256(K_details, JCS(details map)), if any details
//	items           array of catalog item codes, sorted, without duplicates
//	kind            versioned event kind, "domain.verb/vN" (always present)
//	outcome         "ok", "denied" or "failed" (always present)
//	purpose         declared purpose code
//	request_id      request that caused it
//	subject         hex HMAC-SHA256(K_subject, enterprise code, trimmed, upper case)
//	time            UTC to the microsecond, "2006-01-02T15:04:05.000000Z" (always present)
//	v               the number 1 (always present)
//
// Every string value is an identifier of at most 128 characters from
// A–Z a–z 0–9 . _ : / - (or one of the hex digests), so in practice no
// escaping ever happens. For example (TestLeaf_Golden; digests under the
// test secret, shortened here):
//
//	{"actor_id":"01JUSER","actor_kind":"user","actor_org":"01JBANK","actor_org_kind":"institution",
//	"actor_role":"institution_query_officer","authz":"01JCONSENT","details":"e171fa05…4c46",
//	"items":["court.judgment","tax.rating"],"kind":"report.issued/v1","outcome":"ok",
//	"purpose":"loan_precheck","request_id":"req-7","subject":"953ad32b…fbf4",
//	"time":"2026-03-01T09:00:00.000000Z","v":1}
//
// (one line, no line breaks). The leaf hash is SHA-256(0x00 || those bytes).
//
// # What is not in a leaf
//
// Leaves are public: anyone may download them from the tiles endpoint. So
// a leaf holds no personal data and no credit data: the enterprise code
// (for an individual business it identifies a person) and the free-form
// details appear only as keyed hashes. The key is derived from the node
// secret, so nobody outside the node can test a guessed code against a
// leaf. The readable event — with the enterprise code and details in clear
// — is kept beside the leaf in audit_events.body, sealed with AES-256-GCM
// under K_body, bound to the leaf hash (as associated data) so that a body
// moved to another row no longer opens. Service.Events opens bodies only
// for those entitled: the credit centre and regulators see all events, an
// enterprise the events about itself, an organization the events it caused.
//
// # Keys
//
// K_subject, K_details, K_body and K_wrap are HKDF-SHA256 of the node
// secret (config secret_key, or DataDir/secret.key) with the labels in
// keys.go. Every process sharing a database must have the same secret; a
// changed secret cannot open old bodies or re-derive old leaves (the tree
// itself still verifies).
//
// Checkpoints are signed with an Ed25519 signed-note key (C2SP
// signed-note, golang.org/x/mod/sumdb/note) generated on first start. It is
// stored in the database, not in a file, so that every process of a
// PostgreSQL deployment signs with the same key: the private key sealed
// with K_wrap in node_settings "audit.signer", the verifier key in clear in
// "audit.verifier". `xinrong audit key` prints the verifier key; publish it
// out of band (on the node's website, in its filing with the regulator),
// because a verification is only as good as the key it is pinned to.
//
// # Checkpoints and public endpoints
//
// PublishCheckpoint, run on a schedule, signs the tree head when it has
// grown, after checking that the new tree is consistent with the last
// checkpoint. A checkpoint is a C2SP checkpoint: the origin (the key's
// name), the size in decimal and the root in base64, one per line, then
// the signature. The node serves, without authentication:
//
//	GET /audit/checkpoint                      latest signed checkpoint
//	GET /audit/tile/<L>/<N>[.p/<W>]            hash tiles (C2SP tlog-tiles, height 8)
//	GET /audit/tile/entries/<N>[.p/<W>]        entry bundles: the leaves above
//	GET /audit/proof/inclusion?index=&size=    RFC 6962 inclusion proof (JSON, base64)
//	GET /audit/proof/consistency?old=&size=    RFC 6962 consistency proof
//
// # Verification
//
// Verify (`xinrong audit verify`) recomputes everything from the leaves in
// the database; VerifyRemote (`--url`) does the same through the public
// endpoints only. Both say where a problem is. What they cannot see on
// their own: events removed from the end of the log after the last
// checkpoint anyone kept. That is why checkpoints are published and why a
// regulator should keep the last one it verified (`--state FILE`): a later
// log must extend it.
package audit
