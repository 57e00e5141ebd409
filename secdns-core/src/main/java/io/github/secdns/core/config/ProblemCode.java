package io.github.secdns.core.config;

/**
 * Stable codes for configuration problems. A host maps them to its own messages and translations;
 * the names never change once released.
 */
public enum ProblemCode {
  /** A required value is missing or empty. */
  REQUIRED,
  /** A zone or host name is not a valid domain name. */
  INVALID_NAME,
  /** A name server name is not a valid host name (letters, digits and hyphens; no wildcard). */
  INVALID_HOST_NAME,
  /** The same name server appears twice (names compare case-insensitively). */
  DUPLICATE_NAME_SERVER,
  /** An address is not an IPv4 or IPv6 literal. */
  INVALID_ADDRESS,
  /** A CIDR prefix is malformed, too long for its family, or has host bits set. */
  INVALID_PREFIX,
  /** The same ACL entry appears twice. */
  DUPLICATE_ACL_ENTRY,
  /** A port is outside 1..65535. */
  INVALID_PORT,
  /** The same NOTIFY target (address and port) appears twice. */
  DUPLICATE_NOTIFY_TARGET,
  /** A NOTIFY target names a TSIG key the configuration does not define. */
  UNKNOWN_TSIG_KEY,
  /** Two TSIG keys have the same name. */
  DUPLICATE_TSIG_KEY,
  /** A TSIG algorithm is unknown, or refused (hmac-md5). */
  UNSUPPORTED_TSIG_ALGORITHM,
  /** A TSIG secret is not valid base64 or is empty. */
  INVALID_TSIG_SECRET,
  /** The transfer authentication mode needs a TSIG key but none is configured. */
  TSIG_KEY_REQUIRED,
  /** A number is out of its allowed range. */
  OUT_OF_RANGE,
  /** A label or free text is too long. */
  TOO_LONG,
  /** A value conflicts with another value of the same configuration. */
  CONFLICT,
  /**
   * An identifier (such as a provider preset id) is not lower-case letters, digits and single
   * hyphens starting with a letter, or is longer than 63 characters.
   */
  INVALID_ID,
  /** Two items that must be told apart by their id (such as two provider presets) share it. */
  DUPLICATE_ID,
  /** A link is not an absolute http or https URL. */
  INVALID_URL,
  /**
   * A provider preset was applied whose provider cannot act as a secondary at all (it cannot pull
   * zones by AXFR), such as Amazon Route 53.
   */
  NOT_A_SECONDARY,
  /**
   * A catalog zone {@code group} value is empty, longer than 255 characters, or not printable ASCII
   * without spaces.
   */
  INVALID_CATALOG_GROUP,
  /**
   * A catalog zone lists a member zone twice (names compare case-insensitively): two member nodes
   * with the same PTR value make the catalog broken (RFC 9432 section 4.1).
   */
  DUPLICATE_CATALOG_MEMBER,
  /**
   * Two members of a catalog zone have the same label: the member node would hold a PTR RRset of
   * two records, which makes the catalog broken (RFC 9432 section 4.1).
   */
  DUPLICATE_MEMBER_LABEL,
  /** A catalog member zone is not of class IN; catalogs list class IN zones only. */
  MEMBER_NOT_CLASS_IN,
  /** A catalog member zone is the catalog itself or lies under it. */
  MEMBER_AT_OR_UNDER_CATALOG,
  /** The previous version given is not a version of the same zone (another name or class). */
  PREVIOUS_VERSION_MISMATCH,
  /**
   * A serial is not greater than the previous version's in RFC 1982 arithmetic while the content
   * changed (or is older, whatever the content): secondaries would not notice the change.
   */
  SERIAL_NOT_INCREASING
}
