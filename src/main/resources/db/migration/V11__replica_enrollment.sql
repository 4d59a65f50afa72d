-- Sibling replicas that asked for the master keys, TPM to TPM. A joining replica registers its TPM's
-- endorsement-key certificate (DER) and its storage key's public area (TPMT_PUBLIC); nothing is sent
-- to it until an operator approves it (state PENDING, then APPROVED or REVOKED; who decided, when).
CREATE TABLE replica (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    name               VARCHAR(128) NOT NULL,
    ek_certificate     ${bytes}     NOT NULL,
    storage_key_public ${bytes}     NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    requested          TIMESTAMP    NOT NULL,
    decided            TIMESTAMP,
    decided_by         VARCHAR(128)
);

-- One master-key version made for one approved replica: a TPM2 duplication blob for its storage key
-- whose inner key only its endorsement key releases (the database alone opens nothing). The replica
-- clears blob and sets received once it has re-sealed the key under its own TPM; the row stays, so
-- that the version is not sent again. Revoking a replica deletes its rows.
CREATE TABLE transfer_blob (
    replica_id VARCHAR(36) NOT NULL REFERENCES replica (id) ON DELETE CASCADE,
    service    VARCHAR(64) NOT NULL,
    version    INTEGER     NOT NULL,
    blob       ${bytes},
    created    TIMESTAMP   NOT NULL,
    received   TIMESTAMP,
    PRIMARY KEY (replica_id, service, version)
);
