package io.github.secdns.core.diagnostics;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/** Reports secondaries whose latest transfer attempt against the primary failed. */
final class TransferCheck {

  private TransferCheck() {}

  /**
   * Runs the check.
   *
   * @param serverAddresses observed addresses per name server, to name the server a transfer client
   *     belongs to when its source address is one of them
   */
  static void run(
      SecondaryDnsConfiguration config,
      Observations obs,
      Map<Name, List<InetAddress>> serverAddresses,
      FindingList out) {
    Map<InetAddress, TransferAttempt> latest = new TreeMap<>(Names.ADDRESS_ORDER);
    Comparator<TransferAttempt> order =
        Comparator.comparing(TransferAttempt::at)
            .thenComparing(TransferAttempt::result)
            .thenComparing(a -> a.keyName().map(Name::canonicalize).orElse(Name.root));
    for (TransferAttempt a : obs.transferAttempts()) {
      latest.merge(a.source(), a, (x, y) -> order.compare(x, y) >= 0 ? x : y);
    }
    for (TransferAttempt a : latest.values()) {
      Set<Name> servers =
          serverAddresses.entrySet().stream()
              .filter(e -> e.getValue().contains(a.source()))
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      String from = Names.display(a.source());
      String requested =
          "The last zone transfer requested from "
              + from
              + a.keyName().map(k -> " signed with the key " + Names.display(k)).orElse("");
      switch (a.result()) {
        case REFUSED ->
            out.add(
                DiagnosticCode.TRANSFER_REFUSED,
                servers,
                List.of(a.source()),
                requested + " was refused: the address is not allowed to transfer the zone.",
                config.aclAllows(a.source())
                    ? "The address is in the ACL now; if it still fails, wait until the"
                        + " configuration has reached the primary."
                    : "If "
                        + from
                        + " belongs to your Secondary DNS provider, add it to the"
                        + " transfer ACL.");
        case NOT_AUTHORIZED ->
            out.add(
                DiagnosticCode.TRANSFER_REFUSED,
                servers,
                List.of(a.source()),
                requested
                    + " was refused (NOTAUTH): its TSIG signature was missing or did not match a"
                    + " configured key.",
                "Configure the same TSIG key (name, algorithm and secret) here and at the"
                    + " Secondary DNS provider, and check that both clocks are right.");
        case FAILED ->
            out.add(
                DiagnosticCode.TRANSFER_FAILED,
                servers,
                List.of(a.source()),
                requested + " broke off before the end.",
                "Usually transient; if it repeats, check that TCP connections between the"
                    + " provider and the primary are not cut (firewalls, time-outs).");
        default -> {}
      }
    }
  }
}
