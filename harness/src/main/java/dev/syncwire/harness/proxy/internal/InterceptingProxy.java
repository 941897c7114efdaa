package dev.syncwire.harness.proxy.internal;

import dev.syncwire.harness.proxy.LocalCa;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The fake's proxy mode, inside the fake's own Jetty server: a gate in front of its handlers
 * ({@link ProxyGate}), Jetty's {@code ConnectHandler} whose tunnels all end at a TLS connector of
 * this server on 127.0.0.1 ({@link LocalTunnels}), that connector (certificates from the local
 * CA, chosen by SNI) and, if asked, a plain connector of its own on another port. No tunnel and
 * no request ever leaves for the host a client names.
 */
public final class InterceptingProxy {
  private final LocalCa ca;
  private final String host;
  private final int proxyPort; // -1: CONNECT on the fake's own port
  private ServerConnector tls;
  private ServerConnector proxyConnector;

  /**
   * @param host the address the fake binds, where a separate proxy port binds too
   * @param proxyPort a port of its own (0: a free one), or -1 for the fake's port
   */
  public InterceptingProxy(LocalCa ca, String host, int proxyPort) {
    this.ca = ca;
    this.host = host;
    this.proxyPort = proxyPort;
  }

  /** Adds the TLS connector (and the proxy port's) to {@code server} before it starts. */
  public void configure(Server server) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(ca.serverContext());
    ssl.setSniRequired(false);
    HttpConfiguration secure = new HttpConfiguration();
    secure.setSendServerVersion(false);
    // Names are checked by ProxyGate; Jetty's own SNI/Host check knows nothing of minted certificates.
    secure.addCustomizer(new SecureRequestCustomizer(false));
    // Tunnels reach it from this process only, so it binds loopback whatever the fake binds.
    tls = new ServerConnector(server, 0, 1, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(secure));
    tls.setHost("127.0.0.1");
    tls.setPort(0);
    tls.setName("syncwire-proxy-tls");
    tls.addBean(new UntrustedCaNotice(ca));
    server.addConnector(tls);
    if (proxyPort >= 0) {
      HttpConfiguration plain = new HttpConfiguration();
      plain.setSendServerVersion(false);
      proxyConnector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(plain));
      proxyConnector.setHost(host);
      proxyConnector.setPort(proxyPort);
      proxyConnector.setName("syncwire-proxy");
      server.addConnector(proxyConnector);
    }
  }

  /** {@code inner} (the fake's handlers) behind the gate and the tunnel handler. */
  public Handler wrap(Handler inner) {
    LocalTunnels tunnels = new LocalTunnels(() -> tls.getLocalPort());
    tunnels.setHandler(inner);
    return new ProxyGate(tunnels, () -> tls, () -> proxyConnector);
  }

  /** The port clients send proxy requests to: the proxy port's, or {@code fakePort}. */
  public int port(int fakePort) {
    return proxyConnector == null ? fakePort : proxyConnector.getLocalPort();
  }
}
