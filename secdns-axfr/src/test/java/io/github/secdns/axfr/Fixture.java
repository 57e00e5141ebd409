package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/** A responder on 127.0.0.1 with an ephemeral port, for tests. */
final class Fixture implements AutoCloseable {

  final PublishedZones zones = new PublishedZones();
  final RecordingListener listener = new RecordingListener();
  final AxfrResponder responder;

  Fixture(TransferPolicy policy, ResponderLimits limits) throws IOException {
    this(policy, limits, zone -> Optional.empty());
  }

  /** A responder that also knows the zones' configurations (their TSIG keys, IXFR, NOTIFY). */
  Fixture(
      TransferPolicy policy,
      ResponderLimits limits,
      Function<Name, Optional<SecondaryDnsConfiguration>> configurations)
      throws IOException {
    responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .policy(policy)
            .configurations(configurations)
            .limits(limits)
            .listener(listener)
            .build();
    responder.start();
  }

  static Fixture allowingAll() throws IOException {
    return new Fixture(r -> TransferDecision.allow("test"), ResponderLimits.defaults());
  }

  InetSocketAddress address() {
    return responder.boundAddresses().get(0);
  }

  @Override
  public void close() {
    responder.close();
    assertEquals(Set.of(), responderThreads(), "threads left after close()");
  }

  static Set<String> responderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("secdns-axfr-"))
        .collect(Collectors.toSet());
  }

  static List<InetSocketAddress> bound(AxfrResponder responder) {
    return responder.boundAddresses();
  }
}
