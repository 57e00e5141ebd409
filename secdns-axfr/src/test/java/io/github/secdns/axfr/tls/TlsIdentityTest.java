package io.github.secdns.axfr.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.testkit.TestCertificate;
import io.github.secdns.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading certificates and keys: PEM (RSA and EC, PKCS#8), key stores, and every refusal. */
class TlsIdentityTest {

  private static final TestCertificates.Authority CA = TestCertificates.authority("test CA");

  @Test
  void pemFilesOfAnEcAndAnRsaKeyGiveTheIdentityWithItsChain(@TempDir Path dir) throws Exception {
    for (TestCertificates.KeyAlgorithm algorithm : TestCertificates.KeyAlgorithm.values()) {
      TestCertificate c = CA.server("xot.test").keyAlgorithm(algorithm).issue();
      Path chain = dir.resolve(algorithm + ".chain.pem");
      Path key = dir.resolve(algorithm + ".key.pem");
      Files.writeString(chain, c.certificatePem() + CA.certificatePem());
      Files.writeString(key, c.privateKeyPem());
      TlsIdentity identity = TlsIdentity.fromPemFiles(chain, key);
      assertEquals(List.of(c.certificate(), CA.certificate()), identity.certificateChain());
      assertEquals(algorithm.name(), identity.privateKey().getAlgorithm());
      assertEquals(c.certificate().getNotAfter().toInstant(), identity.notAfter());
      // One file with both works too.
      Path both = dir.resolve(algorithm + ".both.pem");
      Files.writeString(both, c.privateKeyPem() + c.certificatePem());
      assertEquals(c.certificate(), TlsIdentity.fromPemFiles(both, both).certificate(), "one file");
      String text = identity.toString();
      assertTrue(text.contains("CN=xot.test"), text);
      assertFalse(text.contains(Base64.getEncoder().encodeToString(c.privateKey().getEncoded())));
    }
  }

  @Test
  void aKeyStoreEntryGivesTheIdentity() throws Exception {
    TestCertificate c = CA.server("xot.test").issue();
    char[] password = "store-password".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("xot", c.privateKey(), password, c.chain().toArray(new X509Certificate[0]));
    store.setCertificateEntry("ca", CA.certificate());
    assertEquals(
        c.certificate(),
        TlsIdentity.fromKeyStore(store, password, Optional.empty()).certificate(),
        "the one key entry");
    assertEquals(
        c.certificate(),
        TlsIdentity.fromKeyStore(store, password, Optional.of("xot")).certificate());
    TlsMaterialException missing =
        assertThrows(
            TlsMaterialException.class,
            () -> TlsIdentity.fromKeyStore(store, password, Optional.of("other")));
    assertTrue(missing.getMessage().contains("no key entry named other"), missing.getMessage());
    TlsMaterialException wrong =
        assertThrows(
            TlsMaterialException.class,
            () -> TlsIdentity.fromKeyStore(store, "wrong".toCharArray(), Optional.empty()));
    assertFalse(wrong.getMessage().contains("store-password"));
    store.setKeyEntry(
        "second", c.privateKey(), password, c.chain().toArray(new X509Certificate[0]));
    TlsMaterialException ambiguous =
        assertThrows(
            TlsMaterialException.class,
            () -> TlsIdentity.fromKeyStore(store, password, Optional.empty()));
    assertTrue(ambiguous.getMessage().contains("2 key entries"), ambiguous.getMessage());
  }

  @Test
  void unusableKeysAndCertificatesAreRefusedWithAMessageThatNamesTheProblem(@TempDir Path dir)
      throws Exception {
    TestCertificate c = CA.server("xot.test").issue();
    TestCertificate other = CA.server("other.test").issue();
    String keyBody = Base64.getEncoder().encodeToString(c.privateKey().getEncoded());

    assertProblem(
        "does not belong", () -> TlsIdentity.fromPem(c.chainPem(), other.privateKeyPem()));
    assertProblem(
        "must come first",
        () -> TlsIdentity.fromPem(CA.certificatePem() + c.certificatePem(), c.privateKeyPem()));
    assertProblem(
        "PKCS#1 format",
        () ->
            TlsIdentity.fromPem(
                c.chainPem(),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"));
    assertProblem(
        "SEC 1 format",
        () ->
            TlsIdentity.fromPem(
                c.chainPem(),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
    assertProblem(
        "encrypted private key",
        () ->
            TlsIdentity.fromPem(
                c.chainPem(),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"));
    assertProblem("holds no private key", () -> TlsIdentity.fromPem(c.chainPem(), c.chainPem()));
    assertProblem(
        "2 private keys",
        () -> TlsIdentity.fromPem(c.chainPem(), c.privateKeyPem() + other.privateKeyPem()));
    assertProblem(
        "holds no certificate", () -> TlsIdentity.fromPem(c.privateKeyPem(), c.privateKeyPem()));
    assertProblem("is not PEM", () -> TlsIdentity.fromPem("hello", c.privateKeyPem()));
    assertProblem(
        "not a valid X.509 certificate",
        () ->
            TlsIdentity.fromPem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                c.privateKeyPem()));
    assertProblem(
        "neither an RSA nor an EC key",
        () ->
            TlsIdentity.fromPem(
                c.chainPem(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    Path absent = dir.resolve("absent.pem");
    TlsMaterialException unreadable =
        assertThrows(TlsMaterialException.class, () -> TlsIdentity.fromPemFiles(absent, absent));
    assertTrue(unreadable.getMessage().contains(absent.toString()), unreadable.getMessage());
    // No message ever carries the key.
    try {
      TlsIdentity.fromPem(
          c.chainPem(), c.privateKeyPem().replace("PRIVATE KEY", "RSA PRIVATE KEY"));
    } catch (TlsMaterialException e) {
      assertFalse(e.getMessage().contains(keyBody.substring(0, 40)), e.getMessage());
    }
  }

  @Test
  void aListenerOffersTls13AndDotOnlyAndAsksForClientCertificatesUnderMutualTls() throws Exception {
    TestCertificate c = CA.server("xot.test").issue();
    TlsIdentity identity = TlsIdentity.of(c.privateKey(), c.chain());
    XotListener plain =
        XotListener.builder(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
            .identity(identity)
            .build();
    SSLEngine engine = plain.newServerEngine();
    assertEquals(List.of("TLSv1.3"), List.of(engine.getEnabledProtocols()));
    assertEquals(List.of("dot"), List.of(engine.getSSLParameters().getApplicationProtocols()));
    assertFalse(engine.getNeedClientAuth());
    assertEquals(Optional.empty(), plain.clientCertificateAuthorities());

    XotListener mutual =
        XotListener.builder(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
            .identity(identity)
            .clientCertificateAuthorities(List.of(CA.certificate()))
            .build();
    assertTrue(mutual.newServerEngine().getNeedClientAuth());
    assertTrue(mutual.toString().contains("mutual TLS"), mutual.toString());
    assertThrows(
        IllegalStateException.class,
        () ->
            XotListener.builder(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
                .build());
  }

  private static void assertProblem(String expected, Attempt attempt) {
    TlsMaterialException e = assertThrows(TlsMaterialException.class, attempt::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private interface Attempt {
    void run() throws Exception;
  }
}
