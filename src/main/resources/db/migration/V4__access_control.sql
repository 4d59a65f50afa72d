-- Access control: a key's scope (entity, user, project or domain), dual-locked keys (the tenant's
-- share of the material beside the service's), grants a project gives to services and delegates,
-- and the trusts Lockbox has seen in force.

ALTER TABLE secret ADD COLUMN scope VARCHAR(16) DEFAULT 'project' NOT NULL;
ALTER TABLE secret ADD COLUMN entity_id VARCHAR(255);
ALTER TABLE secret ADD COLUMN domain_id VARCHAR(64);
ALTER TABLE secret ADD COLUMN dual_lock BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE secret ADD COLUMN tenant_kek_version INTEGER;
ALTER TABLE secret ADD COLUMN tenant_share ${bytes};
CREATE INDEX secret_by_entity ON secret (project_id, entity_id);

CREATE TABLE access_grant (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    project_id   VARCHAR(64)  NOT NULL,
    service      VARCHAR(64)  NOT NULL,
    access_level VARCHAR(16)  NOT NULL,
    secret_id    VARCHAR(36),
    grantee      VARCHAR(64),
    trustor      VARCHAR(64),
    created_by   VARCHAR(64)  NOT NULL,
    created      TIMESTAMP    NOT NULL,
    expires_at   TIMESTAMP
);
CREATE INDEX grant_by_project ON access_grant (project_id, service, access_level);
CREATE INDEX grant_by_secret ON access_grant (secret_id);

CREATE TABLE seen_trust (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    trustor_user_id VARCHAR(64)  NOT NULL,
    trustee_user_id VARCHAR(64)  NOT NULL,
    project_id      VARCHAR(64),
    impersonation   BOOLEAN      NOT NULL,
    expires_at      TIMESTAMP,
    first_seen      TIMESTAMP    NOT NULL,
    last_used       TIMESTAMP    NOT NULL
);
CREATE INDEX trust_by_project ON seen_trust (project_id);
