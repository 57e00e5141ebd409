package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.notify.NotifyOutcome;
import io.github.secdns.axfr.notify.NotifySender;
import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TransferAuthentication;
import io.github.secdns.core.config.TsigKey;
import io.github.secdns.testsupport.zones.TestRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Secrets (issue 9): a full run with TSIG keys configured (a configuration with keys, a responder
 * whose policy requires the key, signed requests with the right and a wrong key, unsigned and
 * unauthorized requests, a signed SOA query, NOTIFY signed with the key through {@link
 * NotifySender}, an invalid configuration) leaves the secret nowhere: not in the captured logs
 * (secdns loggers, DEBUG and above), not in events, exception messages or stack traces, not in any
 * toString(), in none of its forms (base64 with and without padding, URL-safe base64, hex, the raw
 * octets as text, Arrays.toString).
 */
class SecretsTest {

  private static final Name KEY_NAME = TestRecords.name("xfr-key.");

  @Test
  void aFullRunWithKeysLeavesTheSecretInNoLogEventExceptionOrToString() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String base64 = Base64.getEncoder().encodeToString(secret);
    int logMark = CapturedLogs.mark();
    List<String> texts = new ArrayList<>();

    try (DatagramSocket silentSecondary =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
      SecondaryDnsConfiguration configuration =
          SecondaryDnsConfiguration.builder()
              .zone("example.com")
              .addSecondaryNameServer("ns1.secondary.example.net")
              .addAclEntry("127.0.0.3", "the secondary")
              .addTsigKey("xfr-key", "hmac-sha256", base64)
              .transferAuthentication(TransferAuthentication.ADDRESS_AND_KEY)
              .addNotifyTarget("127.0.0.2", silentSecondary.getLocalPort(), "xfr-key")
              .build();
      texts.add(configuration.toString());
      for (TsigKey key : configuration.tsigKeys()) {
        texts.add(key.toString());
      }
      TransferPolicy policy = TransferPolicy.fromConfiguration(configuration);
      texts.add(policy.toString());

      try (Fixture f =
          new Fixture(
              policy,
              ResponderLimits.defaults(),
              zone ->
                  zone.equals(configuration.zone())
                      ? Optional.of(configuration)
                      : Optional.empty())) {
        f.zones.publish(TestZones.small("example.com.", 3));
        texts.add(f.responder.toString());
        TSIG right = tsig(KEY_NAME, secret);
        byte[] otherSecret = secret.clone();
        otherSecret[0] ^= 1;
        TSIG wrong = tsig(KEY_NAME, otherSecret);
        TSIG unknown = tsig(TestRecords.name("other-key."), secret);
        int served = 0;
        for (String source : List.of("127.0.0.3", "127.0.0.2")) {
          for (TSIG key : Arrays.asList(right, wrong, unknown, null)) {
            ZoneTransferIn xfr =
                ZoneTransferIn.newAXFR(TestRecords.name("example.com."), f.address(), key);
            xfr.setLocalAddress(new InetSocketAddress(InetAddress.getByName(source), 0));
            xfr.setTimeout(Duration.ofSeconds(10));
            try {
              xfr.run();
              texts.add(String.valueOf(xfr.getAXFR()));
              served++;
            } catch (Exception e) {
              texts.add(stackTrace(e));
            }
          }
        }
        // A signed SOA query over UDP.
        SimpleResolver resolver = new SimpleResolver(f.address());
        resolver.setTSIGKey(right);
        resolver.setTimeout(Duration.ofSeconds(10));
        try {
          texts.add(
              resolver
                  .send(
                      Message.newQuery(
                          Record.newRecord(TestRecords.name("example.com."), Type.SOA, DClass.IN)))
                  .toString());
        } catch (Exception e) {
          texts.add(stackTrace(e));
        }
        f.listener.started.forEach(e -> texts.add(e.toString()));
        f.listener.completed.forEach(e -> texts.add(e.toString()));
        f.listener.failed.forEach(e -> texts.add(e.toString()));
        f.listener.refused.forEach(e -> texts.add(e.toString()));
        assertFalse(f.listener.refused.isEmpty(), "the run had refusals");
        // Only the allowed address with the right key gets the zone (ADDRESS_AND_KEY).
        assertEquals(1, served);
        assertEquals(1, f.listener.completed.size());
      }

      // NOTIFY signed with the key, to a secondary that never answers.
      List<NotifyOutcome> outcomes = new CopyOnWriteArrayList<>();
      try (NotifySender sender =
          NotifySender.builder()
              .attempts(2)
              .initialTimeout(Duration.ofMillis(100))
              .listener(outcomes::add)
              .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .build()) {
        texts.add(sender.toString());
        List<NotifyOutcome> result =
            sender
                .notify(configuration, TestRecords.soa("example.com.", 4))
                .get(30, TimeUnit.SECONDS);
        result.forEach(o -> texts.add(o.toString()));
        byte[] buffer = new byte[65535];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        silentSecondary.setSoTimeout(10_000);
        silentSecondary.receive(received);
        Message notify = new Message(Arrays.copyOf(buffer, received.getLength()));
        assertTrue(notify.getTSIG() != null, "the NOTIFY was signed with the key");
      }
      outcomes.forEach(o -> texts.add(o.toString()));
    }

    // A configuration that is invalid in another field still does not echo the secret.
    Exception invalid =
        assertThrows(
            RuntimeException.class,
            () ->
                SecondaryDnsConfiguration.builder()
                    .zone("example.com")
                    .addTsigKey("xfr-key", "hmac-md5", base64)
                    .addAclEntry("not an address")
                    .build());
    texts.add(stackTrace(invalid));

    CapturedLogs.since(logMark).forEach(l -> texts.add(l.fullText()));
    assertTrue(texts.size() > 20, "the run produced text to search: " + texts.size());
    for (String form : forms(secret)) {
      for (String text : texts) {
        assertFalse(text.contains(form), "the secret (as " + form + ") appears in: " + text);
      }
    }
  }

  /** The forms in which a secret could leak. */
  private static List<String> forms(byte[] secret) {
    String base64 = Base64.getEncoder().encodeToString(secret);
    List<String> forms =
        new ArrayList<>(
            List.of(
                base64,
                base64.replace("=", ""),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                Base64.getMimeEncoder().encodeToString(secret),
                HexFormat.of().formatHex(secret),
                HexFormat.of().withUpperCase().formatHex(secret),
                new String(secret, StandardCharsets.ISO_8859_1),
                Arrays.toString(secret)));
    // A part of it is enough to count: the first half in base64 and in hex.
    forms.add(base64.substring(0, 20));
    forms.add(HexFormat.of().formatHex(secret, 0, 12));
    assertEquals(10, forms.size());
    return forms;
  }

  private static TSIG tsig(Name name, byte[] secret) {
    return new TSIG(TSIG.HMAC_SHA256, name, new SecretKeySpec(secret, "HmacSHA256"));
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return t + "\n" + w;
  }
}
