package io.github.secdns.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A certificate made by {@link TestCertificates}, with its private key and its chain (the
 * certificate first, then its issuers up to the self-signed authority), and PEM text of each for
 * tools such as BIND, NSD or kdig. For tests only: the key is generated in memory and never written
 * anywhere but where a test asks.
 *
 * @param certificate the certificate
 * @param privateKey its private key
 * @param chain the certificate, then each issuer up to and including the authority
 */
public record TestCertificate(
    X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

  /** Copies the chain and checks for nulls. */
  public TestCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
  }

  /**
   * Returns the certificate as PEM text.
   *
   * @return one {@code CERTIFICATE} block
   */
  public String certificatePem() {
    return pem("CERTIFICATE", encoded(certificate));
  }

  /**
   * Returns the chain as PEM text, the certificate first; the self-signed authority is left out
   * (servers send the chain up to, not including, the trust anchor).
   *
   * @return one {@code CERTIFICATE} block per certificate
   */
  public String chainPem() {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : chain) {
      if (!c.equals(certificate)
          && c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        continue;
      }
      out.append(pem("CERTIFICATE", encoded(c)));
    }
    return out.toString();
  }

  /**
   * Returns the private key as unencrypted PKCS#8 PEM text.
   *
   * @return one {@code PRIVATE KEY} block
   */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  /**
   * Writes the chain (see {@link #chainPem()}) and the key to two PEM files, the key readable by
   * its owner only where the file system allows.
   *
   * @param chainFile where the certificates go
   * @param keyFile where the key goes
   * @throws IOException when a file cannot be written
   */
  public void writePem(Path chainFile, Path keyFile) throws IOException {
    Files.writeString(chainFile, chainPem(), StandardCharsets.US_ASCII);
    Files.writeString(keyFile, privateKeyPem(), StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(
          keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the temporary directory of the test protects it
    }
  }

  /** Shows the subject and validity; never the key. */
  @Override
  public String toString() {
    return "TestCertificate[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", notAfter="
        + certificate.getNotAfter().toInstant()
        + "]";
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate cannot be encoded", e);
    }
  }
}
