-- secdns-jdbc schema, version 2 (H2 2.x): catalog member labels (RFC 9432), kept by
-- JdbcCatalogLabelStore. Applied after version 1, by Flyway or the host's own tool, once, in one
-- transaction.

-- One row per member of a catalog: the label of its member node (<label>.zones.$CATZ). Consumers
-- key a member's state on the label, so it is chosen once and kept. The primary key keeps one
-- label per member and the unique key one member per label, in each catalog: an insert or an
-- update that would break either fails as a whole, which is what makes the store's insert atomic
-- and its replace a compare-and-set, also between nodes. Names are the lower-case presentation
-- form with escapes (ASCII), labels lower case: letter case never makes two rows of one member.
CREATE TABLE secdns_catalog_label (
  catalog_name VARCHAR(1100) NOT NULL CHECK (catalog_name = LOWER(catalog_name)),
  member_name  VARCHAR(1100) NOT NULL CHECK (member_name = LOWER(member_name)),
  label        VARCHAR(63)   NOT NULL CHECK (label = LOWER(label) AND CHAR_LENGTH(label) >= 1),
  PRIMARY KEY (catalog_name, member_name),
  CONSTRAINT secdns_catalog_label_once UNIQUE (catalog_name, label)
);
