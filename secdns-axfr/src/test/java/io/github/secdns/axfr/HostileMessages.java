package io.github.secdns.axfr;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.zone.ZoneSnapshot;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Random and mutated DNS requests, by kind, from a seeded {@link Random} (so that a failing case is
 * reproducible from its seed). Used by {@link HostileInputTest} (QuickTheories) and {@link
 * HostileInputFuzz} (the long-running harness).
 */
final class HostileMessages {

  /** What was done to a message. */
  enum Kind {
    /** Random octets, 0 to 300 of them. */
    RANDOM,
    /** A valid query with random octets overwritten. */
    BYTE_MUTATIONS,
    /** A valid query cut short. */
    TRUNCATED,
    /** A valid query with random octets appended. */
    TRAILING_GARBAGE,
    /** A valid query whose four section counts are random. */
    COUNTS_LIE,
    /** The question name is a compression pointer to itself, or two pointers to each other. */
    COMPRESSION_LOOP,
    /** A compression pointer past the end of the message. */
    POINTER_PAST_END,
    /** Labels of reserved types (0x40, 0x80) or a name longer than 255 octets. */
    BAD_LABELS,
    /** QDCOUNT 0, with or without a question following. */
    QDCOUNT_0,
    /** Two questions. */
    QDCOUNT_2,
    /** Opcodes other than QUERY: NOTIFY, UPDATE, and unassigned ones. */
    UNKNOWN_OPCODE,
    /** Classes other than IN (CH, HS, NONE, ANY, unassigned). */
    UNKNOWN_CLASS,
    /** Types this server does not answer, meta types included. */
    UNKNOWN_TYPE,
    /** A TSIG record followed by another additional record. */
    TSIG_NOT_LAST,
    /** A TSIG record in the answer or authority section. */
    TSIG_WRONG_SECTION,
    /** A TSIG record with random octets of its own changed (MAC size, algorithm, time...). */
    TSIG_BROKEN_FIELDS,
    /** Two TSIG records. */
    TSIG_TWICE,
    /**
     * A validly signed query whose time is far outside the fudge (BADTIME), or with a wrong key.
     */
    TSIG_STALE_OR_WRONG_KEY,
    /** IXFR with no SOA, two SOAs, an SOA of another owner, or a serial far from the current. */
    IXFR_ODD_AUTHORITY,
    /** An OPT record with garbage options, a lying RDLENGTH, a non-root owner, or two OPTs. */
    OPT_GARBAGE,
    /** A response (QR set): must be ignored. */
    RESPONSE,
    /** A transfer query with records in the answer and authority sections. */
    TRANSFER_WITH_RECORDS
  }

  /** How a TCP client frames a message. */
  enum Framing {
    /** The 2-octet length is right. */
    EXACT,
    /** The 2-octet length is larger than what follows; then the client closes. */
    LONGER_THEN_CLOSE,
    /** The 2-octet length is smaller: the rest is read as the start of another message. */
    SHORTER,
    /** A length beyond the largest query the server accepts, then a few octets. */
    HUGE,
    /** A zero length. */
    ZERO
  }

  static final String ZONE = "example.com.";

  /** The secret of the protected zone's transfer key: no hostile message is signed with it. */
  static final String TRANSFER_KEY_SECRET = "dHJhbnNmZXIga2V5IG5vIGhvc3RpbGUgbWVzc2FnZSBrbm93cw==";

  /** A zone whose key the sender of the hostile messages holds (see {@link #keyRequired}). */
  static final String OTHER_ZONE = "other.example.";

  private static final String KEY_SECRET = "bWFkZSB1cCBmb3IgZnV6emluZyBvbmx5IDAxMjM0NTY=";
  private static final TSIG KEY = new TSIG(TSIG.HMAC_SHA256, "fuzz-key.", KEY_SECRET);

  private static final String[] NAMES = {
    "example.com.", "ExAmPlE.cOm.", "www.example.com.", "other.example.", ".", "com."
  };
  private static final int[] TYPES = {Type.SOA, Type.AXFR, Type.IXFR, Type.A, Type.NS, Type.ANY};

  private HostileMessages() {}

