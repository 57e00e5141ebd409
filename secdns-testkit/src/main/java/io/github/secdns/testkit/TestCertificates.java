package io.github.secdns.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes X.509 certificates for tests of TLS listeners (XoT), with the JDK only: a self-signed
 * authority, then server and client certificates it issues, with the names, addresses, key
 * algorithm and validity a test needs (an expired certificate, one that expires in three days, a
 * client certificate of another authority).
 *
 * <pre>{@code
 * TestCertificates.Authority ca = TestCertificates.authority("secdns test CA");
 * TestCertificate server = ca.server("xot.test").ipAddress(InetAddress.getLoopbackAddress()).issue();
 * TestCertificate client = ca.client("secondary.test").issue();
 * }</pre>
 *
 * <p>Keys are generated in memory (EC P-256 by default, or RSA 2048); nothing is stored. The
 * certificates are plain X.509 v3 (basic constraints, key usage, extended key usage, subject
 * alternative names, key identifiers) that OpenSSL, GnuTLS and the JDK accept. Thread-safe.
 */
public final class TestCertificates {

  /** The key algorithm of a certificate. */
  public enum KeyAlgorithm {
    /** ECDSA on the curve P-256, signed with SHA-256. */
    EC,
    /** RSA with a 2048-bit modulus, signed with SHA-256. */
    RSA
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCertificates() {}

  /**
   * Makes a self-signed certificate authority (EC P-256), valid from a day ago for ten years.
   *
   * @param commonName the authority's common name
   * @return the authority
   */
  public static Authority authority(String commonName) {
    return authority(commonName, KeyAlgorithm.EC);
  }

  /**
   * Makes a self-signed certificate authority, valid from a day ago for ten years.
   *
   * @param commonName the authority's common name
   * @param algorithm its key algorithm
   * @return the authority
   */
  public static Authority authority(String commonName, KeyAlgorithm algorithm) {
    KeyPair keys = generate(algorithm);
    Instant now = Instant.now();
    byte[] subject = name(commonName);
    X509Certificate certificate =
        sign(
            keys.getPrivate(),
            keys,
            subject,
            subject,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(3650)),
            extensions(keys, keys, true, List.of(), List.of(), List.of()));
    return new Authority(
        new TestCertificate(certificate, keys.getPrivate(), List.of(certificate)), keys);
  }

  /** A certificate authority that issues test certificates. Thread-safe. */
  public static final class Authority {
    private final TestCertificate self;
    private final KeyPair keys;

    private Authority(TestCertificate self, KeyPair keys) {
      this.self = self;
      this.keys = keys;
    }

    /**
     * Returns the authority's own (self-signed) certificate: the trust anchor to give clients or a
     * listener that checks client certificates.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
      return self.certificate();
    }

    /**
     * Returns the authority's certificate as PEM text (a CA file for BIND, NSD or kdig).
     *
     * @return one {@code CERTIFICATE} block
     */
    public String certificatePem() {
      return self.certificatePem();
    }

    /**
     * Starts a server certificate (extended key usage serverAuth) for a DNS name; it is also the
     * common name.
     *
     * @param dnsName the name clients verify, for example {@code xot.test}
     * @return a request to complete and {@linkplain Request#issue() issue}
     */
    public Request server(String dnsName) {
      return new Request(this, dnsName, "1.3.6.1.5.5.7.3.1").dnsName(dnsName);
    }

    /**
     * Starts a client certificate (extended key usage clientAuth), for mutual TLS.
     *
     * @param commonName the client's common name
     * @return a request to complete and {@linkplain Request#issue() issue}
     */
    public Request client(String commonName) {
      return new Request(this, commonName, "1.3.6.1.5.5.7.3.2");
    }
  }

  /** The contents of a certificate to issue. Not thread-safe. */
  public static final class Request {
    private final Authority issuer;
    private final String commonName;
    private final String extendedKeyUsage;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<InetAddress> addresses = new ArrayList<>();
    private KeyAlgorithm algorithm = KeyAlgorithm.EC;
    private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

    private Request(Authority issuer, String commonName, String extendedKeyUsage) {
      this.issuer = issuer;
      this.commonName = Objects.requireNonNull(commonName, "commonName");
      this.extendedKeyUsage = extendedKeyUsage;
    }

