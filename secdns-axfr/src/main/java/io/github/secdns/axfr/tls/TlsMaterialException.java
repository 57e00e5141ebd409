package io.github.secdns.axfr.tls;

/**
 * A certificate, certificate chain, private key or key store that cannot be used for a TLS
 * listener: unreadable, not PEM, not PKCS#8, of another algorithm, or a key that does not belong to
 * the certificate. The message names the file or source and what is wrong; it never contains key
 * material.
 */
public final class TlsMaterialException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public TlsMaterialException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong and where
   * @param cause the underlying failure
   */
  public TlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
