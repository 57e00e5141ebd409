package io.github.secdns.axfr;

import io.github.secdns.axfr.HostileMessages.Framing;
import io.github.secdns.axfr.HostileMessages.Kind;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A fuzz harness anyone can run: sends a chosen number of hostile messages ({@link
 * HostileMessages}) to a responder in this JVM, over UDP and (one in {@code tcpEvery}) over TCP
 * with hostile framing, checks after every batch that a well-formed SOA query is still answered,
 * and reports what it tried: messages per mutation kind and framing, the rcodes of the replies, and
 * crashes (a batch whose SOA probe went unanswered, a dead I/O thread, an ERROR log line or a WARN
 * with a stack trace). Exits with status 1 when anything crashed.
 *
 * <p>Run (a million messages takes a few minutes on 2 cores), from the repository root:
 *
 * <pre>
 * mvn -B -q -pl secdns-axfr -am -Pfuzz -DskipTests test -Dfuzz.messages=1000000 -Dfuzz.seed=42
 * </pre>
 *
 * or with a plain java command on the test class path:
 *
 * <pre>
 * mvn -B -q -pl secdns-axfr -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp secdns-axfr/target/test-classes:secdns-axfr/target/classes:$(cat secdns-axfr/target/cp.txt) \
 *     io.github.secdns.axfr.HostileInputFuzz 1000000 42 50
 * </pre>
 *
 * Arguments: number of messages (default 100000), seed (default: random, printed), one TCP message
 * in N (default 50; 0 = UDP only), the responder's policy: {@code allow-all} (survival) or {@code
 * key-required} (a TSIG key required: a reply with a record of the protected zone is a crash too);
 * default both, one after the other.
 */
public final class HostileInputFuzz {

  private static final int BATCH = 32;

  private HostileInputFuzz() {}

