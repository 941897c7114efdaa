package dev.syncwire.harness.proxy.internal;

import dev.syncwire.harness.proxy.LocalCa;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed TLS handshake in the proxy into a log line that says how to trust the CA. */
final class UntrustedCaNotice implements SslHandshakeListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.syncwire.harness.proxy");
  private final LocalCa ca;

  UntrustedCaNotice(LocalCa ca) {
    this.ca = ca;
  }

  @Override
  public void handshakeFailed(Event event, Throwable failure) {
    LOG.warn(sentence(ca, String.valueOf(failure.getMessage())));
  }

  /** What the log says, given why the handshake failed. */
  static String sentence(LocalCa ca, String reason) {
    String pem = ca.certificateFile().toString();
    return "proxy: a client's TLS handshake failed (" + reason + "): the client does not trust syncwire's CA:"
        + " set NODE_EXTRA_CA_CERTS=" + pem + " (Node), -Djavax.net.ssl.trustStore=" + ca.truststoreFile()
        + " -Djavax.net.ssl.trustStorePassword=" + LocalCa.TRUSTSTORE_PASSWORD + " (Java), REQUESTS_CA_BUNDLE=" + pem
        + " (Python) or curl --cacert " + pem + "; ./syncwire ca prints them all.";
  }
}
