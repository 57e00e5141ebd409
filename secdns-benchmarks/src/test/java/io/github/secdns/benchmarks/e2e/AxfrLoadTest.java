package io.github.secdns.benchmarks.e2e;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.benchmarks.zone.SmallZones;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.Addresses;
import io.github.secdns.testsupport.FakeDnsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The many-zones AXFR client against a server on loopback that answers each zone's transfer in one
 * message: every zone asked is transferred and checked, whatever the window and the order (repeats
 * included), and a refusal fails the run.
 */
class AxfrLoadTest {

  private static final int ZONES = 40;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The whole transfer of the zone a query asks for, in one message. */
  private static Optional<Message> transferOf(Message query) {
    String name = query.getQuestion().getName().toString();
    int zone = Integer.parseInt(name.substring(1, name.indexOf('.')));
    ZoneSnapshot snapshot = SmallZones.zone(zone, 2026120201L);
    Message answer = new Message(query.getHeader().getID());
    answer.getHeader().setFlag(Flags.QR);
    answer.getHeader().setFlag(Flags.AA);
    answer.addRecord(query.getQuestion(), Section.QUESTION);
    answer.addRecord(snapshot.soa(), Section.ANSWER);
    for (Record r : snapshot.records()) {
      answer.addRecord(r, Section.ANSWER);
    }
    answer.addRecord(snapshot.soa(), Section.ANSWER);
    return Optional.of(answer);
  }

  @Test
  void everyZoneAskedIsTransferredWhateverTheWindowAndTheOrder() throws IOException {
    try (FakeDnsServer server =
        FakeDnsServer.udpAndTcp(
            Addresses.LOOPBACK_1, 0, FakeDnsServer.answering(AxfrLoadTest::transferOf))) {
      AxfrLoad load =
          new AxfrLoad(server.endpoint(), ZONES, SmallZones::origin, SmallZones.RECORDS + 1);
      qt().withExamples(20)
          .forAll(
              integers().between(1, 8),
              lists().of(integers().between(0, ZONES - 1)).ofSizeBetween(1, 12))
          .checkAssert(
              (window, zones) -> {
                int before = server.received();
                AxfrLoad.Result result;
                try {
                  result = load.run(zones.stream().mapToInt(i -> i).toArray(), window, TIMEOUT);
                } catch (IOException e) {
                  throw new AssertionError(e);
                }
                assertEquals(zones.size(), result.transfers());
                assertEquals(zones.size(), result.messages());
                assertTrue(result.bytes() > 600L * zones.size(), result.toString());
                assertTrue(result.perSecond() > 0);
                List<String> asked =
                    server.queries().subList(before, server.received()).stream()
                        .map(q -> q.parsed().getQuestion().getName().toString())
                        .sorted()
                        .toList();
                List<String> expected =
                    zones.stream().map(i -> SmallZones.origin(i).toString()).sorted().toList();
                assertEquals(expected, asked);
              });
      assertEquals(List.of(), server.failures());
    }
  }

  @Test
  void aRefusedTransferFailsTheRun() throws IOException {
    try (FakeDnsServer server =
        FakeDnsServer.udpAndTcp(Addresses.LOOPBACK_1, 0, FakeDnsServer.refusing())) {
      AxfrLoad load =
          new AxfrLoad(server.endpoint(), ZONES, SmallZones::origin, SmallZones.RECORDS + 1);
      IOException e = assertThrows(IOException.class, () -> load.run(new int[] {3}, 4, TIMEOUT));
      assertTrue(
          e.getMessage().contains("zone 3") && e.getMessage().contains("RCODE 5"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> load.run(new int[] {3}, 0, TIMEOUT));
    }
  }
}
