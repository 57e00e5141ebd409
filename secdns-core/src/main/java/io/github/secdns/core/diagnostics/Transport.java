package io.github.secdns.core.diagnostics;

/** The transport a query went over. TCP matters for zone transfers and large answers. */
public enum Transport {
  /** DNS over UDP. */
  UDP,
  /** DNS over TCP. */
  TCP,
  /** DNS over TLS (RFC 7858 framing; zone transfers over it are XoT, RFC 9103). */
  TLS
}
