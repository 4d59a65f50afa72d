-- The rest of Barbican's v1 API: container members keyed as Barbican keys them, consumers of
-- secrets and containers, project quotas, secret stores, and an index for the order sweep.

-- A secret may sit in a container more than once under different names, so the member table
-- loses its (container, secret) primary key. It is rebuilt under the same name (the one portable
-- way to drop a primary key on both Derby and PostgreSQL) and its rows are kept.
CREATE TABLE container_member_copy (
    container_id VARCHAR(36)  NOT NULL,
    secret_id    VARCHAR(36)  NOT NULL,
    name         VARCHAR(255)
);
INSERT INTO container_member_copy (container_id, secret_id, name)
    SELECT container_id, secret_id, name FROM container_secret;
DROP TABLE container_secret;

CREATE TABLE container_secret (
    container_id VARCHAR(36)  NOT NULL REFERENCES secret_container (id) ON DELETE CASCADE,
    secret_id    VARCHAR(36)  NOT NULL,
    name         VARCHAR(255),
    CONSTRAINT container_secret_unique UNIQUE (container_id, secret_id, name)
);
CREATE INDEX container_secret_by_secret ON container_secret (secret_id);
INSERT INTO container_secret (container_id, secret_id, name)
    SELECT container_id, secret_id, name FROM container_member_copy;
DROP TABLE container_member_copy;

-- Services registered as users of a secret (API 1.1); a consumed secret is not deleted without force.
CREATE TABLE secret_consumer (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    secret_id     VARCHAR(36)  NOT NULL REFERENCES secret (id) ON DELETE CASCADE,
    project_id    VARCHAR(64)  NOT NULL,
    service       VARCHAR(255) NOT NULL,
    resource_type VARCHAR(255) NOT NULL,
    resource_id   VARCHAR(255) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created       TIMESTAMP    NOT NULL,
    updated       TIMESTAMP    NOT NULL,
    CONSTRAINT secret_consumer_unique UNIQUE (secret_id, service, resource_type, resource_id)
);
CREATE INDEX secret_consumer_by_project ON secret_consumer (project_id);

-- Services registered as users of a container (name and URL, as Barbican's container consumers).
CREATE TABLE container_consumer (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    container_id VARCHAR(36)  NOT NULL REFERENCES secret_container (id) ON DELETE CASCADE,
    project_id   VARCHAR(64)  NOT NULL,
    name         VARCHAR(36)  NOT NULL,
    url          VARCHAR(255) NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    created      TIMESTAMP    NOT NULL,
    updated      TIMESTAMP    NOT NULL,
    CONSTRAINT container_consumer_unique UNIQUE (container_id, name, url)
);
CREATE INDEX container_consumer_by_project ON container_consumer (project_id);

-- Quotas configured for a project; a null column falls back to the configured default.
CREATE TABLE project_quota (
    project_id VARCHAR(64) NOT NULL PRIMARY KEY,
    secrets    INTEGER,
    orders     INTEGER,
    containers INTEGER,
    consumers  INTEGER,
    cas        INTEGER,
    created    TIMESTAMP   NOT NULL,
    updated    TIMESTAMP   NOT NULL
);

-- The secret stores Lockbox offers (registered at startup) and each project's preferred one.
CREATE TABLE secret_store (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    store_plugin   VARCHAR(255) NOT NULL,
    crypto_plugin  VARCHAR(255),
    global_default BOOLEAN      NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created        TIMESTAMP    NOT NULL,
    updated        TIMESTAMP    NOT NULL,
    CONSTRAINT secret_store_name_unique UNIQUE (name)
);

CREATE TABLE project_secret_store (
    project_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    secret_store_id VARCHAR(36) NOT NULL REFERENCES secret_store (id) ON DELETE CASCADE,
    created         TIMESTAMP   NOT NULL,
    updated         TIMESTAMP   NOT NULL
);

-- The order sweep deletes finished orders by status and age.
CREATE INDEX order_by_status_updated ON key_order (status, updated);
