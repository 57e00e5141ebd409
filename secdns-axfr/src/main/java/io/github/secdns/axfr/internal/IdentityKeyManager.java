package io.github.secdns.axfr.internal;

import io.github.secdns.axfr.tls.TlsIdentity;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.annotation.Nullable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one {@link TlsIdentity} whatever the peer asks for: the XoT listener's certificate (a
 * server), or the prober's client certificate for a mutual-TLS listener (a client). There is
 * exactly one certificate to offer, and a peer that cannot use it fails the handshake, which is the
 * honest outcome. As a server it declines key types it cannot sign for (an EC key for an RSA
 * signature scheme), so that the JDK picks a signature scheme the key supports.
 */
public final class IdentityKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "identity";
  private final TlsIdentity identity;

  /**
   * Creates the key manager.
   *
   * @param identity the certificate chain and key to present
   */
  public IdentityKeyManager(TlsIdentity identity) {
    this.identity = identity;
  }

  private boolean fits(@Nullable String keyType) {
    String algorithm = identity.privateKey().getAlgorithm();
    return keyType == null
        || keyType.equals(algorithm)
        || (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS"))
        || (algorithm.equals("EC") && keyType.startsWith("EC"));
  }

  @Override
  @Nullable
  public String chooseEngineServerAlias(
      @Nullable String keyType, @Nullable Principal[] issuers, @Nullable SSLEngine engine) {
    return fits(keyType) ? ALIAS : null;
  }

  @Override
  @Nullable
  public String chooseServerAlias(
      @Nullable String keyType, @Nullable Principal[] issuers, @Nullable Socket socket) {
    return fits(keyType) ? ALIAS : null;
  }

  @Override
  @Nullable
  public String[] getServerAliases(@Nullable String keyType, @Nullable Principal[] issuers) {
    return fits(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String chooseEngineClientAlias(
      @Nullable String[] keyType, @Nullable Principal[] issuers, @Nullable SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public String chooseClientAlias(
      @Nullable String[] keyType, @Nullable Principal[] issuers, @Nullable Socket socket) {
    return ALIAS;
  }

  @Override
  public String[] getClientAliases(@Nullable String keyType, @Nullable Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  @Nullable
  public X509Certificate[] getCertificateChain(@Nullable String alias) {
    return ALIAS.equals(alias) ? identity.certificateChain().toArray(new X509Certificate[0]) : null;
  }

  @Override
  @Nullable
  public PrivateKey getPrivateKey(@Nullable String alias) {
    return ALIAS.equals(alias) ? identity.privateKey() : null;
  }
}
