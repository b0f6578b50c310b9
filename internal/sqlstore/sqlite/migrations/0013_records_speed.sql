-- Collection speed (issue 3): record hashes are stored as 16-byte blobs
-- instead of 32 hex characters, and the dedup index drops item_code (the
-- key hash already covers the item's code), so that the key index of a
-- large records table is about half as big and stays in the page cache
-- longer while a million-row batch inserts into it at random places.
-- SQLite cannot change a column's type: the table is copied, and every
-- index on it is created again (including 0012's change-feed index).
CREATE TABLE records_new (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    item_code TEXT NOT NULL,
    uscc TEXT NOT NULL,
    key_hash BLOB NOT NULL,
    content_hash BLOB NOT NULL,
    status TEXT NOT NULL,
    is_current INTEGER NOT NULL,
    data TEXT NOT NULL,
    source_time TEXT NOT NULL DEFAULT '',
    provider_code TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    row_num BIGINT NOT NULL,
    received_at TEXT NOT NULL,
    catalog_version INTEGER NOT NULL
);
INSERT INTO records_new (seq, id, version, item_code, uscc, key_hash, content_hash, status, is_current, data, source_time,
    provider_code, batch_id, row_num, received_at, catalog_version)
SELECT seq, id, version, item_code, uscc, unhex(key_hash), unhex(content_hash), status, is_current, data, source_time,
    provider_code, batch_id, row_num, received_at, catalog_version
FROM records ORDER BY seq;
DROP TABLE records;
ALTER TABLE records_new RENAME TO records;
CREATE UNIQUE INDEX records_key_version_idx ON records (key_hash, version);
CREATE INDEX records_subject_idx ON records (uscc, item_code) WHERE is_current = 1;
CREATE INDEX records_item_seq_idx ON records (item_code, seq);
