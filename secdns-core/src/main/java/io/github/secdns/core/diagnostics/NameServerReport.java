package io.github.secdns.core.diagnostics;

import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * The status of one name server, for a status page line such as "ns1.example.net ✓".
 *
 * @param name the name server, lower case and absolute
 * @param role primary or secondary
 * @param status the status: the most severe finding naming it, or OK / NOT_CHECKED
 * @param addresses the addresses observed for it, IPv4 first and sorted
 * @param servedSerials the distinct serials its addresses answered with authoritatively, in
 *     ascending unsigned order (several when its addresses disagree)
 */
public record NameServerReport(
    Name name,
    NameServerRole role,
    ServerStatus status,
    List<InetAddress> addresses,
    List<SerialNumber> servedSerials) {

  /** Checks for nulls and copies the lists. */
  public NameServerReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(status, "status");
    addresses = List.copyOf(addresses);
    servedSerials = List.copyOf(servedSerials);
  }
}
