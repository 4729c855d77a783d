-- Saved logins (seed 003), the redirect allow-list, the hosted authorize flows and /Authorize requests.

-- Redirect URIs a tenant allows for GET /v1/OAuth/Authorize, compared by exact string equality.
CREATE TABLE tenant_redirect_uris (
    tenant_id    VARCHAR(64)   NOT NULL REFERENCES tenants (id),
    redirect_uri VARCHAR(2048) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tenant_redirect_uris_tenant ON tenant_redirect_uris (tenant_id);

-- A saved connection to an institution. The credentials (or OAuth tokens) live only in
-- secret_ciphertext, AES-GCM under the master key named in secret_key_id, with the login id as
-- associated data. next_refresh_at/lease_* coordinate the scheduled refresh across nodes.
CREATE TABLE logins (
    id                VARCHAR(64)  PRIMARY KEY,
    tenant_id         VARCHAR(64)  NOT NULL REFERENCES tenants (id),
    mode              VARCHAR(16)  NOT NULL,
    end_user_id       VARCHAR(255),
    integration_id    VARCHAR(64)  NOT NULL,
    auth_method       VARCHAR(16)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    refresh_enabled   BOOLEAN      NOT NULL,
    secret_ciphertext TEXT,
    secret_key_id     VARCHAR(64),
    last_error        VARCHAR(64),
    last_refreshed_at TIMESTAMP WITH TIME ZONE,
    next_refresh_at   TIMESTAMP WITH TIME ZONE,
    lease_owner       VARCHAR(64),
    lease_until       TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX logins_tenant ON logins (tenant_id);
CREATE INDEX logins_refresh ON logins (refresh_enabled, next_refresh_at);

-- What an institution returned for a login, newest last; MostRecentCached reads the newest.
CREATE TABLE login_snapshots (
    id          VARCHAR(64) PRIMARY KEY,
    login_id    VARCHAR(64) NOT NULL REFERENCES logins (id),
    data        TEXT        NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_snapshots_login ON login_snapshots (login_id, fetched_at);

-- One POST /v1/Authorize: its RequestId. pending_ciphertext holds an MFA transaction in progress.
CREATE TABLE login_requests (
    id                 VARCHAR(64) PRIMARY KEY,
    login_id           VARCHAR(64) NOT NULL REFERENCES logins (id),
    tenant_id          VARCHAR(64) NOT NULL REFERENCES tenants (id),
    status             VARCHAR(16) NOT NULL,
    cached             BOOLEAN     NOT NULL,
    save               BOOLEAN     NOT NULL,
    snapshot_id        VARCHAR(64) REFERENCES login_snapshots (id),
    pending_ciphertext TEXT,
    pending_key_id     VARCHAR(64),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_requests_login ON login_requests (login_id);

-- A hosted login started by GET /v1/OAuth/Authorize or GET /v1/connect. The flow id in the page
-- URL is a 128-bit capability; oauth_state_hash is the SHA-256 of Linkport's own one-time state
-- sent to an OAuth institution. pending_ciphertext keeps the PKCE verifier or the typed
-- credentials and MFA transaction between steps, sealed like a login's secret.
CREATE TABLE authorize_flows (
    id                 VARCHAR(64)   PRIMARY KEY,
    tenant_id          VARCHAR(64)   NOT NULL REFERENCES tenants (id),
    mode               VARCHAR(16)   NOT NULL,
    origin             VARCHAR(16)   NOT NULL,
    integration_id     VARCHAR(64),
    redirect_uri       VARCHAR(2048),
    client_state       TEXT,
    end_user_id        VARCHAR(255),
    update_login_id    VARCHAR(64),
    language           VARCHAR(16),
    status             VARCHAR(16)   NOT NULL,
    attempts_left      INTEGER       NOT NULL,
    oauth_state_hash   VARCHAR(64)   UNIQUE,
    pending_ciphertext TEXT,
    pending_key_id     VARCHAR(64),
    login_id           VARCHAR(64),
    error              VARCHAR(64),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
