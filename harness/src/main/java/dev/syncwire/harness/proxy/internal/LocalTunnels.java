package dev.syncwire.harness.proxy.internal;

import java.net.InetSocketAddress;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.handler.ConnectHandler;

/**
 * Jetty's CONNECT tunnel, with every tunnel's far end at the proxy's own TLS connector on
 * 127.0.0.1: the host a client names is never resolved nor connected to.
 */
final class LocalTunnels extends ConnectHandler {
  private final IntSupplier tlsPort;

  LocalTunnels(IntSupplier tlsPort) {
    this.tlsPort = tlsPort;
  }

  @Override
  protected InetSocketAddress newConnectAddress(String host, int port) {
    return new InetSocketAddress("127.0.0.1", tlsPort.getAsInt());
  }

  @Override
  public boolean validateDestination(String host, int port) {
    return TwilioHosts.isTwilio(host); // ProxyGate has refused the rest already; this is the second lock
  }
}
