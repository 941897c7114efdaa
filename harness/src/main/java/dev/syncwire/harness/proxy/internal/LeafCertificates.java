package dev.syncwire.harness.proxy.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Server certificates for Twilio's host names, signed by the local CA, minted on first use and
 * kept in memory (all with one key pair, as mitmproxy does), and the TLS context that presents
 * the one the client's SNI names.
 */
public final class LeafCertificates {
  /** What a client that sends no SNI gets. */
  static final String DEFAULT_NAME = "sync.twilio.com";

  private final X509Certificate signer;
  private final KeyPair signerKeys;
  private final KeyPair leafKeys;
  private final Map<String, X509Certificate[]> chains = new ConcurrentHashMap<>();

  /** Leaves signed by {@code signer} (the CA's intermediate) with {@code signerKeys}. */
  public LeafCertificates(X509Certificate signer, KeyPair signerKeys) {
    this.signer = signer;
    this.signerKeys = signerKeys;
    try {
      this.leafKeys = CaFiles.newKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a key for syncwire's certificates (" + e.getMessage() + ")", e);
    }
  }

  /** The leaf for {@code hostName} then the signer (clients hold the root). */
  public X509Certificate[] chain(String hostName) {
    String name = hostName.toLowerCase(Locale.ROOT);
    if (!TwilioHosts.isTwilio(name)) {
      throw new IllegalArgumentException("syncwire's CA signs for twilio.com and its subdomains only, not '" + hostName + "'");
    }
    return chains.computeIfAbsent(name, n -> new X509Certificate[] {
        CaFiles.signLeaf(signer, signerKeys.getPrivate(), n, leafKeys.getPublic()), signer}).clone();
  }

  public SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new SniKeyManager()}, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the proxy's TLS context (" + e.getMessage() + ")", e);
    }
  }

  /** Chooses, per handshake, the certificate for the name the client asked for (its SNI). */
  private final class SniKeyManager extends X509ExtendedKeyManager {
    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return alias(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return alias(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    private String alias(String keyType, SSLSession session) {
      if (!"EC".equals(keyType)) {
        return null; // the one key is EC; JSSE asks again with EC
      }
      if (session instanceof ExtendedSSLSession extended) {
        for (SNIServerName name : extended.getRequestedServerNames()) {
          if (name instanceof SNIHostName host && TwilioHosts.isTwilio(host.getAsciiName().toLowerCase(Locale.ROOT))) {
            return host.getAsciiName().toLowerCase(Locale.ROOT);
          }
        }
      }
      return DEFAULT_NAME;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return alias != null && TwilioHosts.isTwilio(alias) ? chain(alias) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return alias != null && TwilioHosts.isTwilio(alias) ? leafKeys.getPrivate() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
