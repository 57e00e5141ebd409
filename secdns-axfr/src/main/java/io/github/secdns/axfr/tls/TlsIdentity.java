package io.github.secdns.axfr.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The certificate chain and private key a TLS listener presents: the server's own certificate
 * first, then any intermediates. The key must belong to the first certificate (checked by signing
 * and verifying a random challenge), and must be RSA or EC.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the certificate's subject and validity,
 * never the key.
 */
public final class TlsIdentity {

  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  private TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = privateKey;
    this.chain = chain;
  }

  /**
   * Makes an identity from a key and its certificate chain.
   *
   * @param privateKey an RSA or EC private key
   * @param certificateChain the certificate of that key first, then its intermediates
   * @return the identity
   * @throws TlsMaterialException when the chain is empty, the key is neither RSA nor EC, or does
   *     not belong to the first certificate
   */
  public static TlsIdentity of(PrivateKey privateKey, List<X509Certificate> certificateChain)
      throws TlsMaterialException {
    return of(privateKey, certificateChain, "the given key and certificate");
  }

  /**
   * Reads an identity from PEM files: the certificate chain (server certificate first) and an
   * unencrypted PKCS#8 private key (RSA or EC). Both may be the same file.
   *
   * @param certificateChain the PEM file with the certificates
   * @param privateKey the PEM file with the key
   * @return the identity
   * @throws TlsMaterialException naming the file and what is wrong with it
   */
  public static TlsIdentity fromPemFiles(Path certificateChain, Path privateKey)
      throws TlsMaterialException {
    return of(
        Pem.readPrivateKey(privateKey),
        Pem.readCertificates(certificateChain),
        privateKey + " and " + certificateChain);
  }

  /**
   * Reads an identity from PEM text, for hosts that keep certificates in their own store.
   *
   * @param certificateChainPem the certificates, server certificate first
   * @param privateKeyPem an unencrypted PKCS#8 private key (RSA or EC)
   * @return the identity
   * @throws TlsMaterialException saying what is wrong, never showing the key
   */
  public static TlsIdentity fromPem(String certificateChainPem, String privateKeyPem)
      throws TlsMaterialException {
    return of(
        Pem.privateKey(privateKeyPem, "the private key PEM"),
        Pem.certificates(certificateChainPem, "the certificate chain PEM"),
        "the PEM key and certificate");
  }

  /**
   * Takes an identity from a key store (PKCS#12 or JKS, loaded by the host).
   *
   * @param keyStore the loaded key store
   * @param password the password of the key entry
   * @param alias the entry to use; when empty, the store must hold exactly one key entry
   * @return the identity
   * @throws TlsMaterialException when the entry is missing or ambiguous, not a private key with a
   *     chain of X.509 certificates, the password is wrong, or the key does not fit as above
   */
  public static TlsIdentity fromKeyStore(KeyStore keyStore, char[] password, Optional<String> alias)
      throws TlsMaterialException {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(password, "password");
    try {
      String entry;
      if (alias.isPresent()) {
        entry = alias.get();
        if (!keyStore.isKeyEntry(entry)) {
          throw new TlsMaterialException("the key store has no key entry named " + entry);
        }
      } else {
        List<String> keyEntries = new ArrayList<>();
        for (String a : Collections.list(keyStore.aliases())) {
          if (keyStore.isKeyEntry(a)) {
            keyEntries.add(a);
          }
        }
        if (keyEntries.size() != 1) {
          throw new TlsMaterialException(
              "the key store holds "
                  + keyEntries.size()
                  + " key entries "
                  + keyEntries
                  + "; name the one to use");
        }
        entry = keyEntries.get(0);
      }
      Key key = keyStore.getKey(entry, password);
      if (!(key instanceof PrivateKey privateKey)) {
        throw new TlsMaterialException("the key store entry " + entry + " is not a private key");
      }
      Certificate[] certificates = keyStore.getCertificateChain(entry);
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
        if (!(c instanceof X509Certificate x509Certificate)) {
          throw new TlsMaterialException(
              "the key store entry " + entry + " has a certificate that is not X.509");
        }
        chain.add(x509Certificate);
      }
      return of(privateKey, chain, "the key store entry " + entry);
    } catch (GeneralSecurityException e) {
      throw new TlsMaterialException(
          "cannot take the key from the key store (wrong password or damaged entry): "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  private static TlsIdentity of(
      PrivateKey privateKey, List<X509Certificate> certificateChain, String source)
      throws TlsMaterialException {
    Objects.requireNonNull(privateKey, "privateKey");
    List<X509Certificate> chain = List.copyOf(certificateChain);
    if (chain.isEmpty()) {
      throw new TlsMaterialException(source + ": the certificate chain is empty");
    }

    String signatureAlgorithm =
        switch (privateKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default ->
              throw new TlsMaterialException(
                  source
                      + ": the key is "
                      + privateKey.getAlgorithm()
                      + "; only RSA and EC keys are used");
        };
    X509Certificate leaf = chain.get(0);
    if (!leaf.getPublicKey().getAlgorithm().equals(privateKey.getAlgorithm())) {
      throw new TlsMaterialException(
          source
              + ": the key is "
              + privateKey.getAlgorithm()
              + " but the first certificate ("
              + leaf.getSubjectX500Principal().getName()
              + ") holds a "
              + leaf.getPublicKey().getAlgorithm()
              + " key; the server's own certificate must come first");
    }
    try {
      byte[] challenge = new byte[32];
      ThreadLocalRandom.current().nextBytes(challenge);
      Signature signer = Signature.getInstance(signatureAlgorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(signatureAlgorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new TlsMaterialException(
            source
                + ": the private key does not belong to the first certificate ("
                + leaf.getSubjectX500Principal().getName()
                + "); the server's own certificate must come first");
      }
    } catch (GeneralSecurityException e) {
      throw new TlsMaterialException(
          source + ": the private key cannot sign: " + e.getClass().getSimpleName(), e);
    }
    return new TlsIdentity(privateKey, chain);
  }

  /**
   * Returns the certificate chain, the server's own certificate first.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  /**
   * Returns the server's own certificate.
   *
   * @return the first certificate of the chain
   */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /**
   * Returns the private key (for the TLS engine; never logged).
   *
   * @return the key
   */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * Returns when the server's certificate expires.
   *
   * @return its notAfter instant
   */
  public Instant notAfter() {
    return certificate().getNotAfter().toInstant();
  }

  /** Describes the certificate (subject, validity, key algorithm); never the key. */
  @Override
  public String toString() {
    X509Certificate c = certificate();
    return "TlsIdentity[subject="
        + c.getSubjectX500Principal().getName()
        + ", notBefore="
        + c.getNotBefore().toInstant()
        + ", notAfter="
        + c.getNotAfter().toInstant()
        + ", key="
        + privateKey.getAlgorithm()
        + ", chain="
        + chain.size()
        + "]";
  }
}
