-- A retired master-key version keeps its record, marked retired: its number is never recorded again,
-- and a replica that still has it sealed (stopped while it was retired) deletes its copy instead of
-- refusing it as planted.
ALTER TABLE master_key_record ADD COLUMN retired TIMESTAMP;

-- When each registered replica last ran its enrollment round, and the master-key version it wraps
-- new KEKs under, per service: a version is retired only once every live replica uses a newer one.
ALTER TABLE replica ADD COLUMN seen TIMESTAMP;

CREATE TABLE replica_version (
    replica_id      VARCHAR(36) NOT NULL REFERENCES replica (id) ON DELETE CASCADE,
    service         VARCHAR(64) NOT NULL,
    current_version INTEGER     NOT NULL,
    PRIMARY KEY (replica_id, service)
);
