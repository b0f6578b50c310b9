-- Credit information catalog (信用信息目录). Each distinct catalog in force
-- is stored as a numbered version with its full content, so every record
-- can say which catalog it was collected under. Operators' additions (an
-- item, or a local supplementary catalog 地方补充目录) are kept as layers
-- and re-applied on top of the built-in catalog when the binary's own
-- catalog changes.
CREATE TABLE catalog_versions (
    version INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE catalog_layers (
    seq BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
