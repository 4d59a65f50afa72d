-- Rotations of master keys (a service's KEKs are rewrapped) and of project KEKs (a project's
-- secrets are rewrapped). Progress is counted live from project_kek and secret; a row records what
-- was asked, how much there was to do, and whether it is done.

CREATE TABLE key_rotation (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    kind         VARCHAR(16)  NOT NULL,
    service      VARCHAR(64)  NOT NULL,
    project_id   VARCHAR(64),
    from_version INTEGER      NOT NULL,
    to_version   INTEGER      NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    total        BIGINT       NOT NULL,
    failed       BIGINT       NOT NULL,
    detail       VARCHAR(255),
    started      TIMESTAMP    NOT NULL,
    updated      TIMESTAMP    NOT NULL,
    finished     TIMESTAMP
);
CREATE INDEX rotation_by_target ON key_rotation (kind, service, project_id, to_version);
CREATE INDEX rotation_by_start ON key_rotation (started);

-- The sweeps look up KEKs by master-key version and secrets by KEK version.
CREATE INDEX kek_by_master_version ON project_kek (service, master_key_version);
CREATE INDEX secret_by_kek ON secret (service, project_id, kek_version);