  /**
   * Runs the harness.
   *
   * @param args messages, seed, tcpEvery
   * @throws Exception when the harness itself cannot run
   */
  public static void main(String[] args) throws Exception {
    long messages = given(args, 0) ? Long.parseLong(args[0]) : 100_000;
    long seed = given(args, 1) ? Long.parseLong(args[1]) : new Random().nextLong();
    int tcpEvery = given(args, 2) ? Integer.parseInt(args[2]) : 50;
    List<Policy> policies =
        given(args, 3)
            ? List.of(Policy.valueOf(args[3].toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
            : List.of(Policy.values());
    long crashes = 0;
    for (Policy policy : policies) {
      Report report = run(messages, seed, tcpEvery, policy);
      System.out.println(report);
      crashes += report.crashes;
    }
    if (crashes > 0) {
      System.exit(1);
    }
  }

  /** Whether argument {@code i} was given (exec:java passes an empty property as null). */
  private static boolean given(String[] args, int i) {
    return args.length > i && args[i] != null && !args[i].isBlank();
  }

  /** The responder the messages go to. */
  enum Policy {
    /** Every transfer allowed (to 127.0.0.1): proves that the responder survives. */
    ALLOW_ALL,
    /**
     * A TSIG key required, the sender holding only the key of another zone: no reply may carry a
     * record of the protected zone.
     */
    KEY_REQUIRED;

    Fixture start() throws IOException {
      return this == ALLOW_ALL ? HostileMessages.fixture() : HostileMessages.keyRequired();
    }

    HostileReplies replies() {
      return this == ALLOW_ALL
          ? HostileReplies.wellFormed()
          : HostileReplies.withoutDataOf(HostileMessages.ZONE);
    }
  }

  /** What a run tried and saw. */
  static final class Report {
    final long seed;
    final Policy policy;
    long replies;
    long messages;
    long udp;
    long tcp;
    long probes;
    long crashes;
    long millis;
    final Map<Kind, Long> perKind = new EnumMap<>(Kind.class);
    final Map<Framing, Long> perFraming = new EnumMap<>(Framing.class);
    final Map<String, Long> rcodes = new TreeMap<>();
    final List<String> firstCrashes = new java.util.ArrayList<>();

    Report(long seed, Policy policy) {
      this.seed = seed;
      this.policy = policy;
    }

    void crash(String what) {
      crashes++;
      if (firstCrashes.size() < 10) {
        firstCrashes.add(what);
      }
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append("secdns hostile-input fuzz: seed ")
          .append(seed)
          .append(", policy ")
          .append(policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
          .append('\n');
      b.append(
          String.format(
              "messages %d (UDP %d, TCP %d) in %.1f s, %d SOA probes%n",
              messages, udp, tcp, millis / 1000.0, probes));
      b.append("per mutation kind: ").append(perKind).append('\n');
      b.append("per TCP framing:   ").append(perFraming).append('\n');
      b.append("reply rcodes:      ").append(rcodes).append('\n');
      b.append("UDP replies checked (well-formed")
          .append(policy == Policy.KEY_REQUIRED ? ", no protected zone data" : "")
          .append("): ")
          .append(replies)
          .append('\n');
      b.append("crashes = ")
          .append(crashes)
          .append(firstCrashes.isEmpty() ? "" : " " + firstCrashes);
      return b.toString();
    }
  }

  /** Runs the harness against a fresh responder and closes it. */
  static Report run(long messages, long seed, int tcpEvery, Policy policy) throws IOException {
    Report report = new Report(seed, policy);
    HostileReplies replies = policy.replies();
    Random random = new Random(seed);
    Kind[] kinds = Kind.values();
    Framing[] framings = Framing.values();
    int logMark = CapturedLogs.mark();
    long start = System.nanoTime();
    try (Fixture f = policy.start();
        DatagramSocket client =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      client.setSoTimeout(RawDns.TIMEOUT_MS);
      client.setReceiveBufferSize(1 << 20);
      int probeId = 0;
      long sent = 0;
      while (sent < messages) {
        int batch = (int) Math.min(BATCH, messages - sent);
        for (int i = 0; i < batch; i++, sent++) {
          Kind kind = kinds[random.nextInt(kinds.length)];
          long messageSeed = random.nextLong();
          report.perKind.merge(kind, 1L, Long::sum);
          if (tcpEvery > 0 && sent % tcpEvery == 0) {
            Framing framing = framings[random.nextInt(framings.length)];
            report.perFraming.merge(framing, 1L, Long::sum);
            report.tcp++;
            try {
              HostileInputTest.tcpExample(f, kind, framing, messageSeed, 0xFFFF, replies);
            } catch (AssertionError e) {
              report.crash(kind + "/" + framing + " seed " + messageSeed + ": " + e.getMessage());
            }
          } else {
            byte[] m = HostileMessages.make(kind, new Random(messageSeed));
            client.send(new DatagramPacket(m, m.length, f.address()));
            report.udp++;
          }
        }
        probeId = (probeId + 1) & 0x7FFF;
        report.probes++;
        if (!probe(f, client, probeId, report, replies)) {
          report.crash("SOA probe " + probeId + " unanswered after message " + sent);
        }
      }
      report.messages = sent;
      if (!Fixture.responderThreads().contains("secdns-axfr-io")) {
        report.crash("the I/O thread died");
      }
    } catch (AssertionError e) {
      report.crash("leak at close: " + e.getMessage());
    }
    for (CapturedLogs.Line line : CapturedLogs.problemsSince(logMark)) {
      report.crash("logged: " + line.level() + " " + line.message());
    }
    report.millis = (System.nanoTime() - start) / 1_000_000;
    return report;
  }

  /** Sends an SOA query and reads replies (counting their rcodes) until its answer. */
  private static boolean probe(
      Fixture f, DatagramSocket client, int id, Report report, HostileReplies replies)
      throws IOException {
    byte[] good = RawDns.query(0x8000 | id, HostileMessages.ZONE, Type.SOA, false);
    client.send(new DatagramPacket(good, good.length, f.address()));
    return RawDns.receiveDatagramUntil(
        client,
        wire -> wire.length >= 4 && RawDns.id(wire) == (0x8000 | id),
        wire -> {
          if (wire.length >= 4) {
            report.rcodes.merge(Rcode.string(RawDns.flags(wire) & 0xF), 1L, Long::sum);
          }
          report.replies++;
          try {
            replies.check(wire, "batch before SOA probe " + id);
          } catch (AssertionError e) {
            report.crash(e.getMessage());
          }
        });
  }
}
