-- User ids are '<tenantId>-<32 hex>' (69 characters, seed 001's shape); V4 sized links.user_id
-- for 64. SET DATA TYPE is spelled the same on H2 and PostgreSQL.
ALTER TABLE links ALTER COLUMN user_id SET DATA TYPE VARCHAR(128);
