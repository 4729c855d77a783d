-- PostgreSQL's V11_1 makes the events' id their primary key, to write fewer index entries; H2 gets
-- the same key, so that both databases hold the same schema. H2 keeps its separate unique index on
-- id (its generated name cannot be written here); H2 has no partial indexes, so its links indexes
-- stay as they are.
ALTER TABLE events DROP PRIMARY KEY;
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);
