package io.github.secdns.core.config;

/**
 * Whether a zone is transferred over TLS (XoT, RFC 9103), over plain TCP, or both.
 *
 * <p>The TLS and TSIG rules of a configuration apply on top of this choice: XoT says how the bytes
 * travel, the transfer ACL and keys say who may ask (RFC 9103 section 9). A responder without a TLS
 * listener cannot serve a zone that {@link #REQUIRED requires} XoT to anyone.
 */
public enum XotPolicy {
  /**
   * XoT is not offered for the zone: transfers over a TLS listener are refused, plain TCP transfers
   * are served.
   */
  NOT_OFFERED,
  /** Both: secondaries may pull over TLS or over plain TCP (the default). */
  ALLOWED,
  /**
   * Only over TLS: a plain TCP transfer is refused (REFUSED, with extended DNS error 18 when the
   * query had EDNS), as RFC 9103 section 11 asks of a zone whose contents are confidential (no
   * cleartext fallback).
   */
  REQUIRED;

  /**
   * Tells whether transfers over plain TCP are served.
   *
   * @return false only for {@link #REQUIRED}
   */
  public boolean allowsPlainTcp() {
    return this != REQUIRED;
  }

  /**
   * Tells whether transfers over TLS are served.
   *
   * @return false only for {@link #NOT_OFFERED}
   */
  public boolean allowsTls() {
    return this != NOT_OFFERED;
  }
}
