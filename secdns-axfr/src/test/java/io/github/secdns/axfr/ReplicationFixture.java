package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * A responder on 127.0.0.1 (ephemeral port) driven by Secondary DNS configurations: TSIG keys,
 * policy, IXFR and NOTIFY come from them. Checks on close that no responder or NOTIFY thread is
 * left.
 */
final class ReplicationFixture implements AutoCloseable {

  static final String KEY_NAME = "xfr-key.example.";

  final PublishedZones zones = new PublishedZones();
  final RecordingListener listener = new RecordingListener();
  final ConcurrentHashMap<Name, SecondaryDnsConfiguration> configurations =
      new ConcurrentHashMap<>();
  final AxfrResponder responder;

  /** The fixture's NOTIFY sender: built once, given to the responder, closed after it. */
  final NotifySender notifier;

  ReplicationFixture(
      ResponderLimits limits, NotifySender.Builder notifications, SecondaryDnsConfiguration... cfgs)
      throws IOException {
    this(limits, notifications, zones -> {}, cfgs);
  }

  ReplicationFixture(
      ResponderLimits limits,
      NotifySender.Builder notifications,
      java.util.function.Consumer<PublishedZones> beforeStart,
      SecondaryDnsConfiguration... cfgs)
      throws IOException {
    for (SecondaryDnsConfiguration c : cfgs) {
      configurations.put(c.zone(), c);
    }
    beforeStart.accept(zones);
    notifier = notifications.build();
    responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .zoneSource(zones)
            .configurations(zone -> Optional.ofNullable(configurations.get(zone)))
            .limits(limits)
            .listener(listener)
            .notifySender(notifier)
            .build();
    responder.start();
  }

  ReplicationFixture(SecondaryDnsConfiguration... cfgs) throws IOException {
    this(ResponderLimits.defaults(), NotifySender.builder(), cfgs);
  }

  InetSocketAddress address() {
    return responder.boundAddresses().get(0);
  }

  static String newSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  /** A configuration for a zone: NS, ACL 127.0.0.3, the given key, the given mode. */
  static SecondaryDnsConfiguration configuration(
      String zone,
      TransferAuthentication mode,
      String algorithm,
      String secretBase64,
      UnaryOperator<SecondaryDnsConfiguration.Builder> more) {
    return more.apply(
            SecondaryDnsConfiguration.builder()
                .zone(zone)
                .addSecondaryNameServer("ns1.secondary.example.net")
                .addAclEntry("127.0.0.3")
                .addTsigKey(KEY_NAME, algorithm, secretBase64)
                .transferAuthentication(mode))
        .build();
  }

  /**
   * Gives the responder one zone's configuration, open to 127.0.0.0/8 and NOTIFYing a secondary on
   * 127.0.0.2 at the port through the sender, and no NOTIFY at start-up.
   */
  static AxfrResponder.Builder notifyingLoopback2(
      AxfrResponder.Builder responder, String zone, int port, NotifySender notifier) {
    SecondaryDnsConfiguration configuration =
        SecondaryDnsConfiguration.builder()
            .zone(zone)
            .addSecondaryNameServer("ns1.secondary.example.net")
            .addAclEntry("127.0.0.0/8")
            .addNotifyTarget("127.0.0.2", port, null)
            .build();
    return responder
        .configurations(z -> Optional.of(configuration).filter(c -> c.zone().equals(z)))
        .notifySender(notifier)
        .startupNotify(StartupNotify.off());
  }

  @Override
  public void close() {
    responder.close();
    notifier.close();
    assertEquals(Set.of(), threadsLeft(), "threads left after close()");
  }

  static Set<String> threadsLeft() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("secdns-axfr-") || n.startsWith("secdns-notify-"))
        .collect(Collectors.toSet());
  }
}
