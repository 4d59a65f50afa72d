-- The audit chain is keyed from here on. Each new event's hash is an HMAC-SHA-256 under an audit key
-- derived (HKDF) from a version of the default service's master key; key_version names that version,
-- so events keyed before a master-key rotation still verify after it. Events recorded before this
-- migration keep their plain SHA-256 (key_version NULL): they cannot be re-keyed here, since the
-- database never holds a master key.
ALTER TABLE audit_event ADD COLUMN key_version INTEGER;

-- The boundary between the two: every event from keyed_from on must be keyed, and the event before
-- it has boundary_hash. The server that applies this migration seals the boundary with an HMAC
-- (boundary_mac, under boundary_key_version) at its first audited request, so a database writer can
-- neither move the boundary nor pass keyed events off as plain ones.
ALTER TABLE audit_chain_head ADD COLUMN keyed_from BIGINT;
ALTER TABLE audit_chain_head ADD COLUMN boundary_hash VARCHAR(64);
ALTER TABLE audit_chain_head ADD COLUMN boundary_key_version INTEGER;
ALTER TABLE audit_chain_head ADD COLUMN boundary_mac VARCHAR(64);
UPDATE audit_chain_head SET keyed_from = last_sequence + 1, boundary_hash = last_hash;
