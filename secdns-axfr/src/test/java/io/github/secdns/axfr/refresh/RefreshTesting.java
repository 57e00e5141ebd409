package io.github.secdns.axfr.refresh;

import static io.github.secdns.testsupport.Addresses.ip;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.export.AliasRecord;
import io.github.secdns.core.export.HostZone;
import io.github.secdns.core.export.SoaSettings;
import io.github.secdns.testsupport.Closer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * What the refresh tests share: resources closed in reverse order, the host zone and its
 * registration, NOTIFY helpers.
 */
// Its close() throws whatever the registered resources throw, InterruptedException included
// (javac's try lint): the tests that use it declare throws Exception anyway.
@SuppressWarnings("try")
public final class RefreshTesting implements AutoCloseable {

  private final Closer resources = new Closer();

  /** Starts with nothing to close. */
  public RefreshTesting() {}

  /** Registers a resource to close (last registered, first closed). */
  public <T extends AutoCloseable> T closing(T resource) {
    return resources.register(resource);
  }

  /** Closes every resource, then checks that no refresher or resolver thread is left. */
  @Override
  public void close() throws Exception {
    resources.close();
    assertNoThreads(Pattern.compile("secdns-refresh-.*"));
  }

  /** Fails if a thread so named is alive: close() must have waited for every one to end. */
  public static void assertNoThreads(Pattern names) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (names.matcher(t.getName()).matches() && t.isAlive()) {
        throw new AssertionError("thread left behind: " + t.getName());
      }
    }
  }

  /**
   * A host zone as the refresh tests store it: SOA serial 1 (primary {@code primary}, hostmaster
   * {@code hostmaster}) and an ALIAS at the apex to {@code target}; the caller adds records.
   */
  public static HostZone.Builder aliasAtTheApex(
      Name zone, Name primary, Name hostmaster, Name target) {
    return HostZone.builder(
            new SOARecord(zone, DClass.IN, 3600, primary, hostmaster, 1, 7200, 3600, 1209600, 300))
        .virtualRecord(new AliasRecord(zone, 300, target));
  }

  /** A zone registered as a host registers it: its configuration, host zone and primary. */
  public static RefreshedZone.Builder registered(
      SecondaryDnsConfiguration configuration,
      Supplier<HostZone> hostZone,
      Name primary,
      Name hostmaster) {
    return RefreshedZone.builder(
            configuration, hostZone, SoaSettings.builder(primary, hostmaster).build())
        .primaryNameServers(List.of(primary));
  }

  /**
   * The configuration of example.com the refresh tests serve: one secondary at 127.0.0.2, allowed
   * to transfer and notified on {@code notifyPort}.
   */
  static SecondaryDnsConfiguration configuration(int notifyPort) {
    return SecondaryDnsConfiguration.builder()
        .zone("example.com")
        .addSecondaryNameServer("ns1.secondary.example.net")
        .addAclEntry("127.0.0.2")
        .addNotifyTarget("127.0.0.2", notifyPort, null)
        .build();
  }

  /**
   * Starts a responder on 127.0.0.1 serving the zones, with the configuration's ACL and NOTIFY
   * targets: it sends the NOTIFY of every version the refresher publishes (the refresher sends
   * none), through the given sender.
   */
  static AxfrResponder responder(
      PublishedZones zones, SecondaryDnsConfiguration configuration, NotifySender sender)
      throws IOException {
    AxfrResponder responder =
        AxfrResponder.builder()
            .listen(new InetSocketAddress(ip("127.0.0.1"), 0))
            .zoneSource(zones)
            .configurations(zone -> Optional.of(configuration).filter(c -> c.zone().equals(zone)))
            .notifySender(sender)
            .build();
    responder.start();
    return responder;
  }

  /** The serial of the SOA hint in a NOTIFY. */
  public static long notifiedSerial(Message notify) {
    return ((SOARecord) notify.getSection(Section.ANSWER).get(0)).getSerial();
  }

  /** A NOERROR answer to a NOTIFY, as a secondary acknowledges it. */
  public static byte[] acknowledge(Message notify) {
    Message reply = new Message(notify.getHeader().getID());
    reply.getHeader().setOpcode(notify.getHeader().getOpcode());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setRcode(Rcode.NOERROR);
    reply.addRecord(notify.getQuestion(), Section.QUESTION);
    return reply.toWire();
  }
}