  /**
   * A responder serving {@link #ZONE} to anyone, which knows the key the signed messages use, so
   * that hostile TSIG records go through verification (BADSIG, BADTIME, BADKEY, FORMERR paths).
   */
  static Fixture fixture() throws java.io.IOException {
    SecondaryDnsConfiguration configuration =
        SecondaryDnsConfiguration.builder()
            .zone(ZONE)
            .addSecondaryNameServer("ns1.secondary.example.net")
            .addAclEntry("127.0.0.1")
            .addTsigKey("fuzz-key", "hmac-sha256", KEY_SECRET)
            .build();
    Fixture f =
        new Fixture(
            r -> TransferDecision.allow("test"),
            ResponderLimits.defaults(),
            zone ->
                zone.equals(configuration.zone())
                    ? java.util.Optional.of(configuration)
                    : java.util.Optional.empty());
    f.zones.publish(TestZones.small(ZONE, 1));
    return f;
  }

  /**
   * A responder that requires a TSIG key for every transfer ({@code ADDRESS_AND_KEY}; the sender,
   * 127.0.0.1, is in the ACL). {@link #ZONE} is the protected zone: two versions (so that it has an
   * IXFR history), each with a record holding {@link HostileReplies#MARKER}, and a transfer key
   * that no hostile message is signed with. {@link #OTHER_ZONE} has the key the signed hostile
   * messages use: the sender is a legitimate secondary of that zone trying its key on the protected
   * one.
   */
  static Fixture keyRequired() throws java.io.IOException {
    SecondaryDnsConfiguration protectedZone =
        SecondaryDnsConfiguration.builder()
            .zone(ZONE)
            .addSecondaryNameServer("ns1.secondary.example.net")
            .addAclEntry("127.0.0.0/8")
            .addTsigKey(
                "transfer-key",
                "hmac-sha256",
                "dHJhbnNmZXIga2V5IG5vIGhvc3RpbGUgbWVzc2FnZSBrbm93cw==")
            .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
            .build();
    SecondaryDnsConfiguration attackersZone =
        SecondaryDnsConfiguration.builder()
            .zone(OTHER_ZONE)
            .addSecondaryNameServer("ns1.secondary.example.net")
            .addAclEntry("127.0.0.0/8")
            .addTsigKey("fuzz-key", "hmac-sha256", KEY_SECRET)
            .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
            .build();
    java.util.Map<Name, SecondaryDnsConfiguration> configurations =
        java.util.Map.of(protectedZone.zone(), protectedZone, attackersZone.zone(), attackersZone);
    java.util.function.Function<Name, java.util.Optional<SecondaryDnsConfiguration>> lookup =
        zone -> java.util.Optional.ofNullable(configurations.get(zone));
    Fixture f =
        new Fixture(TransferPolicy.fromConfigurations(lookup), ResponderLimits.defaults(), lookup);
    ZoneSnapshot v2 = protectedVersion(2);
    f.zones.publish(protectedVersion(1));
    f.zones.publish(v2);
    f.zones.publish(TestZones.small(OTHER_ZONE, 1));
    try {
      f.responder.whenReady(v2).get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      f.close();
      throw new AssertionError("the protected zone's history was not ready: " + e, e);
    }
    return f;
  }

  /** A version of the protected zone: the small test zone plus a TXT record holding the marker. */
  private static ZoneSnapshot protectedVersion(long serial) {
    ZoneSnapshot small = TestZones.small(ZONE, serial);
    java.util.List<Record> records = new java.util.ArrayList<>(small.records());
    records.add(
        new org.xbill.DNS.TXTRecord(
            TestRecords.name("secret." + ZONE),
            DClass.IN,
            300,
            java.util.List.of(HostileReplies.MARKER, "version " + serial)));
    return ZoneSnapshot.of(small.soa(), records);
  }

