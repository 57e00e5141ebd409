package io.github.secdns.axfr.probe;

import static io.github.secdns.axfr.probe.LoopbackServers.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.diagnostics.DiagnosticCode;
import io.github.secdns.core.diagnostics.DiagnosticEngine;
import io.github.secdns.core.diagnostics.DiagnosticReport;
import io.github.secdns.core.diagnostics.HostFacts;
import io.github.secdns.core.diagnostics.Observations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The walk from root hints to a zone's delegation, through a fake hierarchy on loopback: a root
 * (127.0.0.2), the TLD {@code test.} (.3), a lame server (.4), the parent {@code example.test.}
 * (.5) whose name server has no glue, the TLD {@code other.} (.6) that knows that name server's
 * address, and a server (.7) that only out-of-bailiwick "glue" points to and nobody should ask.
 */
class DelegationWalkTest {

  private static final Name ZONE = name("shop.example.test.");
  private static final Name NS1 = name("ns1.provider.net.");
  private static final Name NS2 = name("ns2.provider.net.");
  private static final Name PARENT_HOST = name("ns.parent-host.other.");

  private final AtomicInteger rootQueries = new AtomicInteger();
  private final AtomicInteger lameQueries = new AtomicInteger();
  private final AtomicInteger poisonedQueries = new AtomicInteger();
  private LoopbackServers servers;

