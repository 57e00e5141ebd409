package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a TLS server's certificate says, as plain values (the engine reads no certificate itself):
 * its subject, the names and addresses it is valid for, and its validity.
 *
 * @param subject the subject's distinguished name, for messages
 * @param dnsNames the DNS names of its subject alternative names (wildcards as written, e.g. {@code
 *     *.example.net}); kept lower case
 * @param ipAddresses the IP addresses of its subject alternative names
 * @param notBefore the first instant it is valid
 * @param notAfter the last instant it is valid
 */
public record CertificateFacts(
    String subject,
    List<String> dnsNames,
    List<InetAddress> ipAddresses,
    Instant notBefore,
    Instant notAfter) {

  /** Copies the lists, lower-cases the names and checks for nulls. */
  public CertificateFacts {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    dnsNames =
        dnsNames.stream()
            .map(n -> n.toLowerCase(Locale.ROOT))
            .sorted()
            .distinct()
            .collect(Collectors.toUnmodifiableList());
    ipAddresses =
        ipAddresses.stream()
            .sorted(Names.ADDRESS_ORDER)
            .distinct()
            .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Tells whether the certificate is valid for a host name, as a client that verifies it checks it
   * (RFC 6125 section 6.4: letter case ignored, a trailing dot ignored, a wildcard only as the
   * whole left-most label and matching exactly one label).
   *
   * @param hostName the name a secondary verifies, for example its {@code remote-hostname} (BIND)
   *     or {@code auth-domain-name} (NSD)
   * @return true when one of the DNS names matches
   */
  public boolean isValidFor(String hostName) {
    String name = hostName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    for (String pattern : dnsNames) {
      String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
      if (p.equals(name)) {
        return true;
      }
      if (p.startsWith("*.")) {
        int dot = name.indexOf('.');
        if (dot > 0 && name.substring(dot + 1).equals(p.substring(2))) {
          return true;
        }
      }
    }
    return false;
  }
}
