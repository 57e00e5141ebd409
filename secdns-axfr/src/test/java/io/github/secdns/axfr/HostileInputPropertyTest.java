package io.github.secdns.axfr;

import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.secdns.axfr.internal.QueryParser;
import io.github.secdns.testsupport.Addresses;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** Random and mutated requests never crash the responder; a good query is answered after each. */
class HostileInputPropertyTest {

  private static final byte[] SEED_AXFR = RawDns.query(0x0102, "example.com.", Type.AXFR, true);
  private static final byte[] SEED_SOA = RawDns.query(0x0304, "example.com.", Type.SOA, true);

  private static Gen<byte[]> hostileMessages() {
    Gen<byte[]> random =
        Generate.byteArrays(
            Generate.range(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    Gen<byte[]> mutated =
        lists()
            .of(integers().between(0, Integer.MAX_VALUE))
            .ofSizeBetween(1, 8)
            .zip(
                integers().between(1, 400),
                Generate.booleans(),
                (mutations, cut, soa) -> {
                  byte[] seed = soa ? SEED_SOA : SEED_AXFR;
                  byte[] m = Arrays.copyOf(seed, Math.min(cut, seed.length + 40));
                  for (int r : mutations) {
                    m[(r >>> 8) % m.length] = (byte) r;
                  }
                  if (m.length > 2) {
                    m[2] &= 0x7F;
                  } // keep QR clear so that the message is processed, not ignored
                  return m;
                });
    return random.mix(mutated);
  }

  @Test
  void theParserIsTotal() {
    qt().withExamples(5000)
        .forAll(hostileMessages())
        .check(wire -> QueryParser.parse(wire) != null); // returns, never throws
  }

  @Test
  void hostileDatagramsNeverStopTheResponder() throws Exception {
    try (Fixture f = Fixture.allowingAll();
        DatagramSocket client =
            new DatagramSocket(new InetSocketAddress(Addresses.LOOPBACK_1, 0))) {
      f.zones.publish(TestZones.small("example.com.", 1));
      client.setSoTimeout(5_000);
      int[] nextId = {1};
      qt().withExamples(300)
          .forAll(hostileMessages())
          .check(
              wire -> {
                try {
                  client.send(new DatagramPacket(wire, wire.length, f.address()));
                  int id = nextId[0]++ & 0xFFFF;
                  byte[] good = RawDns.query(id, "example.com.", Type.SOA, false);
                  client.send(new DatagramPacket(good, good.length, f.address()));
                  return answered(client, id);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertTrue(Fixture.responderThreads().contains("secdns-axfr-io"));
    }
  }

  /** Reads replies (skipping those to the hostile message) until the SOA answer with this ID. */
  private static boolean answered(DatagramSocket client, int id) throws IOException {
    byte[] buffer = new byte[65535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        client.receive(p);
      } catch (SocketTimeoutException e) {
        return false;
      }
      byte[] wire = Arrays.copyOf(buffer, p.getLength());
      if (RawDns.id(wire) == id
          && RawDns.count(wire, org.xbill.DNS.Section.QUESTION) == 1
          && (RawDns.flags(wire) & 0x8000) != 0) {
        Message m = new Message(wire);
        if (m.getQuestion() != null && m.getQuestion().getType() == Type.SOA) {
          assertEquals(0, m.getRcode());
          return true;
        }
      }
    }
  }
}
