-- One row per background sweep (rotation, deletion, orders): the server that may run it now and
-- until when. A server takes the lease when no row names the sweep, when it holds the lease already
-- (a renewal) or when the lease has expired; it sets expires to now on release and keeps its name in
-- holder, so the row shows who ran the sweep last. Times are UTC.
CREATE TABLE sweep_lease (
    name     VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder   VARCHAR(255) NOT NULL,
    acquired TIMESTAMP    NOT NULL,
    expires  TIMESTAMP    NOT NULL
);
