-- Credit evaluation (信用评价, issue 6): every evaluation is kept with its
-- model version and input snapshot (score_evaluations); score_latest holds
-- each enterprise's latest result, keyed and stored in code order
-- (by its primary key) so that the full run reads it alongside the records in
-- one ordered pass, with region and industry for statistics. A change of
-- score or grade is appended to score_events, the outbox monitoring reads
-- by seq. score_cursors keeps how far score.follow has read the records
-- (records.seq) and the rights outbox of decided objections and granted
-- repairs (rights_changes.seq).
CREATE TABLE score_evaluations (
    id TEXT PRIMARY KEY,
    uscc TEXT NOT NULL,
    model_version TEXT NOT NULL,
    scale TEXT NOT NULL,
    score INTEGER NOT NULL,
    grade TEXT NOT NULL,
    digest TEXT NOT NULL,
    dimensions TEXT NOT NULL,
    inputs TEXT NOT NULL,
    reasons TEXT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX score_evaluations_uscc_idx ON score_evaluations (uscc, computed_at);

CREATE TABLE score_latest (
    uscc TEXT PRIMARY KEY,
    evaluation_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    score INTEGER NOT NULL,
    grade TEXT NOT NULL,
    digest TEXT NOT NULL,
    region_code TEXT NOT NULL DEFAULT '',
    industry_section TEXT NOT NULL DEFAULT '',
    computed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE score_events (
    seq BIGSERIAL PRIMARY KEY,
    uscc TEXT NOT NULL,
    evaluation_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    old_score INTEGER NOT NULL,
    old_grade TEXT NOT NULL,
    new_score INTEGER NOT NULL,
    new_grade TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE score_cursors (
    name TEXT PRIMARY KEY,
    record_seq BIGINT NOT NULL,
    rights_seq BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
