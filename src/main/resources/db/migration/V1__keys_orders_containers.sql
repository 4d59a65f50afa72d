-- ${bytes} is a column of raw bytes: VARCHAR FOR BIT DATA on Derby, BYTEA on PostgreSQL.

CREATE TABLE project_kek (
    service            VARCHAR(64)  NOT NULL,
    project_id         VARCHAR(64)  NOT NULL,
    kek_version        INTEGER      NOT NULL,
    master_key_version INTEGER      NOT NULL,
    wrapped_key        ${bytes}     NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    created            TIMESTAMP    NOT NULL,
    PRIMARY KEY (service, project_id, kek_version)
);

CREATE TABLE secret (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    project_id       VARCHAR(64)  NOT NULL,
    service          VARCHAR(64)  NOT NULL,
    name             VARCHAR(255),
    secret_type      VARCHAR(16)  NOT NULL,
    algorithm        VARCHAR(255),
    bit_length       INTEGER,
    secret_mode      VARCHAR(255),
    status           VARCHAR(16)  NOT NULL,
    creator_id       VARCHAR(64)  NOT NULL,
    created          TIMESTAMP    NOT NULL,
    updated          TIMESTAMP    NOT NULL,
    expiration       TIMESTAMP,
    content_type     VARCHAR(64),
    kek_version      INTEGER,
    wrapped_material ${bytes}
);
CREATE INDEX secret_by_project ON secret (project_id, created);

CREATE TABLE secret_metadatum (
    secret_id  VARCHAR(36)  NOT NULL REFERENCES secret (id) ON DELETE CASCADE,
    meta_key   VARCHAR(255) NOT NULL,
    meta_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (secret_id, meta_key)
);

CREATE TABLE secret_container (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    project_id     VARCHAR(64)  NOT NULL,
    name           VARCHAR(255),
    container_type VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    creator_id     VARCHAR(64)  NOT NULL,
    created        TIMESTAMP    NOT NULL,
    updated        TIMESTAMP    NOT NULL
);
CREATE INDEX container_by_project ON secret_container (project_id, created);

CREATE TABLE container_secret (
    container_id VARCHAR(36)  NOT NULL REFERENCES secret_container (id) ON DELETE CASCADE,
    secret_id    VARCHAR(36)  NOT NULL,
    name         VARCHAR(255),
    PRIMARY KEY (container_id, secret_id)
);

CREATE TABLE key_order (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    project_id        VARCHAR(64)   NOT NULL,
    order_type        VARCHAR(16)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    meta              VARCHAR(4000) NOT NULL,
    secret_id         VARCHAR(36),
    container_id      VARCHAR(36),
    creator_id        VARCHAR(64)   NOT NULL,
    created           TIMESTAMP     NOT NULL,
    updated           TIMESTAMP     NOT NULL,
    error_status_code INTEGER,
    error_reason      VARCHAR(255)
);
CREATE INDEX order_by_project ON key_order (project_id, created);
