package io.github.secdns.axfr;

/** The transport a request arrived on. */
public enum Transport {
  /** DNS over UDP (SOA queries; transfers are refused with NOTIMP). */
  UDP,
  /** DNS over TCP with the 2-octet length prefix (RFC 1035 section 4.2.2, RFC 7766). */
  TCP,
  /**
   * DNS over TLS 1.3 on a TLS listener, framed as over TCP (RFC 7858); zone transfers over it are
   * XoT (RFC 9103). See {@link TransferRequest#tls()} for what was negotiated.
   */
  TLS
}
