-- Onboarding (接入管理): an institution's application, its pre-access
-- security assessment and its data sharing agreement, one row per
-- institution. The assessment and agreement are JSON documents: they are
-- read and replaced whole, never queried by their parts. Daily quota
-- counters are rows per institution per day (Asia/Shanghai) so that every
-- process sharing the database draws on one counter with an atomic UPDATE.
CREATE TABLE onboard_applications (
    id TEXT PRIMARY KEY,
    institution_org_id TEXT NOT NULL UNIQUE REFERENCES organizations(id),
    institution_type TEXT NOT NULL,
    licence_number TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    status TEXT NOT NULL,
    suspended_from TEXT NOT NULL DEFAULT '',
    assessment TEXT,
    agreement TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX onboard_applications_status_idx ON onboard_applications (status, created_at);

CREATE TABLE onboard_quota_usage (
    org_id TEXT NOT NULL REFERENCES organizations(id),
    day TEXT NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (org_id, day)
);
