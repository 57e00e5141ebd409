-- Schema of the host-application example, version 3: the parts of a configuration that version 1
-- did not keep, so that a configuration read back equals the one saved (a restart, or a second
-- process serving what another one edits, served zones without their in-zone secondaries' glue
-- and with XoT merely allowed where it was required). Plain SQL that H2 and PostgreSQL both accept.

ALTER TABLE secondary_dns_configurations
  ADD COLUMN xot_policy VARCHAR(16) DEFAULT 'ALLOWED' NOT NULL;
ALTER TABLE secondary_dns_configurations ADD COLUMN catalog VARCHAR(255);
ALTER TABLE secondary_dns_configurations ADD COLUMN catalog_group VARCHAR(255);

-- The lists' lines now carry glue, labels and provenance (ConfigurationColumns): room for them.
ALTER TABLE secondary_dns_configurations ALTER COLUMN name_servers SET DATA TYPE VARCHAR(100000);
ALTER TABLE secondary_dns_configurations ALTER COLUMN transfer_acl SET DATA TYPE VARCHAR(100000);
ALTER TABLE secondary_dns_configurations ALTER COLUMN notify_targets SET DATA TYPE VARCHAR(100000);
