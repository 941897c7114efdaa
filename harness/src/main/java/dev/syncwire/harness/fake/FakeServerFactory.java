package dev.syncwire.harness.fake;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty12.Jetty12HttpServer;
import dev.syncwire.harness.proxy.internal.InterceptingProxy;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * WireMock's own Jetty 12 server with the fake's handlers in front of WireMock's: the fast path
 * (null: none) and, outside it, the proxy (null: none) with its connectors.
 */
final class FakeServerFactory {
  private FakeServerFactory() {}

  static HttpServerFactory of(SyncFastPath fastPath, InterceptingProxy proxy) {
    return (options, admin, stubs) -> new Jetty12HttpServer(options, admin, stubs) {
      @Override
      protected Handler createHandler(Options o, AdminRequestHandler a, StubRequestHandler s) {
        // Called from the super constructor; captured values are already set (javac stores them first).
        Handler handler = super.createHandler(o, a, s);
        if (fastPath != null) {
          fastPath.setHandler(handler);
          handler = fastPath;
        }
        return proxy == null ? handler : proxy.wrap(handler);
      }

      @Override
      protected void applyAdditionalServerConfiguration(Server server, Options o) {
        super.applyAdditionalServerConfiguration(server, o);
        if (proxy != null) {
          proxy.configure(server);
        }
      }
    };
  }
}
