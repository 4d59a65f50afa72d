-- Barbican's read ACLs on secrets and containers, and Lockbox's key groups and clones.

CREATE TABLE read_acl (
    resource_kind  VARCHAR(16)  NOT NULL,
    resource_id    VARCHAR(36)  NOT NULL,
    project_access BOOLEAN      NOT NULL,
    created        TIMESTAMP    NOT NULL,
    updated        TIMESTAMP    NOT NULL,
    PRIMARY KEY (resource_kind, resource_id)
);

CREATE TABLE read_acl_user (
    resource_kind VARCHAR(16) NOT NULL,
    resource_id   VARCHAR(36) NOT NULL,
    user_id       VARCHAR(64) NOT NULL,
    PRIMARY KEY (resource_kind, resource_id, user_id),
    FOREIGN KEY (resource_kind, resource_id) REFERENCES read_acl (resource_kind, resource_id) ON DELETE CASCADE
);
CREATE INDEX read_acl_by_user ON read_acl_user (user_id, resource_kind);

CREATE TABLE key_group (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    project_id VARCHAR(64)  NOT NULL,
    name       VARCHAR(255),
    creator_id VARCHAR(64)  NOT NULL,
    created    TIMESTAMP    NOT NULL,
    updated    TIMESTAMP    NOT NULL
);
CREATE INDEX key_group_by_project ON key_group (project_id, created);

ALTER TABLE secret ADD COLUMN group_id VARCHAR(36);
ALTER TABLE secret ADD COLUMN cloned_from VARCHAR(36);
CREATE INDEX secret_by_group ON secret (group_id);
CREATE INDEX secret_by_source ON secret (cloned_from);
