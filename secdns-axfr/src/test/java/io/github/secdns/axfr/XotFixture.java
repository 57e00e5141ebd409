package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.axfr.tls.TlsIdentity;
import io.github.secdns.axfr.tls.TlsMaterialException;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Name;

/**
 * A responder on 127.0.0.1 with a plain listener and an XoT listener (both on ephemeral ports), its
 * policy and TSIG keys from Secondary DNS configurations. Checks on close that no responder thread
 * is left.
 */
final class XotFixture implements AutoCloseable {

  static final String ZONE = "example.com.";
  static final String HOST_NAME = "xot.test";

  /** One authority and server certificate per JVM: key generation is the slow part. */
  static final TestCertificates.Authority CA = TestCertificates.authority("secdns XoT test CA");

  static final TestCertificate SERVER =
      CA.server(HOST_NAME).ipAddress(InetAddress.getLoopbackAddress()).issue();

  final PublishedZones zones = new PublishedZones();
  final RecordingListener listener = new RecordingListener();
  final ConcurrentHashMap<Name, SecondaryDnsConfiguration> configurations =
      new ConcurrentHashMap<>();
  final XotListener xot;
  final AxfrResponder responder;

  XotFixture(XotListener xot, ResponderLimits limits, SecondaryDnsConfiguration... cfgs)
      throws IOException {
    this.xot = xot;
    for (SecondaryDnsConfiguration c : cfgs) {
      configurations.put(c.zone(), c);
    }
    responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .xot(xot)
            .zoneSource(zones)
            .configurations(zone -> Optional.ofNullable(configurations.get(zone)))
            .limits(limits)
            .listener(listener)
            .build();
    responder.start();
  }

  /** The default: the server certificate, no client certificates, the given configurations. */
  XotFixture(SecondaryDnsConfiguration... cfgs) throws IOException {
    this(listener(), ResponderLimits.defaults(), cfgs);
  }

  static XotListener listener() {
    try {
      return XotListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .identity(identity(SERVER))
          .build();
    } catch (TlsMaterialException e) {
      throw new AssertionError(e);
    }
  }

  static TlsIdentity identity(TestCertificate certificate) {
    try {
      return TlsIdentity.of(certificate.privateKey(), certificate.chain().subList(0, 1));
    } catch (TlsMaterialException e) {
      throw new AssertionError(e);
    }
  }

  /** The zone's configuration: ACL 127.0.0.0/8, the given XoT policy, more as given. */
  static SecondaryDnsConfiguration configuration(
      XotPolicy policy, UnaryOperator<SecondaryDnsConfiguration.Builder> more) {
    return more.apply(
            SecondaryDnsConfiguration.builder()
                .zone(ZONE)
                .addSecondaryNameServer("ns1.secondary.example.net")
                .addAclEntry("127.0.0.0/8")
                .xotPolicy(policy))
        .build();
  }

  static SecondaryDnsConfiguration configuration(XotPolicy policy) {
    return configuration(policy, b -> b);
  }

  /** The plain TCP/UDP address. */
  InetSocketAddress plain() {
    return responder.boundAddresses().get(0);
  }

  /** The TLS address. */
  InetSocketAddress tls() {
    return responder.boundXotAddresses().get(0);
  }

  /** A client that trusts the test CA and offers ALPN dot over TLS 1.3. */
  static XotClient client() {
    return XotClient.trusting(CA.certificate());
  }

  @Override
  public void close() {
    responder.close();
    assertEquals(Set.of(), ReplicationFixture.threadsLeft(), "threads left after close()");
  }
}
