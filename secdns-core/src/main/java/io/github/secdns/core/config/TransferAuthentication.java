package io.github.secdns.core.config;

/** How a zone's transfers are authorized (RFC 5936 section 5). */
public enum TransferAuthentication {
  /** The client's source address must be in the transfer ACL. */
  ADDRESS,
  /** The request must be signed with one of the zone's TSIG keys; any source address. */
  KEY,
  /** Both: an allowed source address and a valid signature. */
  ADDRESS_AND_KEY;

  /**
   * Tells whether this mode requires a TSIG signature.
   *
   * @return true for {@link #KEY} and {@link #ADDRESS_AND_KEY}
   */
  public boolean requiresKey() {
    return this != ADDRESS;
  }

  /**
   * Tells whether this mode requires an allowed source address.
   *
   * @return true for {@link #ADDRESS} and {@link #ADDRESS_AND_KEY}
   */
  public boolean requiresAddress() {
    return this != KEY;
  }
}
