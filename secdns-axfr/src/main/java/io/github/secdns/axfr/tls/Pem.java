package io.github.secdns.axfr.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text (RFC 7468) with the JDK only: X.509 certificates ({@code CERTIFICATE} blocks) and
 * unencrypted PKCS#8 private keys ({@code PRIVATE KEY}, RSA or EC).
 *
 * <p>Other key formats are refused with a message that says how to convert them ({@code openssl
 * pkcs8 -topk8 -nocrypt}). Messages name the source and the block, never its contents. Stateless
 * and thread-safe.
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END ([A-Z0-9 ]+)-----");

  /** Key algorithms tried in turn on a PKCS#8 key. */
  private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA");

  private Pem() {}

  /**
   * Reads every certificate of a PEM file, in file order (for a chain: the server's own certificate
   * first, then the intermediates).
   *
   * @param file the file
   * @return one or more certificates
   * @throws TlsMaterialException when the file cannot be read, holds no certificate, or a block is
   *     not a valid X.509 certificate
   */
  public static List<X509Certificate> readCertificates(Path file) throws TlsMaterialException {
    return certificates(read(file), file.toString());
  }

  /**
   * Reads every certificate of PEM text, in order.
   *
   * @param pem the PEM text
   * @param source what the text is, for messages (for example a file name)
   * @return one or more certificates
   * @throws TlsMaterialException when the text holds no certificate or a block is not a valid X.509
   *     certificate
   */
  public static List<X509Certificate> certificates(String pem, String source)
      throws TlsMaterialException {
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new TlsMaterialException("this JVM cannot read X.509 certificates", e);
    }
    int index = 0;
    for (Block block : blocks(pem, source)) {
      index++;
      if (!block.label().equals("CERTIFICATE")) {
        continue;
      }
      try {
        out.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(block.decode(source))));
      } catch (CertificateException e) {
        throw new TlsMaterialException(
            source
                + ": PEM block "
                + index
                + " is not a valid X.509 certificate: "
                + e.getMessage(),
            e);
      }
    }
    if (out.isEmpty()) {
      throw new TlsMaterialException(
          source + " holds no certificate (no -----BEGIN CERTIFICATE----- block)");
    }
    return List.copyOf(out);
  }

  /**
   * Reads the private key of a PEM file.
   *
   * @param file the file
   * @return the key
   * @throws TlsMaterialException as {@link #privateKey(String, String)}, or when the file cannot be
   *     read
   */
  public static PrivateKey readPrivateKey(Path file) throws TlsMaterialException {
    return privateKey(read(file), file.toString());
  }

  /**
   * Reads the one private key of PEM text: an unencrypted PKCS#8 {@code PRIVATE KEY} block holding
   * an RSA or EC key.
   *
   * @param pem the PEM text
   * @param source what the text is, for messages (for example a file name)
   * @return the key
   * @throws TlsMaterialException when there is no key or more than one, the key is encrypted or in
   *     the PKCS#1 or SEC 1 format, or is neither RSA nor EC; the message never shows the key
   */
  public static PrivateKey privateKey(String pem, String source) throws TlsMaterialException {
    List<Block> keys = new ArrayList<>();
    for (Block block : blocks(pem, source)) {
      switch (block.label()) {
        case "PRIVATE KEY" -> keys.add(block);
        case "ENCRYPTED PRIVATE KEY" ->
            throw new TlsMaterialException(
                source
                    + " holds an encrypted private key; give it unencrypted in PKCS#8 (openssl pkcs8"
                    + " -topk8 -nocrypt -in KEY -out KEY.pk8) and protect the file instead");
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new TlsMaterialException(
                source
                    + " holds a "
                    + block.label().substring(0, block.label().indexOf(' '))
                    + " key in the "
                    + (block.label().startsWith("RSA") ? "PKCS#1" : "SEC 1")
                    + " format; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in KEY -out"
                    + " KEY.pk8)");
        default -> {}
      }
    }
    if (keys.isEmpty()) {
      throw new TlsMaterialException(
          source + " holds no private key (no -----BEGIN PRIVATE KEY----- block)");
    }
    if (keys.size() > 1) {
      throw new TlsMaterialException(
          source + " holds " + keys.size() + " private keys; give exactly one");
    }
    byte[] der = keys.get(0).decode(source);
    try {
      for (String algorithm : KEY_ALGORITHMS) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          // not this algorithm: try the next
        }
      }
      throw new TlsMaterialException(
          source + ": the PKCS#8 private key is neither an RSA nor an EC key, or is damaged");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static String read(Path file) throws TlsMaterialException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TlsMaterialException("cannot read " + file + ": " + e, e);
    }
  }

  private static List<Block> blocks(String pem, String source) throws TlsMaterialException {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (!m.group(1).equals(m.group(3))) {
        throw new TlsMaterialException(
            source + ": a PEM block begins with " + m.group(1) + " but ends with " + m.group(3));
      }
      out.add(new Block(m.group(1), m.group(2)));
    }
    if (out.isEmpty()) {
      throw new TlsMaterialException(source + " is not PEM text (no -----BEGIN ...----- block)");
    }
    return out;
  }

  /** One PEM block: its label and base64 body. */
  private record Block(String label, String base64) {
    byte[] decode(String source) throws TlsMaterialException {
      try {
        return Base64.getMimeDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new TlsMaterialException(source + ": the " + label + " block is not valid base64", e);
      }
    }

    @Override
    public String toString() {
      return "Block[" + label + "]";
    }
  }
}
