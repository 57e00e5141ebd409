package io.github.secdns.interop;

import io.github.secdns.testsupport.servers.TsigSecret;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * Asks a primary for a zone the way a refused secondary does (AXFR over TCP from the same source
 * address, signed with the same key) and reports what came back: the rcode and the TSIG error of
 * the first answer, and how many answer records it held. A refusal is then read from the answer,
 * not inferred from a log line that a time-out could also produce.
 */
final class TransferProbe {

  private static final int TIMEOUT_MS = 10_000;

  /**
   * What the first answer said.
   *
   * @param rcode its rcode (the extended rcode included)
   * @param tsigError the error in its TSIG record, or 0 without one
   * @param answers the records in its answer section
   */
  record Answer(int rcode, int tsigError, int answers) {
    @Override
    public String toString() {
      return Rcode.string(rcode)
          + (tsigError == 0 ? "" : " (TSIG " + Rcode.TSIGstring(tsigError) + ")")
          + ", "
          + answers
          + " answer records";
    }
  }

  private TransferProbe() {}

  static Answer axfr(
      InetSocketAddress primary, Name zone, InetAddress source, Optional<TsigSecret> key) {
    Message query = Message.newQuery(Record.newRecord(zone, Type.AXFR, DClass.IN));
    key.ifPresent(k -> k.toDnsjava().apply(query, null));
    byte[] wire = query.toWire();
    try (Socket s = new Socket()) {
      s.setSoTimeout(TIMEOUT_MS);
      s.bind(new InetSocketAddress(source, 0));
      s.connect(primary, TIMEOUT_MS);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      Message answer = new Message(reply);
      TSIGRecord tsig = answer.getTSIG();
      return new Answer(
          answer.getRcode(),
          tsig == null ? 0 : tsig.getError(),
          answer.getSection(Section.ANSWER).size());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no answer to AXFR of " + zone + " from " + source.getHostAddress() + " at " + primary,
          e);
    }
  }
}
