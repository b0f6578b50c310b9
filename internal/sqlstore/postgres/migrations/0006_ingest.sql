-- Collection (信用信息归集): providers and the items they deliver, batches
-- with their receipts, every version of every credit record with its
-- provenance, rejected rows and the quarantine of rows naming no known
-- enterprise. records is the big table: it is keyed by enterprise code
-- (uscc) so that it can be hash-partitioned later. One unique index on
-- (item, natural key, version) serves dedup lookups and makes two writers
-- of the same version collide; only current versions are in the subject
-- index.
CREATE TABLE providers (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    region_code TEXT NOT NULL DEFAULT '',
    org_id TEXT NOT NULL DEFAULT '',
    items TEXT NOT NULL,
    pull_url TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE ingest_batches (
    id TEXT PRIMARY KEY,
    provider_code TEXT NOT NULL REFERENCES providers (code),
    item_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    batch_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL DEFAULT '',
    encoding TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    accepted BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    duplicate BIGINT NOT NULL DEFAULT 0,
    revoked BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    quarantined BIGINT NOT NULL DEFAULT 0,
    committed_rows BIGINT NOT NULL DEFAULT 0,
    expected_rows BIGINT NOT NULL DEFAULT -1,
    expected_sha256 TEXT NOT NULL DEFAULT '',
    catalog_version INTEGER NOT NULL,
    field_fill TEXT NOT NULL DEFAULT '{}',
    error TEXT NOT NULL DEFAULT '',
    source_cursor TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX ingest_batches_key_idx ON ingest_batches (provider_code, item_code, batch_key);
CREATE INDEX ingest_batches_provider_idx ON ingest_batches (provider_code, item_code, created_at);

CREATE TABLE records (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    item_code TEXT NOT NULL,
    uscc TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    is_current SMALLINT NOT NULL,
    data TEXT NOT NULL,
    source_time TEXT NOT NULL DEFAULT '',
    provider_code TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    row_num BIGINT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    catalog_version INTEGER NOT NULL
);
CREATE UNIQUE INDEX records_key_version_idx ON records (item_code, key_hash, version);
CREATE INDEX records_subject_idx ON records (uscc, item_code) WHERE is_current = 1;

CREATE TABLE ingest_rejections (
    batch_id TEXT NOT NULL,
    row_num BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    field TEXT NOT NULL,
    label TEXT NOT NULL,
    reason TEXT NOT NULL,
    msg TEXT NOT NULL,
    msg_en TEXT NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (batch_id, row_num, seq)
);

CREATE TABLE quarantine (
    id TEXT PRIMARY KEY,
    batch_id TEXT NOT NULL,
    row_num BIGINT NOT NULL,
    item_code TEXT NOT NULL,
    provider_code TEXT NOT NULL,
    subject_code TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    data TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    resolved_uscc TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX quarantine_row_idx ON quarantine (batch_id, row_num);
CREATE INDEX quarantine_status_idx ON quarantine (status, created_at);

CREATE TABLE mapping_templates (
    provider_code TEXT NOT NULL REFERENCES providers (code),
    item_code TEXT NOT NULL,
    mapping TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider_code, item_code)
);
