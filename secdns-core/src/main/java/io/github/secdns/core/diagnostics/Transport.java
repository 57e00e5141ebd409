package io.github.secdns.core.diagnostics;

/**
 * The transport a query went over: the one definition for the whole library. The prober records it
 * in its observations, the diagnostics engine reads it, and the responder reports it in its
 * transfer events (TCP matters for zone transfers and large answers).
 */
public enum Transport {
  /** DNS over UDP. */
  UDP,
  /** DNS over TCP, with the 2-octet length prefix (RFC 1035 section 4.2.2, RFC 7766). */
  TCP,
  /**
   * DNS over TLS 1.3, framed as over TCP (RFC 7858); zone transfers over it are XoT (RFC 9103). The
   * responder reports what was negotiated beside it (the network module's transfer request).
   */
  TLS
}
