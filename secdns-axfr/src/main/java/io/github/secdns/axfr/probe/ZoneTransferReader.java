package io.github.secdns.axfr.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reads one whole zone by AXFR (RFC 5936) over a blocking TCP connection, within a deadline and a
 * record limit. dnsjava's {@code ZoneTransferIn} is not used for the same reason as its {@code
 * SimpleResolver}: a static selector thread the prober could not stop.
 */
final class ZoneTransferReader {

  /** The server answered the transfer with an error code: it does not allow it. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(int rcode) {
      super("the transfer was refused: " + Rcode.string(rcode));
    }
  }

  private ZoneTransferReader() {}

  /**
   * Transfers the zone.
   *
   * @param maxRecords the most records accepted; a larger zone is a failure
   * @return every record of the transfer, the opening SOA first and the closing SOA last
   * @throws Refused when the first answer has an error code
   * @throws IOException on time-out, a broken connection, a malformed or oversized transfer
   */
  static List<Record> transfer(InetSocketAddress server, Name zone, long deadline, int maxRecords)
      throws IOException {
    Message query = DnsExchange.query(zone, Type.AXFR, false);
    List<Record> records = new ArrayList<>();
    try (Socket socket = DnsExchange.connect(server, query, deadline)) {
      while (true) {
        Message m = DnsExchange.readFramed(socket, deadline);
        if (m.getHeader().getID() != query.getHeader().getID()) {
          throw new IOException("a transfer message with another ID");
        }
        if (m.getRcode() != Rcode.NOERROR) {
          if (records.isEmpty()) {
            throw new Refused(m.getRcode());
          }
          throw new IOException("the transfer broke off with " + Rcode.string(m.getRcode()));
        }
        for (Record r : m.getSection(Section.ANSWER)) {
          if (records.isEmpty() && !(r instanceof SOARecord && r.getName().equals(zone))) {
            throw new IOException("the transfer does not begin with the zone's SOA");
          }
          records.add(r);
          if (records.size() > maxRecords) {
            throw new IOException("the zone has more than " + maxRecords + " records");
          }
          if (records.size() > 1 && r instanceof SOARecord && r.getName().equals(zone)) {
            return records;
          }
        }
        if (records.isEmpty()) {
          throw new IOException("the transfer's first message has no records");
        }
      }
    }
  }
}
