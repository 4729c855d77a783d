-- Credential logins behind /v1/connect and /v1/OAuth/Authorize now run in the hosted widget:
-- a flow points at the session link the widget drives, and is found again by it.
ALTER TABLE authorize_flows ADD COLUMN link_id VARCHAR(64);
CREATE UNIQUE INDEX authorize_flows_link_id ON authorize_flows (link_id);
