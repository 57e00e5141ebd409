package io.github.secdns.core.zone;

import static io.github.secdns.core.zone.TestZones.snapshot;
import static io.github.secdns.testsupport.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** The stable binary form of snapshots and history entries (issue 13, for the JDBC store). */
class ZoneBinaryFormTest {

  @Test
  void aSnapshotRoundTripsExactlyInOrder() {
    qt().forAll(longs().all(), longs().between(0, 0xFFFF_FFFFL))
        .checkAssert(
            (mask, serial) -> {
              ZoneSnapshot s = snapshot(serial, mask);
              ZoneSnapshot back = ZoneSnapshot.fromBytes(s.toBytes());
              assertTrue(s.sameVersionAs(back));
              assertTrue(s.packedRecords().sameInOrder(back.packedRecords()));
              assertArrayEquals(s.soa().toWire(Section.ANSWER), back.soa().toWire(Section.ANSWER));
              assertArrayEquals(s.toBytes(), back.toBytes());
            });
  }

  @Test
  void aHistoryEntryRoundTripsExactly() {
    qt().forAll(
            longs().all(),
            longs().all(),
            longs().between(-1L << 40, 1L << 40),
            integers().between(0, 999_999_999))
        .checkAssert(
            (a, b, seconds, nanos) -> {
              ZoneDelta delta = ZoneDiff.between(snapshot(1, a), snapshot(2, b));
              HistoryEntry entry = new HistoryEntry(delta, Instant.ofEpochSecond(seconds, nanos));
              HistoryEntry back = HistoryEntry.fromBytes(entry.toBytes());
              assertEquals(entry, back);
              assertEquals(entry.recordedAt(), back.recordedAt());
              assertArrayEquals(entry.toBytes(), back.toBytes());
            });
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    ZoneSnapshot s =
        ZoneSnapshot.of(
            TestZones.soa(9), List.of(new TXTRecord(TestZones.name("www"), DClass.IN, 300, "x")));
    byte[] bytes = s.toBytes();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    assertEquals(0x53445A53, in.getInt(), "magic SDZS");
    assertEquals(1, in.getShort(), "format version");
    byte[] soa = s.soa().toWire(Section.ANSWER);
    assertEquals(soa.length, in.getShort());
    in.position(in.position() + soa.length);
    assertEquals(1, in.getInt(), "record count");
    int octets = in.getInt();
    assertEquals(s.packedRecords().wireSize(), octets);
    in.position(in.position() + octets);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    assertEquals((int) crc.getValue(), in.getInt());
    assertEquals(bytes.length, in.position());
  }

  @Test
  void everyAlteredOrTruncatedCopyIsDetectedNeverDecodedDifferently() {
    ZoneSnapshot s = snapshot(42, 0x0F0F_00FF_1234_5678L);
    byte[] good = s.toBytes();
    HistoryEntry entry =
        new HistoryEntry(ZoneDiff.between(snapshot(41, 0xFFL), s), Instant.ofEpochSecond(7));
    byte[] goodEntry = entry.toBytes();
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        ZoneFormatException e =
            assertThrows(
                ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(bad), "octet " + i);
        // Past the magic and version every flip is the checksum's to find.
        assertEquals(i >= 6, e.checksumMismatch(), "octet " + i + ": " + e.getMessage());
      }
    }
    for (int i = 0; i < goodEntry.length; i++) {
      byte[] bad = goodEntry.clone();
      bad[i] ^= 0x10;
      assertThrows(ZoneFormatException.class, () -> HistoryEntry.fromBytes(bad), "octet " + i);
    }
    for (int length = 0; length < good.length; length++) {
      byte[] cut = Arrays.copyOf(good, length);
      assertThrows(
          ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(cut), "length " + length);
    }
    // A snapshot is not an entry, and the other way round.
    assertThrows(ZoneFormatException.class, () -> HistoryEntry.fromBytes(good));
    assertThrows(ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(goodEntry));
  }

  @Test
  void anUnknownFormatVersionIsNamed() {
    byte[] bytes = snapshot(1, 3).toBytes();
    bytes[5] = 2;
    ZoneFormatException e =
        assertThrows(ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(bytes));
    assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
  }

  @Test
  void aWellSummedCopyThatBreaksTheZonesRulesIsRefused() {
    // Octets written by someone else with a valid checksum: a record outside the zone.
    ZoneSnapshot s = snapshot(1, 1);
    byte[] bytes = s.toBytes();
    byte[] foreign =
        new org.xbill.DNS.ARecord(
                org.xbill.DNS.Name.fromConstantString("www.example.net."),
                DClass.IN,
                300,
                TestZones.address(1))
            .toWire(Section.ANSWER);
    int soaLength = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    ByteBuffer out = ByteBuffer.allocate(8 + soaLength + 8 + foreign.length + 4);
    out.put(bytes, 0, 8 + soaLength).putInt(1).putInt(foreign.length).put(foreign);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    ZoneFormatException e =
        assertThrows(ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(out.array()));
    assertTrue(e.getMessage().contains("www.example.net."), e.getMessage());
  }

  @Test
  void aWellSummedCopyWithAFalseRecordHeaderIsRefused() {
    // The header that sizes the builder: missing, or counting more records than its octets hold.
    ZoneSnapshot s = snapshot(1, 0xFFL);
    byte[] bytes = s.toBytes();
    int soaLength = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    int recordsAt = 8 + soaLength;
    byte[] noHeader = summed(Arrays.copyOf(bytes, recordsAt));
    byte[] falseCount = Arrays.copyOf(bytes, bytes.length - 4);
    ByteBuffer.wrap(falseCount).putInt(recordsAt, Integer.MAX_VALUE);
    byte[] lying = summed(falseCount);

    assertThrows(ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(noHeader));
    ZoneFormatException e =
        assertThrows(ZoneFormatException.class, () -> ZoneSnapshot.fromBytes(lying));
    assertTrue(e.getMessage().contains("records"), e.getMessage());
  }

  /** The octets with their CRC32C appended, as a writer would. */
  private static byte[] summed(byte[] body) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(body, 0, body.length);
    return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
  }
}
