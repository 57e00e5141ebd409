package io.github.secdns.axfr.refresh;

import java.util.ArrayList;
import java.util.List;
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
