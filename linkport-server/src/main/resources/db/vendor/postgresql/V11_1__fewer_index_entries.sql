-- Index entries a link run writes, fewer (docs/performance.md, round 21). On PostgreSQL every row
-- version that is not a HOT update gets an entry in each index whose predicate it meets; a link
-- run writes a link three times that way, seven events and a delivery twice.
--
-- Events are found by their public id (and listed through events_tenant): the index on seq was
-- one entry per event that no query reads. The primary key moves to id, whose unique constraint it
-- replaces (PostgreSQL builds its index once, here).
ALTER TABLE events DROP CONSTRAINT events_pkey, DROP CONSTRAINT events_id_key,
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

-- Links are looked up by user only with a user (user_id = ?, external_user_id = ?): a link without
-- one no longer writes an entry for NULL, on its insert and on each of its non-HOT updates.
CREATE INDEX links_user_set ON links (tenant_id, user_id) WHERE user_id IS NOT NULL;
DROP INDEX links_user;
ALTER INDEX links_user_set RENAME TO links_user;
CREATE INDEX links_external_user_set ON links (tenant_id, external_user_id) WHERE external_user_id IS NOT NULL;
DROP INDEX links_external_user;
ALTER INDEX links_external_user_set RENAME TO links_external_user;

-- The sweeper looks only at links with a sweep_at (sweep_at <= ?), and the dispatcher only at
-- pending deliveries: a finished link or delivery no longer writes an entry here, and these two
-- indexes hold only the rows still in play instead of every row ever written.
CREATE INDEX links_sweep_set ON links (sweep_at) WHERE sweep_at IS NOT NULL;
DROP INDEX links_sweep;
ALTER INDEX links_sweep_set RENAME TO links_sweep;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
DROP INDEX webhook_deliveries_due;
ALTER INDEX webhook_deliveries_pending RENAME TO webhook_deliveries_due;
