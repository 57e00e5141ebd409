package io.github.secdns.core.diagnostics;

/** Whose name server a {@link NameServerReport} describes. */
public enum NameServerRole {
  /** One of the host's own (primary) name servers, from {@link HostFacts#primaryNameServers()}. */
  PRIMARY,
  /** A secondary name server from the configuration. */
  SECONDARY
}
