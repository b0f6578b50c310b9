-- The gate reads one institution's authorizations from one enterprise on
-- every release, newest first. With an index on (institution, created_at)
-- the planner walked all of a busy bank's authorizations to honour the
-- order (1.6 ms a report with 2,000 of them); this index answers the pair
-- in order directly and replaces the (institution, enterprise, status) one.
DROP INDEX authorizations_check_idx;
CREATE INDEX authorizations_pair_idx ON authorizations (institution_org_id, enterprise_uscc, created_at);
