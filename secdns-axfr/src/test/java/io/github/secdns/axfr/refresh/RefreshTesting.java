package io.github.secdns.axfr.refresh;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** What the refresh tests share: resources closed in reverse order, literals, NOTIFY helpers. */
final class RefreshTesting implements AutoCloseable {

  private final List<AutoCloseable> resources = new ArrayList<>();

  /** Registers a resource to close (last registered, first closed). */
  <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  /** Closes every resource, then checks that no refresher or resolver thread is left. */
  @Override
  public void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    resources.clear();
    assertNoThreads(Pattern.compile("secdns-refresh-.*"));
  }

  /** Fails if a thread so named is alive: close() must have waited for every one to end. */
  static void assertNoThreads(Pattern names) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (names.matcher(t.getName()).matches() && t.isAlive()) {
        throw new AssertionError("thread left behind: " + t.getName());
      }
    }
  }

  /** Parses an IP literal (no lookup happens for a literal). */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
  static long notifiedSerial(Message notify) {
    return ((SOARecord) notify.getSection(Section.ANSWER).get(0)).getSerial();
  }

  /** A NOERROR answer to a NOTIFY, as a secondary acknowledges it. */
  static byte[] acknowledge(Message notify) {
    Message reply = new Message(notify.getHeader().getID());
    reply.getHeader().setOpcode(notify.getHeader().getOpcode());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setRcode(Rcode.NOERROR);
    reply.addRecord(notify.getQuestion(), Section.QUESTION);
    return reply.toWire();
  }
}
