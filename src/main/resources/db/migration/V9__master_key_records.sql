-- One row per sealed master-key version, written when the version is provisioned (by the server or
-- lockbox-admin). The fingerprint is HMAC-SHA256 under a key derived (HKDF) from the master key
-- itself, over the service and version: only the real key reproduces it, so a blob planted or
-- swapped in the blob directory is refused at startup, and so is a version with no row.

CREATE TABLE master_key_record (
    service     VARCHAR(64)  NOT NULL,
    version     INTEGER      NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    recorded_by VARCHAR(32)  NOT NULL,
    recorded    TIMESTAMP    NOT NULL,
    PRIMARY KEY (service, version)
);