  @AfterEach
  void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }

  private void startHierarchy(boolean parentIsGlueless) throws IOException {
    servers =
        LoopbackServers.start(
            counting(rootQueries, DelegationWalkTest::root),
            tld(parentIsGlueless),
            counting(lameQueries, q -> Optional.of(rcode(q, Rcode.REFUSED))),
            DelegationWalkTest::parent,
            DelegationWalkTest::otherTld,
            counting(poisonedQueries, q -> Optional.of(rcode(q, Rcode.REFUSED))));
  }

  private Prober.Builder prober() {
    return Prober.builder()
        .port(servers.port())
        .rootHints(List.of(new InetSocketAddress(ip("127.0.0.2"), servers.port())))
        .resolver(NameServerResolver.fixed(Map.of()))
        .contentComparison(ContentComparison.OFF)
        .queryTimeout(Duration.ofMillis(800))
        .budget(Duration.ofSeconds(20));
  }

  private static SecondaryDnsConfiguration config(String zone, Name... secondaries) {
    SecondaryDnsConfiguration.Builder b =
        SecondaryDnsConfiguration.builder().zone(zone).addAclEntry("127.0.0.0/8");
    for (Name n : secondaries) {
      b.addSecondaryNameServer(n.toString());
    }
    return b.build();
  }

  @Test
  void walksFromTheRootThroughALameServerAndAGluelessReferral() throws IOException {
    startHierarchy(true);
    Observations obs = prober().build().probe(config("shop.example.test", NS1), List.of(NS2));

    assertEquals(Optional.of(Set.of(NS1, NS2)), obs.parentDelegation());
    assertTrue(rootQueries.get() >= 2, "the root was asked for the zone and for the glueless NS");
    assertTrue(lameQueries.get() >= 1, "the lame server was tried, then passed over");
    assertEquals(0, poisonedQueries.get(), "glue outside the referring zone is never used");
  }

  @Test
  void theDelegationFeedsTheDiagnostics() throws IOException {
    startHierarchy(false);
    Name ns3 = name("ns3.provider.net.");
    SecondaryDnsConfiguration config = config("shop.example.test", NS1, ns3);
    Observations obs = prober().build().probe(config, List.of(NS2));
    DiagnosticReport report =
        DiagnosticEngine.diagnose(
            config,
            HostFacts.builder(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC))
                .primaryNameServers(List.of(NS2))
                .build(),
            obs);
    assertEquals(
        List.of(ns3),
        report.findings(DiagnosticCode.DELEGATION_MISSING_NAME_SERVERS).get(0).nameServers());
    assertFalse(report.has(DiagnosticCode.DELEGATION_NOT_OBSERVED));
  }

  @Test
  void aNameTheParentDoesNotKnowIsNotDelegated() throws IOException {
    startHierarchy(false);
    Observations obs = prober().build().probe(config("nothere.example.test", NS1), List.of(NS2));
    assertEquals(Optional.of(Set.of()), obs.parentDelegation());
  }

  @Test
  void onlyLameServersLeaveTheDelegationUnobserved() throws IOException {
    startHierarchy(false);
    Observations lame =
        Prober.builder()
            .port(servers.port())
            .rootHints(List.of(new InetSocketAddress(ip("127.0.0.4"), servers.port())))
            .resolver(NameServerResolver.fixed(Map.of()))
            .contentComparison(ContentComparison.OFF)
            .queryTimeout(Duration.ofMillis(800))
            .build()
            .probe(config("shop.example.test", NS1), List.of(NS2));
    assertEquals(Optional.empty(), lame.parentDelegation());
  }

  @Test
  void aGluelessNameServerInsideItsOwnZoneEndsTheWalkInsteadOfLooping() throws IOException {
    // test. refers example.test. to ns.example.test. without glue: resolving it needs itself.
    servers =
        LoopbackServers.start(
            DelegationWalkTest::root,
            q -> {
              Message r = reply(q);
              r.addRecord(
                  new NSRecord(name("example.test."), DClass.IN, 3600, name("ns.example.test.")),
                  Section.AUTHORITY);
              return Optional.of(r);
            });
    Observations obs = prober().build().probe(config("shop.example.test", NS1), List.of(NS2));
    assertEquals(Optional.empty(), obs.parentDelegation());
  }

  @Test
  void parentServersGivenOverrideTheWalk() throws IOException {
    startHierarchy(true);
    Observations obs =
        prober()
            .parentServers(List.of(new InetSocketAddress(ip("127.0.0.5"), servers.port())))
            .build()
            .probe(config("shop.example.test", NS1), List.of(NS2));
    assertEquals(Optional.of(Set.of(NS1, NS2)), obs.parentDelegation());
    assertEquals(0, rootQueries.get(), "the roots are not asked when the parent is given");
  }

  // ---- the fake hierarchy

  private static Function<Message, Optional<Message>> counting(
      AtomicInteger counter, Function<Message, Optional<Message>> handler) {
    return q -> {
      counter.incrementAndGet();
      return handler.apply(q);
    };
  }

  private static Optional<Message> root(Message q) {
    Name qname = q.getQuestion().getName();
    if (qname.subdomain(name("test."))) {
      return Optional.of(referral(q, "test.", "a.nic.test.", "127.0.0.3"));
    }
    if (qname.subdomain(name("other."))) {
      return Optional.of(referral(q, "other.", "a.nic.other.", "127.0.0.6"));
    }
    return Optional.of(authoritative(q, Rcode.NXDOMAIN));
  }

  /** The TLD test.: refers example.test. to a lame server and to a name server in other. */
  private static Function<Message, Optional<Message>> tld(boolean glueless) {
    return q -> {
      Name qname = q.getQuestion().getName();
      if (!qname.subdomain(name("example.test."))) {
        return Optional.of(authoritative(q, Rcode.NXDOMAIN));
      }
      Message r = referral(q, "example.test.", "lame.example.test.", "127.0.0.4");
      r.addRecord(
          new NSRecord(name("example.test."), DClass.IN, 3600, PARENT_HOST), Section.AUTHORITY);
      if (glueless) {
        // "Glue" for a name outside test.: a resolver must not believe it.
        r.addRecord(new ARecord(PARENT_HOST, DClass.IN, 3600, ip("127.0.0.7")), Section.ADDITIONAL);
      } else {
        r.addRecord(
            new NSRecord(name("example.test."), DClass.IN, 3600, name("b.example.test.")),
            Section.AUTHORITY);
        r.addRecord(
            new ARecord(name("b.example.test."), DClass.IN, 3600, ip("127.0.0.5")),
            Section.ADDITIONAL);
      }
      return Optional.of(r);
    };
  }

  /** The parent example.test.: delegates shop.example.test. to the provider's name servers. */
  private static Optional<Message> parent(Message q) {
    Name qname = q.getQuestion().getName();
    if (qname.subdomain(ZONE)) {
      Message r = reply(q);
      r.addRecord(new NSRecord(ZONE, DClass.IN, 3600, NS1), Section.AUTHORITY);
      r.addRecord(new NSRecord(ZONE, DClass.IN, 3600, NS2), Section.AUTHORITY);
      return Optional.of(r);
    }
    return Optional.of(authoritative(q, Rcode.NXDOMAIN));
  }

  /** The TLD other.: authoritative for the parent's glueless name server. */
  private static Optional<Message> otherTld(Message q) {
    Message r = authoritative(q, Rcode.NOERROR);
    if (q.getQuestion().getName().equals(PARENT_HOST) && q.getQuestion().getType() == Type.A) {
      r.addRecord(new ARecord(PARENT_HOST, DClass.IN, 3600, ip("127.0.0.5")), Section.ANSWER);
    } else if (!q.getQuestion().getName().equals(PARENT_HOST)) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    return Optional.of(r);
  }

  private static Message reply(Message q) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    return r;
  }

  private static Message rcode(Message q, int rcode) {
    Message r = reply(q);
    r.getHeader().setRcode(rcode);
    return r;
  }

  private static Message authoritative(Message q, int rcode) {
    Message r = rcode(q, rcode);
    r.getHeader().setFlag(Flags.AA);
    return r;
  }

  private static Message referral(Message q, String cut, String ns, String glue) {
    Message r = reply(q);
    r.addRecord(new NSRecord(name(cut), DClass.IN, 3600, name(ns)), Section.AUTHORITY);
    r.addRecord(new ARecord(name(ns), DClass.IN, 3600, ip(glue)), Section.ADDITIONAL);
    return r;
  }
}
