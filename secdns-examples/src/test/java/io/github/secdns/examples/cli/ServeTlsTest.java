package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import io.github.secdns.testsupport.XotClientSockets;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;

/**
 * {@code serve --tls-*}: zone transfer over TLS (XoT) on loopback with a JDK TLS client and
 * certificates made by the test; plain TCP refused under {@code --require-tls}; the certificate
 * reloaded when its files change and on the {@code reload} command.
 */
class ServeTlsTest {

  @TempDir Path dir;

  private final TestCertificates.Authority ca = TestCertificates.authority("serve test CA");

  private TestCertificate issue(String name) {
    return ca.server(name).ipAddress(InetAddress.getLoopbackAddress()).issue();
  }

  /** Writes the pair the way an operator should: temporary files renamed into place. */
  private void install(TestCertificate certificate, Path chain, Path key) throws Exception {
    Path c = dir.resolve(".chain.tmp");
    Path k = dir.resolve(".key.tmp");
    certificate.writePem(c, k);
    Files.move(k, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(c, chain, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The result of an AXFR over TLS: the server's certificate and the records. */
  record TlsTransfer(X509Certificate certificate, List<Record> records) {}

  /** AXFR of example.com. over TLS 1.3 with ALPN dot, trusting the test CA only. */
  private TlsTransfer axfrOverTls(InetSocketAddress server) throws Exception {
    try (SSLSocket socket = XotClientSockets.trusting(ca.certificate()).createSocket()) {
      socket.connect(server, 10_000);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      assertEquals("dot", socket.getApplicationProtocol());
      X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      Message query = Message.newQuery(Record.newRecord(ServeCommandTest.ZONE, Type.AXFR, 1));
      byte[] wire = query.toWire();
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      List<Record> records = new ArrayList<>();
      int soas = 0;
      while (soas < 2) {
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        Message m = new Message(reply);
        assertEquals(Rcode.NOERROR, m.getRcode(), m.toString());
        for (Record r : m.getSection(Section.ANSWER)) {
          records.add(r);
          soas += r.getType() == Type.SOA ? 1 : 0;
        }
      }
      return new TlsTransfer(presented, records);
    }
  }

  @Test
  void transfersOverTlsRefusesPlainTcpAndReloadsTheCertificate() throws Exception {
    Path chain = dir.resolve("xot.crt");
    Path key = dir.resolve("xot.key");
    TestCertificate first = issue("first.xot.test");
    install(first, chain, key);
    PipedOutputStream keyboard = new PipedOutputStream();
    try (PipedInputStream in = new PipedInputStream(keyboard);
        RunningServe serve =
            RunningServe.start(
                in,
                "--listen",
                "127.0.0.1:0",
                "--tls-listen",
                "127.0.0.1:0",
                "--tls-cert",
                chain.toString(),
                "--tls-key",
                key.toString(),
                "--require-tls",
                "--poll-interval",
                "20")) {
      InetSocketAddress plain = serve.awaitListening();
      InetSocketAddress tls =
          Addresses.endpoint(
              serve
                  .out
                  .await(
                      l -> l.startsWith("listening for XoT (TLS) on "),
                      RunningServe.DEADLINE,
                      "the TLS listener")
                  .substring("listening for XoT (TLS) on ".length()),
              "test",
              false);
      String out = serve.out.text();
      assertTrue(
          out.contains(
              "  zone transfer over TLS (XoT): "
                  + Addresses.format(tls)
                  + " (TLS 1.3, ALPN dot; required: transfers over plain TCP are refused)"),
          out);
      assertTrue(out.contains("  TLS certificate:              CN=first.xot.test"), out);

      TlsTransfer transfer = axfrOverTls(tls);
      ServeCommandTest.assertFlattenedSample(transfer.records());
      assertEquals(first.certificate(), transfer.certificate());
      serve.out.await(
          l -> l.startsWith("transfer AXFR example.com. serial 2026112401 to 127.0.0.1:"),
          RunningServe.DEADLINE,
          "the TLS transfer logged");
      // --require-tls: the same transfer over plain TCP is refused; SOA over UDP is answered.
      assertThrows(ZoneTransferException.class, () -> ServeCommandTest.axfr(plain));
      assertEquals(2026112401L, ServeCommandTest.soaSerial(plain));

      // The files change: the next connection presents the new certificate.
      TestCertificate second = issue("second.xot.test");
      install(second, chain, key);
      serve.out.await(
          l -> l.startsWith("TLS certificate reloaded: ") && l.contains("CN=second.xot.test"),
          RunningServe.DEADLINE,
          "the reload on a file change");
      assertEquals(second.certificate(), axfrOverTls(tls).certificate());

      // A broken key: 'reload' keeps the certificate in use and says why.
      Files.writeString(key, "not a key\n");
      keyboard.write("reload\n".getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
      serve.err.await(
          l -> l.startsWith("serve: TLS reload failed, the certificate in use stays: "),
          RunningServe.DEADLINE,
          "the failed reload");
      assertEquals(second.certificate(), axfrOverTls(tls).certificate());
      keyboard.close();
    }
  }

  @Test
  void tlsFlagsComeTogether() throws Exception {
    Cli.run("serve", "--tls-cert", "x.crt").assertBadInput("--tls-cert needs --tls-listen");
    Cli.run("serve", "--require-tls").assertBadInput("--require-tls needs --tls-listen");
    Cli.run("serve", "--tls-listen", "127.0.0.1:0")
        .assertBadInput("--tls-listen needs --tls-cert FILE and --tls-key FILE");
    Path missing = dir.resolve("missing.crt");
    Cli.run(
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-listen",
            "127.0.0.1:0",
            "--tls-cert",
            missing.toString(),
            "--tls-key",
            missing.toString())
        .assertBadInput("missing.crt");
  }
}
