package io.github.secdns.core.lifecycle;

/** Where the zone's domain is registered, which decides who changes the registry delegation. */
public enum DomainRegistration {
  /**
   * The host is the registrar: it replaces the registry delegation itself with its own name servers
   * and the configured secondary name servers, and reserves the secondary name servers in its
   * delegation editor (they change only through the Secondary DNS configuration).
   */
  WITH_HOST,
  /**
   * Another registrar holds the domain: the customer must change the delegation there, and revert
   * that change when Secondary DNS is disabled.
   */
  ELSEWHERE
}
