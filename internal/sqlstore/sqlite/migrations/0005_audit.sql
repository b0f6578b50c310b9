-- Audit log (package audit): the tamper-evident record of who saw or changed
-- what (来源可溯、去向可查), an RFC 6962 Merkle tree kept in the same database
-- and written in the same transaction as the action it records.
--
-- audit_events: one row per leaf. leaf is the public canonical leaf (keyed
-- hashes and IDs only) and leaf_hash its RFC 6962 hash; body is the readable
-- event sealed with a key derived from the node secret. kind, created_at,
-- actor_org_id and subject_hash copy leaf members for readers' queries.
-- idx is INTEGER PRIMARY KEY, SQLite's 64-bit rowid alias (a BIGINT key
-- would add a second index to every insert).
CREATE TABLE audit_events (
    idx INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    actor_org_id TEXT NOT NULL,
    subject_hash TEXT,
    leaf BLOB NOT NULL,
    leaf_hash BLOB NOT NULL,
    body BLOB NOT NULL
);
CREATE INDEX audit_events_subject_hash_idx ON audit_events (subject_hash, idx) WHERE subject_hash IS NOT NULL;
CREATE INDEX audit_events_actor_org_id_idx ON audit_events (actor_org_id, idx);

-- Exactly the hashes tlog.StoredHashes returns, indexed by
-- tlog.StoredHashIndex: the tree can be recomputed and any proof served.
CREATE TABLE audit_hashes (
    idx INTEGER PRIMARY KEY,
    hash BLOB NOT NULL
);

-- The one-row head: the committed number of leaves. Appends lock it (on
-- PostgreSQL with SELECT … FOR UPDATE) so that they are numbered one after
-- another without gaps or duplicates.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL CHECK (size >= 0)
);
INSERT INTO audit_head (id, size) VALUES (1, 0);

-- Signed checkpoints (C2SP checkpoint in a signed note), one per tree size.
CREATE TABLE audit_checkpoints (
    size INTEGER PRIMARY KEY,
    root_hash BLOB NOT NULL,
    note_text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
