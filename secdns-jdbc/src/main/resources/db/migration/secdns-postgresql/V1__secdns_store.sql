-- secdns-jdbc schema, version 1 (PostgreSQL 15). Applied by Flyway (FlywayMigrations, history
-- table secdns_schema_history) or by the host's own tool, once, in one transaction.

-- The change feed's clock: one row whose position every publish increments inside its
-- transaction. The row lock is held until commit, so positions grow in commit order and a reader
-- that sees position N sees every change before it.
CREATE TABLE secdns_feed (
  id       SMALLINT PRIMARY KEY CHECK (id = 1),
  position BIGINT   NOT NULL
);
INSERT INTO secdns_feed (id, position) VALUES (1, 0);

-- One row per zone: its current version in secdns-core's binary form (ZoneSnapshot.toBytes: records
-- in DNS wire form, CRC32C). A withdrawn zone keeps its row with serial and snapshot NULL, so the
-- feed reports it. Journal entries are HistoryEntry.toBytes, in the same form.
-- Zone names are the lower-case presentation form with escapes (ASCII), ordered by octet (C).
CREATE TABLE secdns_zone (
  zone_name      VARCHAR(1100) COLLATE "C" PRIMARY KEY,
  serial         BIGINT CHECK (serial BETWEEN 0 AND 4294967295),
  content_digest BYTEA,
  record_count   INTEGER,
  snapshot       BYTEA,
  published_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  feed_position  BIGINT NOT NULL,
  CHECK ((serial IS NULL) = (snapshot IS NULL))
);
CREATE INDEX secdns_zone_feed ON secdns_zone (feed_position);

-- The IXFR journal: one row per delta, oldest first by feed_position (the position of the
-- publish that wrote it). A zone's rows form a serial chain ending at its current version.
CREATE TABLE secdns_journal (
  zone_name     VARCHAR(1100) COLLATE "C" NOT NULL,
  feed_position BIGINT NOT NULL,
  from_serial   BIGINT NOT NULL CHECK (from_serial BETWEEN 0 AND 4294967295),
  to_serial     BIGINT NOT NULL CHECK (to_serial BETWEEN 0 AND 4294967295),
  recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  entry         BYTEA NOT NULL,
  PRIMARY KEY (zone_name, feed_position)
);

-- Leases for electing one node per duty (the NOTIFY sender): the holder renews expires_at
-- (database time) before it passes; another node takes the lease over once it has passed. term
-- grows with every change of holder (a fencing token).
CREATE TABLE secdns_lease (
  lease_name VARCHAR(200) PRIMARY KEY,
  holder     VARCHAR(300) NOT NULL,
  term       BIGINT NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