  /** Makes one message of a kind. */
  static byte[] make(Kind kind, Random r) {
    switch (kind) {
      case RANDOM -> {
        return bytes(r, r.nextInt(301));
      }
      case BYTE_MUTATIONS -> {
        byte[] m = seed(r);
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
          m[r.nextInt(m.length)] = (byte) r.nextInt(256);
        }
        return m;
      }
      case TRUNCATED -> {
        byte[] m = seed(r);
        return Arrays.copyOf(m, r.nextInt(m.length));
      }
      case TRAILING_GARBAGE -> {
        byte[] m = seed(r);
        return concat(m, bytes(r, 1 + r.nextInt(200)));
      }
      case COUNTS_LIE -> {
        byte[] m = seed(r);
        for (int i = 4; i < 12; i++) {
          m[i] = (byte) (r.nextBoolean() ? r.nextInt(4) : r.nextInt(256));
        }
        return m;
      }
      case COMPRESSION_LOOP -> {
        return compressionLoop(r);
      }
      case POINTER_PAST_END -> {
        ByteArrayOutputStream b = header(r, 0, 1, 0, 0, 0);
        if (r.nextBoolean()) {
          b.write(1);
          b.write('a');
        }
        int target = 40 + r.nextInt(0x3FFF - 40);
        b.write(0xC0 | (target >> 8));
        b.write(target & 0xFF);
        writeShort(b, Type.SOA);
        writeShort(b, DClass.IN);
        return b.toByteArray();
      }
      case BAD_LABELS -> {
        return badLabels(r);
      }
      case QDCOUNT_0 -> {
        byte[] m = seed(r);
        m[4] = 0;
        m[5] = 0;
        return r.nextBoolean() ? m : Arrays.copyOf(m, 12);
      }
      case QDCOUNT_2 -> {
        byte[] a = query(r, false);
        byte[] second = Arrays.copyOfRange(query(r, false), 12, 12 + questionLength(a));
        byte[] m = concat(Arrays.copyOf(a, 12 + questionLength(a)), second);
        m[4] = 0;
        m[5] = 2;
        for (int i = 6; i < 12; i++) {
          m[i] = 0;
        }
        return m;
      }
      case UNKNOWN_OPCODE -> {
        byte[] m = seed(r);
        int[] opcodes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        int opcode = opcodes[r.nextInt(opcodes.length)];
        m[2] = (byte) ((m[2] & 0x87) | (opcode << 3));
        return m;
      }
      case UNKNOWN_CLASS -> {
        byte[] m = query(r, r.nextBoolean());
        int[] classes = {DClass.CH, DClass.HS, DClass.NONE, DClass.ANY, 0, 2, 0xFF00, 0xFFFF};
        int c = classes[r.nextInt(classes.length)];
        int end = 12 + questionLength(m);
        m[end - 2] = (byte) (c >> 8);
        m[end - 1] = (byte) c;
        return m;
      }
      case UNKNOWN_TYPE -> {
        byte[] m = query(r, r.nextBoolean());
        int[] types = {
          0,
          Type.MAILA,
          Type.MAILB,
          Type.OPT,
          Type.TSIG,
          Type.TKEY,
          0xFF00,
          0xFFFF,
          r.nextInt(0x10000)
        };
        int t = types[r.nextInt(types.length)];
        int end = 12 + questionLength(m);
        m[end - 4] = (byte) (t >> 8);
        m[end - 3] = (byte) t;
        return m;
      }
      case TSIG_NOT_LAST -> {
        byte[] signed = signed(r);
        byte[] extra = rawRecord(r);
        byte[] m = concat(signed, extra);
        incrementCount(m, 10);
        return m;
      }
      case TSIG_WRONG_SECTION -> {
        byte[] unsigned = query(r, r.nextBoolean());
        byte[] tsig = tsigRecord(unsigned);
        int questionEnd = 12 + questionLength(unsigned);
        byte[] m =
            concat(
                concat(Arrays.copyOf(unsigned, questionEnd), tsig),
                Arrays.copyOfRange(unsigned, questionEnd, unsigned.length));
        incrementCount(m, r.nextBoolean() ? 6 : 8);
        return m;
      }
      case TSIG_BROKEN_FIELDS -> {
        byte[] unsigned = query(r, r.nextBoolean());
        byte[] tsig = tsigRecord(unsigned);
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
          tsig[r.nextInt(tsig.length)] = (byte) r.nextInt(256);
        }
        byte[] m = concat(unsigned, tsig);
        incrementCount(m, 10);
        return m;
      }
      case TSIG_TWICE -> {
        byte[] unsigned = query(r, false);
        byte[] tsig = tsigRecord(unsigned);
        byte[] m = concat(concat(unsigned, tsig), tsig);
        incrementCount(m, 10);
        incrementCount(m, 10);
        return m;
      }
      case TSIG_STALE_OR_WRONG_KEY -> {
        byte[] unsigned = query(r, r.nextBoolean());
        TSIG key;
        if (r.nextBoolean()) {
          java.time.Duration skew =
              java.time.Duration.ofSeconds(
                  (r.nextBoolean() ? 1L : -1L) * (301 + r.nextInt(100_000)));
          key =
              new TSIG(
                  TSIG.HMAC_SHA256,
                  TestRecords.name("fuzz-key."),
                  new javax.crypto.spec.SecretKeySpec(
                      java.util.Base64.getDecoder().decode(KEY_SECRET), "HmacSHA256"),
                  java.time.Clock.offset(java.time.Clock.systemUTC(), skew));
        } else {
          byte[] secret = bytes(r, 32);
          key =
              new TSIG(
                  TSIG.HMAC_SHA256,
                  TestRecords.name(r.nextBoolean() ? "fuzz-key." : "other-key."),
                  new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        }
        byte[] m = concat(unsigned, tsigRecord(unsigned, key));
        incrementCount(m, 10);
        return m;
      }
      case IXFR_ODD_AUTHORITY -> {
        Message m =
            Message.newQuery(Record.newRecord(TestRecords.name(ZONE), Type.IXFR, DClass.IN));
        m.getHeader().setID(r.nextInt(0x10000));
        long[] serials = {
          0, 1, 2, 0x7FFFFFFFL, 0x80000001L, 0xFFFFFFFFL, r.nextInt() & 0xFFFFFFFFL
        };
        switch (r.nextInt(4)) {
          case 0 -> {} // no SOA
          case 1 -> { // two SOAs
            m.addRecord(TestRecords.soa(ZONE, 1), Section.AUTHORITY);
            m.addRecord(TestRecords.soa(ZONE, 2), Section.AUTHORITY);
          }
          case 2 -> m.addRecord(TestRecords.soa("other.example.", 1), Section.AUTHORITY);
          default ->
              m.addRecord(
                  TestRecords.soa(ZONE, serials[r.nextInt(serials.length)]), Section.AUTHORITY);
        }
        return m.toWire();
      }
      case OPT_GARBAGE -> {
        return optGarbage(r);
      }
      case RESPONSE -> {
        byte[] m = seed(r);
        m[2] |= (byte) 0x80;
        return m;
      }
      case TRANSFER_WITH_RECORDS -> {
        byte[] m = query(r, false, Type.AXFR);
        byte[] extra = rawRecord(r);
        m = concat(m, extra);
        incrementCount(m, r.nextBoolean() ? 6 : 8);
        return m;
      }
      default -> throw new AssertionError(kind);
    }
  }

  /** Frames a message for TCP. */
  static byte[] frame(byte[] message, Framing framing, Random r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    switch (framing) {
      case EXACT -> writeShort(b, message.length);
      case LONGER_THEN_CLOSE ->
          writeShort(b, Math.min(0xFFFF, message.length + 1 + r.nextInt(500)));
      case SHORTER -> writeShort(b, message.length == 0 ? 0 : r.nextInt(message.length));
      case HUGE -> writeShort(b, 16 * 1024 + 1 + r.nextInt(0xFFFF - 16 * 1024));
      case ZERO -> writeShort(b, 0);
      default -> throw new AssertionError(framing);
    }
    b.writeBytes(message);
    return b.toByteArray();
  }

  /** A valid query: SOA, AXFR or IXFR and others, with or without EDNS or TSIG. */
  private static byte[] seed(Random r) {
    byte[] m = r.nextInt(4) == 0 ? signed(r) : query(r, r.nextBoolean());
    return m.length == 0 ? new byte[12] : m;
  }

  private static byte[] query(Random r, boolean edns) {
    return query(r, edns, TYPES[r.nextInt(TYPES.length)]);
  }

  private static byte[] query(Random r, boolean edns, int type) {
    Name name = TestRecords.name(NAMES[r.nextInt(NAMES.length)]);
    Message m = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    m.getHeader().setID(r.nextInt(0x10000));
    if (type == Type.IXFR) {
      m.addRecord(TestRecords.soa(ZONE, r.nextInt(5)), Section.AUTHORITY);
    }
    if (edns) {
      m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return m.toWire();
  }

  private static byte[] signed(Random r) {
    byte[] unsigned = query(r, r.nextBoolean());
    byte[] m = concat(unsigned, tsigRecord(unsigned));
    incrementCount(m, 10);
    return m;
  }

  /** The octets of a (valid) TSIG record signing this message. */
  private static byte[] tsigRecord(byte[] unsigned) {
    return tsigRecord(unsigned, KEY);
  }

  private static byte[] tsigRecord(byte[] unsigned, TSIG key) {
    try {
      Message m = new Message(unsigned);
      int before = m.toWire().length;
      key.apply(m, null);
      byte[] signed = m.toWire();
      return Arrays.copyOfRange(signed, before, signed.length);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] rawRecord(Random r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0); // root owner
    writeShort(b, r.nextBoolean() ? Type.A : r.nextInt(0x10000));
    writeShort(b, DClass.IN);
    writeShort(b, 0);
    writeShort(b, 300);
    int length = r.nextInt(8);
    writeShort(b, length);
    b.writeBytes(bytes(r, length));
    return b.toByteArray();
  }

  private static byte[] compressionLoop(Random r) {
    ByteArrayOutputStream b = header(r, 0, 1, 0, 0, 0);
    switch (r.nextInt(3)) {
      case 0 -> { // points to itself
        b.write(0xC0);
        b.write(12);
      }
      case 1 -> { // a label, then back to the start of the name
        b.write(1);
        b.write('a');
        b.write(0xC0);
        b.write(12);
      }
      default -> { // two pointers pointing at each other
        b.write(0xC0);
        b.write(14);
        b.write(0xC0);
        b.write(12);
      }
    }
    writeShort(b, Type.AXFR);
    writeShort(b, DClass.IN);
    return b.toByteArray();
  }

  private static byte[] badLabels(Random r) {
    ByteArrayOutputStream b = header(r, 0, 1, 0, 0, 0);
    if (r.nextBoolean()) {
      b.write(r.nextBoolean() ? 0x40 : 0x80); // reserved label types
      b.write(1);
      b.write('x');
      b.write(0);
    } else {
      for (int i = 0; i < 5; i++) { // 5 * 64 octets: longer than 255
        b.write(63);
        b.writeBytes(bytes(r, 63));
      }
      b.write(0);
    }
    writeShort(b, Type.SOA);
    writeShort(b, DClass.IN);
    return b.toByteArray();
  }

  private static byte[] optGarbage(Random r) {
    byte[] m = query(r, false);
    ByteArrayOutputStream opt = new ByteArrayOutputStream();
    int variant = r.nextInt(4);
    if (variant == 0) {
      opt.write(1); // non-root owner
      opt.write('x');
    }
    opt.write(0);
    writeShort(opt, Type.OPT);
    writeShort(opt, r.nextInt(0x10000)); // UDP payload size
    writeShort(opt, r.nextInt(0x10000)); // extended rcode, version
    writeShort(opt, r.nextInt(0x10000)); // flags
    byte[] rdata = bytes(r, r.nextInt(40));
    writeShort(opt, variant == 1 ? rdata.length + 1 + r.nextInt(100) : rdata.length);
    opt.writeBytes(rdata);
    byte[] record = opt.toByteArray();
    byte[] out = concat(m, record);
    incrementCount(out, 10);
    if (variant == 2) {
      out = concat(out, record);
      incrementCount(out, 10);
    }
    return out;
  }

  private static ByteArrayOutputStream header(Random r, int flags, int qd, int an, int ns, int ar) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeShort(b, r.nextInt(0x10000));
    writeShort(b, flags);
    writeShort(b, qd);
    writeShort(b, an);
    writeShort(b, ns);
    writeShort(b, ar);
    return b;
  }

  /** Length of the (uncompressed) question of a message built by dnsjava. */
  private static int questionLength(byte[] m) {
    int p = 12;
    while ((m[p] & 0xFF) != 0) {
      p += (m[p] & 0xFF) + 1;
    }
    return p + 1 + 4 - 12;
  }

  private static void incrementCount(byte[] m, int offset) {
    int v = (((m[offset] & 0xFF) << 8) | (m[offset + 1] & 0xFF)) + 1;
    m[offset] = (byte) (v >> 8);
    m[offset + 1] = (byte) v;
  }

  private static void writeShort(ByteArrayOutputStream b, int v) {
    b.write((v >> 8) & 0xFF);
    b.write(v & 0xFF);
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
