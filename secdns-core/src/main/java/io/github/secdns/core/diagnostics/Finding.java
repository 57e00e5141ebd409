package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * One thing the engine found, or could not judge.
 *
 * @param code the stable code; hosts key translations on it
 * @param nameServers the name servers concerned, sorted, lower case; empty when none is
 * @param addresses the addresses concerned (a name server's, a NOTIFY target's, a transfer
 *     client's), IPv4 first and sorted; empty when none is
 * @param message what is wrong, in words a customer understands
 * @param remedy what to do about it
 */
public record Finding(
    DiagnosticCode code,
    List<Name> nameServers,
    List<InetAddress> addresses,
    String message,
    String remedy) {

  /** The report order: most severe first, then by code, name servers, addresses and message. */
  static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.severity(), Comparator.reverseOrder())
          .thenComparing(Finding::code)
          .thenComparing(
              (a, b) -> Names.compareLists(a.nameServers, b.nameServers, Comparator.naturalOrder()))
          .thenComparing(
              (a, b) -> Names.compareLists(a.addresses, b.addresses, Names.ADDRESS_ORDER))
          .thenComparing(Finding::message)
          .thenComparing(Finding::remedy);

  /** Copies the lists, sorted and without duplicates; names become lower case and absolute. */
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(remedy, "remedy");
    nameServers =
        nameServers.stream()
            .map(Names::canonical)
            .distinct()
            .sorted()
            .collect(Collectors.toUnmodifiableList());
    addresses =
        addresses.stream()
            .distinct()
            .sorted(Names.ADDRESS_ORDER)
            .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the severity, which the code decides.
   *
   * @return {@code code().severity()}
   */
  public Severity severity() {
    return code.severity();
  }

  /**
   * Tells whether this finding names the given name server (case-insensitively).
   *
   * @param name the name server
   * @return true when it is among {@link #nameServers()}
   */
  public boolean concerns(Name name) {
    return nameServers.contains(Names.canonical(name));
  }
}
