package dev.syncwire.cli;

import dev.syncwire.harness.fake.SyncApiFake;
import dev.syncwire.harness.proxy.LocalCa;
import dev.syncwire.harness.proxy.ProxySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --proxy}, {@code --proxy-port} and {@code --ca-dir} for {@code fake}, {@code up} and
 * {@code exec}: unmodified code that calls https://sync.twilio.com reaches the fake through an
 * HTTPS proxy, trusting syncwire's local CA.
 */
final class ProxyOptions {
  @Option(names = "--proxy",
      description = "Also be an HTTPS proxy (CONNECT) for unmodified code: sync.twilio.com is answered by the fake,"
          + " other Twilio hosts get a 502, anything else a 403; nothing leaves this machine. Prints the settings.")
  boolean enabled;

  @Option(names = "--proxy-port", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "With --proxy: listen for proxy requests on this port (0 for a free one) instead of the fake's.")
  Integer port;

  @Option(names = "--ca-dir", paramLabel = "DIR", converter = OptionValues.CaDir.class,
      description = "With --proxy: the folder of syncwire's CA, made there on first use. Default: ~/.syncwire/ca.")
  Path caDir;

  private LocalCa ca;

  /**
   * Checks the flags go together ({@code fakePortOption}/{@code fakePort}: the fake's, which
   * {@code --proxy-port} must differ from), loads or creates the CA and turns proxy mode on.
   */
  SyncApiFake.Builder apply(SyncApiFake.Builder builder, String fakePortOption, int fakePort) {
    if (!enabled) {
      if (port != null) {
        throw new StartupError("--proxy-port " + port + " needs --proxy: it says where the proxy listens. Add --proxy,"
            + " or drop --proxy-port.", null);
      }
      if (caDir != null) {
        throw new StartupError("--ca-dir " + caDir + " needs --proxy: the CA is what the proxy presents. Add --proxy,"
            + " or drop --ca-dir (./syncwire ca --ca-dir " + caDir + " prints a CA's settings).", null);
      }
      return builder;
    }
    if (port != null && port != 0 && port == fakePort) {
      throw new StartupError("--proxy-port " + port + " is the fake's port (" + fakePortOption + " " + fakePort
          + "); the proxy already answers there without --proxy-port. Give another port, or drop --proxy-port.", null);
    }
    ca = load(caDir);
    builder.proxy(ca);
    if (port != null) {
      builder.proxyPort(port);
    }
    return builder;
  }

  /** The CA in {@code dir} (null: the default folder), made there if missing; a failure names --ca-dir and the fix. */
  static LocalCa load(Path dir) {
    Path folder = dir == null ? LocalCa.defaultDir() : dir;
    try {
      return LocalCa.loadOrCreate(folder);
    } catch (IllegalStateException e) {
      throw new StartupError("--ca-dir " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The proxy's variables (none without --proxy). */
  Map<String, String> environment(SyncApiFake fake) {
    return fake.proxyUrl() == null ? Map.of() : ProxySettings.of(fake.proxyUrl(), fake.proxyCa()).environment();
  }

  /** The lines {@code fake} and {@code up} print about the proxy, after the export lines. */
  static void printBanner(PrintWriter out, SyncApiFake fake) {
    if (fake.proxyUrl() == null) {
      return;
    }
    LocalCa ca = fake.proxyCa();
    out.println("Proxy: " + fake.proxyUrl() + " answers https://sync.twilio.com (and its region and edge forms) from the fake,"
        + " with certificates from syncwire's CA " + ca.certificateFile() + " (twilio.com only).");
    out.println("  Unmodified code works with the proxy exports above; other Twilio hosts get a 502, other hosts a 403, nothing leaves this machine.");
    out.println("  Java: java " + String.join(" ", ProxySettings.of(fake.proxyUrl(), ca).javaSystemProperties().stream()
        .map(FakeOptions::shellWord).toList()) + " ...");
  }
}
