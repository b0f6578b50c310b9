-- Leases coordinate background work between several processes sharing one
-- database (a pull from one provider's endpoint runs in one process at a
-- time). A lease is a row with an expiry; an expired lease may be taken
-- over. No advisory locks, so that distributed PostgreSQL engines work too.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
