-- The sweeper finds links through one column, sweep_at: when it must next look at a link (its
-- expiry while it waits for the user, its lease's end while a node works on it), NULL once the link
-- is final. It replaces the (status, expires_at) and (status, lease_until) indexes, so that a state
-- change which moves neither (claim, consent, login succeeded, an operation completed) changes no
-- indexed column: on PostgreSQL that is a HOT update, one new row version and no index entries,
-- where each of those changes used to write all seven of the table's indexes (docs/performance.md).
ALTER TABLE links ADD COLUMN sweep_at TIMESTAMP WITH TIME ZONE;
UPDATE links SET sweep_at = CASE
    WHEN status IN ('pending', 'claimed', 'mfa_required') THEN expires_at
    WHEN status IN ('authenticating', 'running') THEN lease_until
    END;
DROP INDEX links_status_expires;
DROP INDEX links_status_lease;
CREATE INDEX links_sweep ON links (sweep_at);
