package io.github.secdns.examples.cli;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags that say how the primary lets a zone be transferred and whom it notifies ({@code
 * --allow}, {@code --notify}), one definition for {@code check}, {@code serve} and {@code host
 * enable}. A command's default ACL (serve's "this machine") is its own and said in its help.
 */
final class TransferFlags {

  @Option(
      names = "--allow",
      paramLabel = "ADDR_OR_CIDR",
      split = ",",
      description = "who may transfer the zone, besides a preset's addresses (the transfer ACL)")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--notify",
      paramLabel = "ADDR:PORT",
      split = ",",
      description = "the NOTIFY targets: notified at start and for each new serial")
  List<String> notify = new ArrayList<>();

  /** The {@code --notify} targets, each an address with a port. */
  List<InetSocketAddress> notifyTargets() throws UsageException {
    List<InetSocketAddress> targets = new ArrayList<>();
    for (String n : notify) {
      targets.add(Addresses.endpoint(n, "--notify", false));
    }
    return targets;
  }
}
