package io.github.secdns.axfr.internal;

import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/** Keys, queries and pre-rendered transfer messages for the TSIG tests. */
final class TsigTestSupport {

  static final Name ZONE = Name.fromConstantString("Example.COM.");
  static final Name KEY_NAME = Name.fromConstantString("xfr-key.");

  private TsigTestSupport() {}

  static TsigKey key(TsigAlgorithm algorithm) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new TsigKey(KEY_NAME, algorithm, secret);
  }

  /** The client's view of a key, built the way a dnsjava user would, independent of TsigKeys. */
  static TSIG clientTsig(TsigKey key, Clock clock) {
    Name alg = key.algorithm().dnsName();
    String mac = "Hmac" + key.algorithm().name().substring("HMAC_".length()); // HmacSHA256
    return new TSIG(alg, key.name(), new SecretKeySpec(key.secret(), mac), clock);
  }

  static Message signedQuery(Name zone, int type, TSIG clientTsig) {
    Message query = Message.newQuery(Record.newRecord(zone, type, DClass.IN));
    clientTsig.apply(query, null);
    return query;
  }

  static SOARecord soa(long serial) {
    return new SOARecord(
        Name.fromConstantString("example.com."),
        DClass.IN,
        3600,
        Name.fromConstantString("NS1.example.com."),
        Name.fromConstantString("HostMaster.Example.com."),
        serial,
        14400,
        3600,
        1209600,
        300);
  }

  static InetAddress address(int i) {
    try {
      return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Renders an AXFR of {@code messages} messages, uncompressed and case-preserving, without TSIG:
   * SOA first, {@code perMessage} A records with mixed-case owners per message, SOA last.
   */
  static List<byte[]> transferMessages(int id, Record question, int messages, int perMessage) {
    List<byte[]> out = new ArrayList<>();
    SOARecord soa = soa(7);
    int n = 0;
    for (int m = 0; m < messages; m++) {
      List<Record> answers = new ArrayList<>();
      if (m == 0) {
        answers.add(soa);
      }
      for (int i = 0; i < perMessage; i++, n++) {
        answers.add(
            new ARecord(
                Name.fromConstantString("Host" + n + ".WwW.example.com."),
                DClass.IN,
                300,
                address(n)));
      }
      if (m == messages - 1) {
        answers.add(soa);
      }
      out.add(render(id, m == 0 ? question : null, answers));
    }
    return out;
  }

  static byte[] render(int id, Record question, List<Record> answers) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int[] header = {id, 0x8400, question == null ? 0 : 1, answers.size(), 0, 0};
    for (int w : header) {
      b.write(w >>> 8);
      b.write(w & 0xFF);
    }
    if (question != null) {
      b.writeBytes(question.toWire(Section.QUESTION));
    }
    for (Record r : answers) {
      b.writeBytes(r.toWire(Section.ANSWER));
    }
    return b.toByteArray();
  }
}
