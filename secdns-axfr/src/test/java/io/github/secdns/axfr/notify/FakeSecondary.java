package io.github.secdns.axfr.notify;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.FakeDnsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A secondary on a loopback address that receives NOTIFYs over UDP and answers as its behaviour
 * says: the shared {@link FakeDnsServer} with the view the NOTIFY tests use (raw queries, the last
 * sender, a behaviour that sees the count). Closes its socket and thread on {@link #close()}.
 */
public final class FakeSecondary implements AutoCloseable {

  /** Decides the reply to the n-th NOTIFY (1-based); an empty result means drop it. */
  public interface Behaviour {
    Optional<byte[]> reply(int n, byte[] query, Message parsed, FakeSecondary self)
        throws IOException;
  }

  /**
   * A secondary that answers every NOTIFY with this rcode.
   *
   * @param rcode the rcode of every answer
   * @return the behaviour
   */
  public static Behaviour answering(int rcode) {
    return (n, query, parsed, self) -> Optional.of(answer(parsed, rcode));
  }

  /**
   * A secondary that shares this key: it checks every NOTIFY's TSIG (a NOTIFY not signed with it is
   * a failure, in {@link #failures}) and answers NOERROR, signed.
   *
   * @param key the shared key
   * @return the behaviour
   */
  static Behaviour answeringSigned(TSIG key) {
    return (n, query, parsed, self) -> {
      int verified = key.verify(parsed, query, null);
      if (verified != Rcode.NOERROR || parsed.getTSIG() == null) {
        throw new AssertionError("NOTIFY " + n + ": TSIG " + Rcode.TSIGstring(verified));
      }
      return Optional.of(signedAnswer(parsed, key));
    };
  }

  /**
   * The answer of a secondary that shares this key: {@link #answer} with NOERROR, signed with the
   * key over the NOTIFY's own signature (RFC 8945 section 5.3).
   *
   * @param notify the NOTIFY, signed with the key
   * @param key the shared key
   * @return the answer's octets
   */
  public static byte[] signedAnswer(Message notify, TSIG key) throws IOException {
    Message reply = new Message(answer(notify, Rcode.NOERROR));
    reply.setTSIG(key, Rcode.NOERROR, notify.getTSIG());
    return reply.toWire(65535); // toWire() without a size would not sign
  }

  /** A secondary's answer to a NOTIFY: its ID and question, QR and AA set, this rcode. */
  static byte[] answer(Message query, int rcode) {
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setOpcode(Opcode.NOTIFY);
    reply.getHeader().setRcode(rcode);
    reply.addRecord(query.getQuestion(), Section.QUESTION);
    return reply.toWire();
  }

  private final FakeDnsServer server;
  public final List<byte[]> queries = new CopyOnWriteArrayList<>();
  final List<Throwable> failures;
  volatile InetSocketAddress lastSender;

  public FakeSecondary(String address, Behaviour behaviour) throws IOException {
    this.server =
        FakeDnsServer.udp(
            Addresses.ip(address),
            0,
            query -> {
              lastSender = query.sender();
              queries.add(query.wire());
              return behaviour.reply(query.number(), query.wire(), query.parsed(), this);
            });
    this.failures = server.failures();
  }

  public NotifyTarget target() {
    return target(Optional.empty());
  }

  NotifyTarget target(Optional<Name> keyName) {
    return new NotifyTarget(server.address(), server.port(), keyName);
  }

  public int received() {
    return server.received();
  }

  /** Waits until at least {@code n} NOTIFYs arrived, or fails after the deadline. */
  public void awaitReceived(int n) {
    server.awaitReceived(n, Duration.ofSeconds(20));
  }

  /** Sends a datagram from this secondary's own socket. */
  void send(byte[] bytes, InetSocketAddress to) throws IOException {
    server.send(bytes, to);
  }

  @Override
  public void close() {
    server.close();
  }
}
