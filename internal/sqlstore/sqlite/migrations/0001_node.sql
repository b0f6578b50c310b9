-- Node-wide settings (node identity, catalog version in force, keys' public
-- parts). Small key/value table: each setting is read at start.
CREATE TABLE node_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
