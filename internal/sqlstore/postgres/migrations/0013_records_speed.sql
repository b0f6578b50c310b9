-- Collection speed (issue 3): record hashes are stored as 16-byte bytea
-- instead of 32 hex characters, and the dedup index drops item_code (the
-- key hash already covers the item's code), so that the key index of a
-- large records table is about half as big: fewer pages to read, dirty and
-- write in full to the WAL after each checkpoint while a million-row batch
-- inserts into it at random places.
DROP INDEX records_key_version_idx;
ALTER TABLE records
    ALTER COLUMN key_hash TYPE BYTEA USING decode(key_hash, 'hex'),
    ALTER COLUMN content_hash TYPE BYTEA USING decode(content_hash, 'hex');
CREATE UNIQUE INDEX records_key_version_idx ON records (key_hash, version);
