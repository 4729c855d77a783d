-- Webhooks: endpoints a tenant registers, the per-tenant secret for per-link callback URLs, and
-- the transactional outbox (one delivery row per event and destination) with its attempt log.

-- Secrets are stored encrypted (MasterKeyCipher), not hashed: Linkport must sign with them.
-- During a rotation previous_secret keeps signing (a second signature) until previous_expires_at.
CREATE TABLE webhook_endpoints (
    id                        VARCHAR(64)   PRIMARY KEY,
    tenant_id                 VARCHAR(64)   NOT NULL REFERENCES tenants (id),
    mode                      VARCHAR(16)   NOT NULL,
    url                       VARCHAR(2048) NOT NULL,
    description               VARCHAR(500),
    event_types               TEXT          NOT NULL,
    enabled                   BOOLEAN       NOT NULL,
    disabled_reason           VARCHAR(200),
    secret_encrypted          TEXT          NOT NULL,
    previous_secret_encrypted TEXT,
    previous_expires_at       TIMESTAMP WITH TIME ZONE,
    failing_since             TIMESTAMP WITH TIME ZONE,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at                TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, mode);

-- Signs deliveries to a link's own webhookUrl, which has no endpoint (and so no endpoint secret).
CREATE TABLE link_webhook_secrets (
    tenant_id                 VARCHAR(64) NOT NULL REFERENCES tenants (id),
    mode                      VARCHAR(16) NOT NULL,
    secret_encrypted          TEXT        NOT NULL,
    previous_secret_encrypted TEXT,
    previous_expires_at       TIMESTAMP WITH TIME ZONE,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at                TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant_id, mode)
);

-- The outbox. A row is written in the transaction that appended the event; a dispatcher claims
-- it with a lease (conditional UPDATE of lease_owner/lease_until), so a crashed node's claims
-- expire and another node takes them over. payload is the exact body, identical on every retry.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(64)   PRIMARY KEY,
    tenant_id        VARCHAR(64)   NOT NULL REFERENCES tenants (id),
    mode             VARCHAR(16)   NOT NULL,
    event_id         VARCHAR(40)   NOT NULL,
    event_type       VARCHAR(64)   NOT NULL,
    endpoint_id      VARCHAR(64)   REFERENCES webhook_endpoints (id),
    url              VARCHAR(2048) NOT NULL,
    payload          TEXT          NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempt_count    INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    last_error       VARCHAR(500),
    replay_of        VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries (tenant_id, created_at);

-- Every attempt, successful or not. node names the server process that made it.
CREATE TABLE webhook_attempts (
    id               VARCHAR(64)  PRIMARY KEY,
    delivery_id      VARCHAR(64)  NOT NULL REFERENCES webhook_deliveries (id),
    attempt_number   INTEGER      NOT NULL,
    node             VARCHAR(64)  NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms      BIGINT       NOT NULL,
    status_code      INTEGER,
    success          BOOLEAN      NOT NULL,
    response_excerpt VARCHAR(1024),
    error            VARCHAR(500)
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, started_at);
