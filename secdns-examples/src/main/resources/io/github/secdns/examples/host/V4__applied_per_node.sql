-- Schema of the host-application example, version 4: what each serving node applies. Version 2 kept
-- one row per zone, the latest report of any node: with several `host serve` on one database a saved
-- edit showed as applied as soon as one node took it up, while another still served the old ACL or
-- keys. Now every node keeps its own row and says it is alive; the status is the least advanced of
-- the nodes heard from lately. Plain SQL that H2 and PostgreSQL both accept.

CREATE TABLE secondary_dns_nodes (
  node     VARCHAR(64) PRIMARY KEY,
  seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE secondary_dns_applied_by_node (
  origin    VARCHAR(255) NOT NULL,
  node      VARCHAR(64)  NOT NULL REFERENCES secondary_dns_nodes (node) ON DELETE CASCADE,
  serial    BIGINT       NOT NULL,
  revision  BIGINT,
  since     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (origin, node)
);

-- Reports of one process at a time, replaced at the next report of each running node.
DROP TABLE secondary_dns_applied;
