package io.github.secdns.axfr;

import static io.github.secdns.axfr.XotFixture.CA;
import static io.github.secdns.axfr.XotFixture.ZONE;
import static io.github.secdns.axfr.XotFixture.client;
import static io.github.secdns.axfr.XotFixture.configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.tls.TlsMaterialException;
import io.github.secdns.axfr.tls.XotListener;
import io.github.secdns.core.config.XotPolicy;
import io.github.secdns.testkit.TestCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Reloading the certificate: new connections get the new one, open ones keep theirs. */
class XotReloadTest {

  private static TestCertificate serverCertificate() {
    return CA.server(XotFixture.HOST_NAME).ipAddress(InetAddress.getLoopbackAddress()).issue();
  }

  @Test
  void aReloadReachesNewConnectionsWhileOpenOnesFinishWithTheOldCertificate(@TempDir Path dir)
      throws Exception {
    Path chain = dir.resolve("chain.pem");
    Path key = dir.resolve("key.pem");
    TestCertificate first = serverCertificate();
    first.writePem(chain, key);
    XotListener listener =
        XotListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .identityFiles(chain, key)
            .build();
    try (XotFixture f =
        new XotFixture(listener, ResponderLimits.defaults(), configuration(XotPolicy.REQUIRED))) {
      f.zones.publish(TestZones.small(ZONE, 1));
      try (RawDns before = client().hostName(XotFixture.HOST_NAME).connect(f.tls())) {
        assertEquals(first.certificate(), XotClient.serverCertificate(before));

        TestCertificate second = serverCertificate();
        second.writePem(chain, key);
        listener.reload();
        assertEquals(second.certificate(), listener.identity().certificate());

        try (RawDns after = client().hostName(XotFixture.HOST_NAME).connect(f.tls())) {
          assertEquals(second.certificate(), XotClient.serverCertificate(after));
          after.send(RawDns.query(1, ZONE, Type.AXFR, false));
          assertEquals(Rcode.NOERROR, new Message(after.receiveTransfer().get(0)).getRcode());
        }
        // The connection opened before the reload goes on with the certificate it negotiated.
        before.send(RawDns.query(2, ZONE, Type.AXFR, false));
        assertEquals(Rcode.NOERROR, new Message(before.receiveTransfer().get(0)).getRcode());
        assertEquals(first.certificate(), XotClient.serverCertificate(before));

        // A broken file: the reload fails, naming the file, and the listener keeps the second.
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        TlsMaterialException broken = assertThrows(TlsMaterialException.class, listener::reload);
        assertTrue(broken.getMessage().contains(key.toString()), broken.getMessage());
        // A key of another certificate: refused too.
        TestCertificate third = serverCertificate();
        Files.writeString(key, serverCertificate().privateKeyPem());
        Files.writeString(chain, third.chainPem());
        TlsMaterialException mismatch = assertThrows(TlsMaterialException.class, listener::reload);
        assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());
        assertEquals(second.certificate(), listener.identity().certificate());
        try (RawDns later = client().connect(f.tls())) {
          assertEquals(second.certificate(), XotClient.serverCertificate(later));
        }
      }
    }
  }

  @Test
  void aListenerBuiltFromAnIdentityIsReloadedWithAnother() throws Exception {
    try (XotFixture f = new XotFixture(configuration(XotPolicy.ALLOWED))) {
      assertThrows(IllegalStateException.class, f.xot::reload);
      TestCertificate next = serverCertificate();
      f.xot.reload(XotFixture.identity(next));
      try (RawDns c = client().connect(f.tls())) {
        assertEquals(next.certificate(), XotClient.serverCertificate(c));
      }
      assertFalse(f.xot.toString().contains("PRIVATE"), f.xot.toString());
    }
  }
}
