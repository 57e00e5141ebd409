package io.github.secdns.axfr.refresh;

import static io.github.secdns.testsupport.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.export.TargetResolution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The dnsjava-based resolver against fake recursive resolvers on loopback addresses. */
class DnsjavaTargetResolverTest {

  private static final Name TARGET = Name.fromConstantString("lb.cdn.example.net.");

  private final RefreshTesting testing = new RefreshTesting();

  @AfterEach
  void cleanUp() throws Exception {
    testing.close();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    return testing.closing(resource);
  }

  private DnsjavaTargetResolver resolver(FakeRecursiveResolver... servers) throws IOException {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (FakeRecursiveResolver s : servers) {
      addresses.add(new InetSocketAddress(s.address(), s.port()));
    }
    return closing(
        DnsjavaTargetResolver.builder(addresses).timeout(Duration.ofMillis(300)).build());
  }

  private static TargetResolution resolve(DnsjavaTargetResolver r, Name target) throws Exception {
    return r.resolve(target).get(20, TimeUnit.SECONDS);
  }

  @Test
  void resolvesBothFamiliesWithTheirTtl() throws Exception {
    FakeRecursiveResolver dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    dns.addresses.put(TARGET, List.of(ip("2001:db8::7"), ip("192.0.2.7")));
    TargetResolution r = resolve(resolver(dns), TARGET);
    assertEquals(
        new TargetResolution.Resolved(
            List.of(ip("192.0.2.7"), ip("2001:db8::7")),
            OptionalLong.of(FakeRecursiveResolver.TTL)),
        r);
    assertEquals(2, dns.queries.get(), "one A and one AAAA query");
  }

  @Test
  void followsACnameChainAndTakesItsSmallestTtl() throws Exception {
    FakeRecursiveResolver dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    Name edge = Name.fromConstantString("edge.cdn.example.net.");
    dns.cnames.put(TARGET, edge);
    dns.addresses.put(edge, List.of(ip("192.0.2.8")));
    TargetResolution r = resolve(resolver(dns), TARGET);
    assertEquals(
        TargetResolution.resolved(List.of(ip("192.0.2.8")), FakeRecursiveResolver.TTL / 2), r);
  }

  @Test
  void aNameThatDoesNotExistIsUnresolvedWithTheReason() throws Exception {
    FakeRecursiveResolver dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    TargetResolution r = resolve(resolver(dns), TARGET);
    TargetResolution.Unresolved u = assertInstanceOf(TargetResolution.Unresolved.class, r);
    assertTrue(u.reason().contains("does not exist"), u.reason());
    assertTrue(u.reason().contains("lb.cdn.example.net."), u.reason());
  }

  @Test
  void aNameWithoutAddressesIsUnresolved() throws Exception {
    FakeRecursiveResolver dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    dns.addresses.put(TARGET, List.of());
    TargetResolution.Unresolved u =
        assertInstanceOf(TargetResolution.Unresolved.class, resolve(resolver(dns), TARGET));
    assertTrue(u.reason().contains("no A or AAAA"), u.reason());
  }

  @Test
  void aSilentServerIsATimeOutAndTheNextServerIsAsked() throws Exception {
    FakeRecursiveResolver silent = closing(new FakeRecursiveResolver("127.0.0.3"));
    silent.silent.set(true);
    FakeRecursiveResolver answering = closing(new FakeRecursiveResolver("127.0.0.1"));
    answering.addresses.put(TARGET, List.of(ip("192.0.2.5")));

    TargetResolution.Unresolved alone =
        assertInstanceOf(TargetResolution.Unresolved.class, resolve(resolver(silent), TARGET));
    assertTrue(alone.reason().contains("time-out"), alone.reason());
    assertTrue(alone.reason().contains("127.0.0.3"), alone.reason());

    assertEquals(
        TargetResolution.resolved(List.of(ip("192.0.2.5")), FakeRecursiveResolver.TTL),
        resolve(resolver(silent, answering), TARGET));
    assertTrue(silent.queries.get() >= 4, "the silent server was asked first");
  }

  @Test
  void onlyExplicitAddressesAreAccepted() {
    assertThrows(IllegalArgumentException.class, () -> DnsjavaTargetResolver.builder(List.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DnsjavaTargetResolver.builder(
                    List.of(InetSocketAddress.createUnresolved("resolver.example", 53))));
    assertTrue(e.getMessage().contains("resolver.example"), e.getMessage());
  }

  @Test
  void closeIsIdempotentAndLaterResolutionsFail() throws Exception {
    FakeRecursiveResolver dns = closing(new FakeRecursiveResolver("127.0.0.1"));
    DnsjavaTargetResolver r = resolver(dns);
    r.close();
    r.close();
    assertTrue(r.resolve(TARGET).isCompletedExceptionally());
  }
}
