-- A HOT update needs room for the new row version on the row's own page. Links are changed a few
-- times within seconds of their insert, so each page keeps a fifth free for them (H2 has no such
-- setting; this location is PostgreSQL's only).
ALTER TABLE links SET (fillfactor = 80);
