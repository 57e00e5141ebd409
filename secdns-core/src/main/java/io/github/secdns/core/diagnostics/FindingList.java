package io.github.secdns.core.diagnostics;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.xbill.DNS.Name;

/** Collects findings while the checks run. */
final class FindingList {

  private final List<Finding> findings = new ArrayList<>();

  void add(
      DiagnosticCode code,
      Collection<Name> nameServers,
      Collection<InetAddress> addresses,
      String message,
      String remedy) {
    findings.add(
        new Finding(code, List.copyOf(nameServers), List.copyOf(addresses), message, remedy));
  }

  void add(DiagnosticCode code, String message, String remedy) {
    add(code, List.of(), List.of(), message, remedy);
  }

  List<Finding> all() {
    return findings;
  }
}
