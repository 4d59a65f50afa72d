-- The audit trail and guarded deletion.

-- One row per audited event, append-only. Each event's hash is SHA-256 over a canonical encoding
-- of its fields and the previous event's hash (previous_hash), so an edited, deleted, inserted or
-- reordered row breaks the chain from that event on. Never material, never tokens.
CREATE TABLE audit_event (
    sequence       BIGINT        NOT NULL PRIMARY KEY,
    id             VARCHAR(36)   NOT NULL,
    event_time     TIMESTAMP     NOT NULL,
    request_id     VARCHAR(64),
    user_id        VARCHAR(255),
    acting_user_id VARCHAR(255),
    service        VARCHAR(64),
    project_id     VARCHAR(64),
    action         VARCHAR(64)   NOT NULL,
    http_method    VARCHAR(16),
    request_path   VARCHAR(512),
    key_id         VARCHAR(255),
    outcome        VARCHAR(16)   NOT NULL,
    status         INTEGER       NOT NULL,
    reason         VARCHAR(1024),
    previous_hash  VARCHAR(64)   NOT NULL,
    hash           VARCHAR(64)   NOT NULL,
    CONSTRAINT audit_event_id_unique UNIQUE (id)
);
CREATE INDEX audit_event_by_key ON audit_event (key_id, sequence);
CREATE INDEX audit_event_by_project ON audit_event (project_id, sequence);
CREATE INDEX audit_event_by_time ON audit_event (event_time);

-- The end of the chain: one row, locked by every append for the length of its short transaction,
-- so replicas sharing the database append one after another and never fork the chain.
CREATE TABLE audit_chain_head (
    id            INTEGER     NOT NULL PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_sequence, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A secret whose deletion was requested: hidden from its project, destroyed after the grace
-- period, restorable until then. request_event_id names the audit event of the DELETE request;
-- without a matching event the secret is never destroyed.
CREATE TABLE secret_deletion (
    secret_id        VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES secret (id) ON DELETE CASCADE,
    project_id       VARCHAR(64)  NOT NULL,
    requested_at     TIMESTAMP    NOT NULL,
    requested_by     VARCHAR(255) NOT NULL,
    destroy_after    TIMESTAMP    NOT NULL,
    request_event_id VARCHAR(36)  NOT NULL
);
CREATE INDEX secret_deletion_by_project ON secret_deletion (project_id, requested_at);
CREATE INDEX secret_deletion_by_due ON secret_deletion (destroy_after);

-- The places a pending secret held in containers (removed at the request, as Barbican does), put
-- back on restore while the container still exists.
CREATE TABLE deleted_container_member (
    secret_id    VARCHAR(36)  NOT NULL REFERENCES secret (id) ON DELETE CASCADE,
    container_id VARCHAR(36)  NOT NULL REFERENCES secret_container (id) ON DELETE CASCADE,
    name         VARCHAR(255)
);
