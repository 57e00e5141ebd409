-- Schema of the host-application example, version 2: TSIG keys and the transfer authentication
-- mode. Plain SQL that H2 and PostgreSQL both accept.

-- TSIG keys, their secrets sealed with AES-256-GCM (SecretBox) under a key-encryption key that is
-- not in the database; base64 text so that the SQL stays portable. The associated data is the zone
-- and the key name: a ciphertext copied into another row does not decrypt.
CREATE TABLE secondary_dns_tsig_keys (
  origin      VARCHAR(255)  NOT NULL REFERENCES zones (origin) ON DELETE CASCADE,
  key_name    VARCHAR(255)  NOT NULL,
  algorithm   VARCHAR(32)   NOT NULL,
  kek_id      VARCHAR(16)   NOT NULL,
  nonce       VARCHAR(32)   NOT NULL,
  ciphertext  VARCHAR(1000) NOT NULL,
  PRIMARY KEY (origin, key_name)
);

ALTER TABLE secondary_dns_configurations
  ADD COLUMN transfer_authentication VARCHAR(32) DEFAULT 'ADDRESS' NOT NULL;

-- What the responder applies to each zone (the serial it serves, the configuration revision in
-- force, since when), as it reported it: the diagnostics of any process compare that revision
-- with the saved one ("still propagating").
CREATE TABLE secondary_dns_applied (
  origin    VARCHAR(255) PRIMARY KEY,
  serial    BIGINT       NOT NULL,
  revision  BIGINT,
  since     TIMESTAMP WITH TIME ZONE NOT NULL
);