    /**
     * Adds a DNS name to the subject alternative names.
     *
     * @param name the name
     * @return this request
     */
    public Request dnsName(String name) {
      dnsNames.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Adds an IP address to the subject alternative names.
     *
     * @param address the address
     * @return this request
     */
    public Request ipAddress(InetAddress address) {
      addresses.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Sets the key algorithm (default EC P-256).
     *
     * @param algorithm the algorithm
     * @return this request
     */
    public Request keyAlgorithm(KeyAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the validity (default: from a day ago for a year).
     *
     * @param notBefore the first instant of validity
     * @param notAfter the last instant of validity
     * @return this request
     */
    public Request validity(Instant notBefore, Instant notAfter) {
      this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
      this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
      return this;
    }

    /**
     * Generates a key and issues the certificate.
     *
     * @return the certificate, its key and chain
     */
    public TestCertificate issue() {
      KeyPair keys = generate(algorithm);
      X509Certificate certificate =
          sign(
              issuer.keys.getPrivate(),
              keys,
              name(commonName),
              issuer.certificate().getSubjectX500Principal().getEncoded(),
              notBefore,
              notAfter,
              extensions(keys, issuer.keys, false, List.of(extendedKeyUsage), dnsNames, addresses));
      return new TestCertificate(
          certificate, keys.getPrivate(), List.of(certificate, issuer.certificate()));
    }
  }

  private static KeyPair generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.name());
      if (algorithm == KeyAlgorithm.EC) {
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      } else {
        generator.initialize(2048, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate " + algorithm + " keys", e);
    }
  }

  // ---- DER (X.690) of an X.509 v3 certificate (RFC 5280 section 4.1)

  private static X509Certificate sign(
      PrivateKey issuerKey,
      KeyPair subjectKeys,
      byte[] subject,
      byte[] issuer,
      Instant notBefore,
      Instant notAfter,
      byte[] extensions) {
    boolean rsa = issuerKey.getAlgorithm().equals("RSA");
    byte[] algorithm =
        rsa
            ? sequence(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00})
            : sequence(oid("1.2.840.10045.4.3.2"));
    byte[] tbs =
        sequence(
            tlv(0xA0, integer(BigInteger.TWO)),
            integer(new BigInteger(127, RANDOM).setBit(126)),
            algorithm,
            issuer,
            sequence(time(notBefore), time(notAfter)),
            subject,
            subjectKeys.getPublic().getEncoded(),
            tlv(0xA3, extensions));
    try {
      Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
      signer.initSign(issuerKey);
      signer.update(tbs);
      byte[] certificate = sequence(tbs, algorithm, bitString(signer.sign()));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the test certificate cannot be made", e);
    }
  }

  private static byte[] extensions(
      KeyPair subject,
      KeyPair issuer,
      boolean authority,
      List<String> extendedKeyUsages,
      List<String> dnsNames,
      List<InetAddress> addresses) {
    List<byte[]> out = new ArrayList<>();
    out.add(
        extension(
            "2.5.29.19",
            true,
            authority ? sequence(new byte[] {0x01, 0x01, (byte) 0xFF}) : sequence()));
    // keyUsage: keyCertSign + cRLSign for an authority, digitalSignature (+ keyEncipherment
    // for RSA) otherwise; BIT STRING with its unused-bits count.
    byte[] usage =
        authority
            ? new byte[] {0x03, 0x02, 0x01, 0x06}
            : subject.getPublic().getAlgorithm().equals("RSA")
                ? new byte[] {0x03, 0x02, 0x05, (byte) 0xA0}
                : new byte[] {0x03, 0x02, 0x07, (byte) 0x80};
    out.add(extension("2.5.29.15", true, usage));
    if (!extendedKeyUsages.isEmpty()) {
      List<byte[]> oids = new ArrayList<>();
      extendedKeyUsages.forEach(o -> oids.add(oid(o)));
      out.add(extension("2.5.29.37", false, sequence(oids.toArray(new byte[0][]))));
    }
    if (!dnsNames.isEmpty() || !addresses.isEmpty()) {
      List<byte[]> names = new ArrayList<>();
      dnsNames.forEach(n -> names.add(tlv(0x82, n.getBytes(StandardCharsets.US_ASCII))));
      addresses.forEach(a -> names.add(tlv(0x87, a.getAddress())));
      out.add(extension("2.5.29.17", false, sequence(names.toArray(new byte[0][]))));
    }
    out.add(extension("2.5.29.14", false, tlv(0x04, keyIdentifier(subject))));
    out.add(extension("2.5.29.35", false, sequence(tlv(0x80, keyIdentifier(issuer)))));
    return sequence(out.toArray(new byte[0][]));
  }

  /** SHA-1 of the subject public key (RFC 5280 section 4.2.1.2, method 1), as most tools do. */
  private static byte[] keyIdentifier(KeyPair keys) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? sequence(oid(oid), new byte[] {0x01, 0x01, (byte) 0xFF}, tlv(0x04, value))
        : sequence(oid(oid), tlv(0x04, value));
  }

  private static byte[] name(String commonName) {
    byte[] cn = sequence(oid("2.5.4.3"), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)));
    return sequence(tlv(0x31, cn));
  }

  private static byte[] time(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    if (t.getYear() >= 1950 && t.getYear() < 2050) {
      return tlv(
          0x17,
          t.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'"))
              .getBytes(StandardCharsets.US_ASCII));
    }
    return tlv(
        0x18,
        t.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'"))
            .getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  private static byte[] bitString(byte[] bits) {
    byte[] content = new byte[bits.length + 1];
    System.arraycopy(bits, 0, content, 1, bits.length);
    return tlv(0x03, content);
  }

  private static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long v = Long.parseLong(parts[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        out.write((int) ((v >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int octets = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xFF);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
