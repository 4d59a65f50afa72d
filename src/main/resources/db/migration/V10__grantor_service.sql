-- The scope table is the ceiling: a read grant passes on only keys its maker could read, so each
-- grant records the service its maker spoke for. Grants made before this column existed have none
-- and pass on nothing of a key a service owns (they still open keys no service owns).

ALTER TABLE access_grant ADD COLUMN grantor_service VARCHAR(64);
