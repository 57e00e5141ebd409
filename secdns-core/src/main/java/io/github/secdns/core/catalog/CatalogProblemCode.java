package io.github.secdns.core.catalog;

/**
 * Stable codes for what the catalog producer refuses. Each one is something catalog consumers do
 * not protect themselves against (they would delete, ignore or reset member zones), so the producer
 * refuses to publish instead. The names never change once released.
 */
public enum CatalogProblemCode {
  /**
   * The catalog's name is relative, the root, has a wildcard label, or is longer than 179 octets (a
   * member node with its properties must fit in 255 octets).
   */
  INVALID_CATALOG_NAME,
  /**
   * A member zone's name is relative, the root, has a wildcard label, or holds characters other
   * than letters, digits, hyphens and underscores.
   */
  INVALID_MEMBER_NAME,
  /** A member zone is not of class IN; a catalog lists class IN zones only (RFC 9432 4.1). */
  MEMBER_NOT_CLASS_IN,
  /** A member zone is the catalog itself or lies under it. */
  MEMBER_AT_OR_UNDER_CATALOG,
  /**
   * A member zone is listed twice (names compare case-insensitively): two member nodes with the
   * same PTR value make the catalog broken (RFC 9432 section 4.1).
   */
  DUPLICATE_MEMBER,
  /**
   * Two members have the same label: the member node would hold a PTR RRset of two records, which
   * makes the catalog broken (RFC 9432 section 4.1).
   */
  DUPLICATE_LABEL,
  /** A {@code group} value is empty, longer than 255 octets, or not printable ASCII. */
  INVALID_GROUP,
  /** A {@code coo} target is relative, the root, or the catalog itself. */
  INVALID_CHANGE_OF_OWNERSHIP,
  /** The previous version given is not a version of this catalog (another name or class). */
  PREVIOUS_VERSION_MISMATCH,
  /**
   * The serial the host asked for is not greater than the previous version's in RFC 1982
   * arithmetic, while the content changed (or is older, whatever the content): consumers would not
   * notice the change (RFC 9432 section 4).
   */
  SERIAL_NOT_INCREASING
}
