-- What sandbox institutions remember about an account between calls: cards and deposit
-- allocations written by operations, the "password changed" marker. Keyed by the SHA-256 of the
-- login key, so every node (and a restart) sees the same simulated institution.
CREATE TABLE sandbox_state (
    integration_id VARCHAR(64)  NOT NULL,
    account_key    VARCHAR(64)  NOT NULL,
    state_key      VARCHAR(64)  NOT NULL,
    state_value    TEXT         NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (integration_id, account_key, state_key)
);

-- The sandbox OAuth authorization server's codes, access tokens and refresh tokens, stored as
-- SHA-256 hashes. used_at makes codes and refresh tokens single-use (a conditional UPDATE).
CREATE TABLE sandbox_oauth_grants (
    token_hash     VARCHAR(64)  PRIMARY KEY,
    kind           VARCHAR(16)  NOT NULL,
    client_id      VARCHAR(64)  NOT NULL,
    username       VARCHAR(255) NOT NULL,
    redirect_uri   TEXT,
    code_challenge VARCHAR(128),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE
);
