package io.github.secdns.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Sends one NOTIFY (RFC 1996) from the test itself, for primaries that cannot send it yet: the
 * secondary then checks the primary's SOA and transfers, which exercises the primary's transfer
 * path without depending on its NOTIFY sender.
 */
final class NotifyFromTest {

  private NotifyFromTest() {}

  /** Sends NOTIFY for {@code zone} carrying {@code soa} and asserts a NOERROR answer. */
  static void send(InetSocketAddress secondary, Name zone, SOARecord soa) {
    Message notify = new Message();
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    notify.getHeader().setFlag(Flags.AA);
    notify.getHeader().unsetFlag(Flags.RD);
    notify.addRecord(Record.newRecord(zone, Type.SOA, DClass.IN), Section.QUESTION);
    notify.addRecord(soa, Section.ANSWER);
    SimpleResolver resolver = new SimpleResolver(secondary);
    resolver.setTimeout(Duration.ofSeconds(5));
    try {
      Message answer = resolver.send(notify);
      if (answer.getRcode() != Rcode.NOERROR) {
        throw new AssertionError("NOTIFY to " + secondary + " answered "
            + Rcode.string(answer.getRcode()));
      }
    } catch (IOException e) {
      throw new AssertionError("NOTIFY to " + secondary + " failed: " + e, e);
    }
  }
}
