-- Whether a link was made for a saved login (seed 003): only such a link can have an authorize
-- flow, so only its login and completion look one up (two reads fewer in every other run). Links
-- that exist already count as made for one: they keep the lookups they had.
ALTER TABLE links ADD COLUMN for_login BOOLEAN DEFAULT TRUE NOT NULL;
