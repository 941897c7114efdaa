package dev.syncwire.harness.proxy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime needs to reach the fake through its proxy, unmodified: the proxy's URL and trust
 * in the {@link LocalCa}. One table for {@code ./syncwire ca}, {@code up --proxy}'s export lines,
 * {@code --env-file} and {@code exec --proxy}.
 *
 * <pre>{@code
 * ProxySettings settings = ProxySettings.of(fake.proxyUrl(), ca);
 * new ProcessBuilder("node", "app.js").environment().putAll(settings.environment());
 * List<String> java = settings.javaSystemProperties(); // -Dhttps.proxyHost=127.0.0.1 ...
 * }</pre>
 *
 * <p>How each client picks them up: twilio-node 5 reads {@code HTTP_PROXY} only (upper case, for
 * its HTTPS requests too, through https-proxy-agent; it ignores {@code HTTPS_PROXY} and
 * {@code NO_PROXY}) and trusts what Node trusts, so {@code NODE_EXTRA_CA_CERTS}; twilio-java's
 * {@code NetworkHttpClient} builds its client with {@code useSystemProperties()}, so
 * {@code https.proxyHost}/{@code https.proxyPort} and {@code javax.net.ssl.trustStore}; Python's
 * requests reads {@code HTTPS_PROXY} and {@code REQUESTS_CA_BUNDLE}; curl reads
 * {@code https_proxy} and {@code CURL_CA_BUNDLE}; Go, Ruby and OpenSSL-based clients read
 * {@code HTTPS_PROXY} and {@code SSL_CERT_FILE}. {@code NO_PROXY} keeps calls to this machine
 * (the receiver, the control API) direct.
 */
public final class ProxySettings {
  /** Hosts every client reaches without the proxy: this machine, where the receiver and control API are. */
  public static final String NO_PROXY = "127.0.0.1,localhost";

  private final String proxyUrl;
  private final String proxyHost;
  private final int proxyPort;
  private final LocalCa ca;

  private ProxySettings(String proxyUrl, LocalCa ca) {
    URI uri = URI.create(proxyUrl);
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("proxyUrl must be http://HOST:PORT, got '" + proxyUrl + "'");
    }
    this.proxyUrl = proxyUrl;
    this.proxyHost = uri.getHost();
    this.proxyPort = uri.getPort();
    this.ca = ca;
  }

  /** Settings for the proxy at {@code proxyUrl} ({@code SyncApiFake.proxyUrl()}) and the CA it presents. */
  public static ProxySettings of(String proxyUrl, LocalCa ca) {
    return new ProxySettings(Objects.requireNonNull(proxyUrl, "proxyUrl"), Objects.requireNonNull(ca, "ca"));
  }

  public String proxyUrl() {
    return proxyUrl;
  }

  /**
   * The variables, in order: the proxy (both cases, as each tool reads one or the other),
   * {@code NO_PROXY}, the CA for Node, Python, OpenSSL and curl, and {@code JAVA_TOOL_OPTIONS}
   * with {@link #javaSystemProperties()}.
   */
  public Map<String, String> environment() {
    String pem = ca.certificateFile().toString();
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("HTTPS_PROXY", proxyUrl);
    variables.put("HTTP_PROXY", proxyUrl);
    variables.put("https_proxy", proxyUrl);
    variables.put("http_proxy", proxyUrl);
    variables.put("NO_PROXY", NO_PROXY);
    variables.put("no_proxy", NO_PROXY);
    variables.put("NODE_EXTRA_CA_CERTS", pem);
    variables.put("REQUESTS_CA_BUNDLE", pem);
    variables.put("SSL_CERT_FILE", pem);
    variables.put("CURL_CA_BUNDLE", pem);
    variables.put("JAVA_TOOL_OPTIONS", String.join(" ", javaSystemProperties()));
    return variables;
  }

  /**
   * {@code -Dhttps.proxyHost}, {@code -Dhttps.proxyPort}, the same for http, {@code -Dhttp.nonProxyHosts}
   * and the trust store with its password. The trust store holds syncwire's CA only, so the JVM
   * trusts nothing else over HTTPS: what proxy mode allows anyway.
   */
  public List<String> javaSystemProperties() {
    return List.of(
        "-Dhttps.proxyHost=" + proxyHost,
        "-Dhttps.proxyPort=" + proxyPort,
        "-Dhttp.proxyHost=" + proxyHost,
        "-Dhttp.proxyPort=" + proxyPort,
        "-Dhttp.nonProxyHosts=127.0.0.1|localhost",
        "-Djavax.net.ssl.trustStore=" + ca.truststoreFile(),
        "-Djavax.net.ssl.trustStorePassword=" + LocalCa.TRUSTSTORE_PASSWORD);
  }

  /** {@code --proxy URL --cacert ca.pem}. */
  public List<String> curlArguments() {
    return List.of("--proxy", proxyUrl, "--cacert", ca.certificateFile().toString());
  }
}
