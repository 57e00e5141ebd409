package io.github.secdns.core.diagnostics;

/** The transport a query went over. TCP matters for zone transfers and large answers. */
public enum Transport {
  /** DNS over UDP. */
  UDP,
  /** DNS over TCP. */
  TCP
}
