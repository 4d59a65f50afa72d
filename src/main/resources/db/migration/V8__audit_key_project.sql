-- An audit event names the caller's project (project_id) and, when the request was about a key, the
-- key's project (key_project_id), so the key's project sees every use of its keys: reads by users on
-- its read ACL, by sibling projects of a domain key, by services it granted access. NULL for events
-- recorded before this migration and for requests about no key.
ALTER TABLE audit_event ADD COLUMN key_project_id VARCHAR(64);
CREATE INDEX audit_event_by_key_project ON audit_event (key_project_id, sequence);
