package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.syncwire.fixtures.FormParams;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@code check-handler} run as users run it, against handlers on real ports. */
class CheckHandlerCommandTest {
  static final String TOKEN = "check-token-0123456789abcdef";

  @Test
  void aHandlerThatChecksSignaturesExitsZero() {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(TOKEN)) {
      Cli cli = Cli.run(Map.of("TWILIO_AUTH_TOKEN", TOKEN), "check-handler", "--url", handler.url());

      assertThat(cli.exitCode()).as(cli.toString()).isZero();
      assertThat(cli.out()).contains("CASE", "STATUS", "LATENCY", "VERDICT", "bad-signature", "403", "refused",
          "removed-after-gone", "0 findings");
    }
  }

  @Test
  void aCarelessHandlerExitsOneWithItsFaultsInJson() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Map<String, Set<String>> maps = new ConcurrentHashMap<>();
    server.createContext("/sync", exchange -> {
      Map<String, String> p = new java.util.HashMap<>();
      FormParams.parse(exchange.getRequestBody().readAllBytes()).asList().forEach(x -> p.put(x.name(), x.value()));
      int status = 200;
      try {
        switch (p.getOrDefault("EventType", "")) {
          case "map_created" -> maps.put(p.get("MapUniqueName"), new HashSet<>());
          case "map_item_added", "map_item_updated" -> maps.computeIfAbsent(p.get("MapUniqueName"), k -> new HashSet<>())
              .add(p.get("ItemKey"));
          case "map_item_removed" -> maps.get(p.get("MapUniqueName")).remove(p.get("ItemKey").trim());
          case "map_removed" -> maps.remove(p.get("MapUniqueName"));
          default -> { }
        }
      } catch (RuntimeException e) {
        status = 500;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sync";
      Cli cli = Cli.run("check-handler", "--url", url, "--auth-token", TOKEN, "--format", "json");

      assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
      JsonNode json = new ObjectMapper().readTree(cli.out());
      assertThat(json.get("tool").asText()).isEqualTo("check-handler");
      assertThat(json.get("findings").findValuesAsText("code"))
          .containsExactly("forged_accepted", "unsigned_accepted", "server_error", "server_error");
      assertThat(json.get("findings").findValuesAsText("severity")).containsExactly("security", "security", "crash", "crash");
      assertThat(json.get("findings").findValuesAsText("case"))
          .containsExactly("bad-signature", "no-signature", "missing-param", "removed-after-gone");

      Cli text = Cli.run("check-handler", "--url", url, "--auth-token", TOKEN);
      assertThat(text.exitCode()).isEqualTo(1);
      assertThat(text.out()).contains("SECURITY", "CRASH", "summary: ", "4 findings (2 security, 2 crash, 0 warning, 0 error)");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void badFlagsExitTwoNamingTheFlagTheRuleAndTheValue() {
    Cli remote = Cli.run("check-handler", "--url", "http://192.0.2.1:3000/sync", "--auth-token", TOKEN);
    assertThat(remote.exitCode()).isEqualTo(2);
    assertThat(remote.err()).startsWith("--url: http://192.0.2.1:3000/sync is not on this machine").contains("--allow-remote");

    Cli format = Cli.run("check-handler", "--url", "http://127.0.0.1:1/sync", "--auth-token", TOKEN, "--format", "xml");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).startsWith("Invalid value for option '--format': 'xml' is not a format;"
        + " give text (for people) or json (one document, for CI)");

    Cli noToken = Cli.run("check-handler", "--url", "http://127.0.0.1:1/sync");
    assertThat(noToken.exitCode()).isEqualTo(2);
    assertThat(noToken.err()).contains("give --auth-token TOKEN (or set $TWILIO_AUTH_TOKEN)");

    Cli timeout = Cli.run("check-handler", "--url", "http://127.0.0.1:1/sync", "--auth-token", TOKEN, "--timeout", "soon");
    assertThat(timeout.exitCode()).isEqualTo(2);
    assertThat(timeout.err()).contains("Invalid value for option '--timeout'", "'soon' is not a duration");

    Cli url = Cli.run("check-handler", "--url", "localhost:3000", "--auth-token", TOKEN);
    assertThat(url.exitCode()).isEqualTo(2);
    assertThat(url.err()).contains("Invalid value for option '--url'", "'localhost:3000'");

    Cli key = Cli.run("check-handler", "--url", "http://127.0.0.1:1/sync", "--signing-key", "nocolon");
    assertThat(key.exitCode()).isEqualTo(2);
    assertThat(key.err()).contains("Invalid value for option '--signing-key'", "a signing key is KEY_ID:SECRET");
  }
}
