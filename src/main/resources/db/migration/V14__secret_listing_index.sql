-- A project's keys in listing order, with every column the default listing filters on: counting a
-- project's keys and choosing a page's ids read this index alone, and a page after a marker seeks to
-- the marker instead of stepping over the keys before it. It replaces the index on (project_id, created).
CREATE INDEX secret_listing ON secret (project_id, created, id, status, scope, creator_id, expiration);
DROP INDEX secret_by_project;
