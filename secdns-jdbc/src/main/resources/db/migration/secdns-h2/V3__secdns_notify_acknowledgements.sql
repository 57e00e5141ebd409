-- secdns-jdbc schema, version 3 (H2 2.x): the serial each NOTIFY target last acknowledged per
-- zone, kept by JdbcNotifyAcknowledgements and shared by every responder node, so that a node that
-- takes the NOTIFY duty over notifies only where a target may have missed a change. Applied after
-- version 2, by Flyway or the host's own tool, once, in one transaction.

-- One row per zone and target (address and port as "192.0.2.1:53" or "[2001:db8::1]:53"). Names
-- are the lower-case presentation form, as in secdns_zone.
CREATE TABLE secdns_notify_ack (
  zone_name       VARCHAR(1100) NOT NULL CHECK (zone_name = LOWER(zone_name)),
  target          VARCHAR(64)   NOT NULL,
  serial          BIGINT        NOT NULL CHECK (serial >= 0 AND serial <= 4294967295),
  acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (zone_name, target)
);
