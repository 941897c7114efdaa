package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncwire.harness.proxy.LocalCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --proxy} on {@code exec}, {@code up} and {@code fake}, and {@code ./syncwire ca}, run as a
 * user runs them: unmodified twilio-node (clients/node's node_modules, no baseUrl line) and curl
 * reach the fake with nothing but the variables syncwire sets, and bad flags exit 2.
 */
class ProxyCliTest {
  /** clients/node's node_modules, where twilio-node is (npm ci in clients/node; .ci/run does it first). */
  static final Path NODE_MODULES = Path.of("../clients/node/node_modules").toAbsolutePath().normalize();

  /** Unmodified twilio-node, then waits (10 s at most) for the document's webhook at the receiver. */
  static final String NODE_CREATE_AND_AWAIT_WEBHOOK = """
      const twilio = require('twilio');
      const e = process.env;
      (async () => {
        const doc = await twilio(e.TWILIO_ACCOUNT_SID, e.TWILIO_AUTH_TOKEN).sync.v1.services(e.TWILIO_SYNC_SERVICE_SID)
          .documents.create({ uniqueName: 'node-doc', data: { from: 'twilio-node' } });
        console.log('created ' + doc.url);
        const deadline = Date.now() + 10000;
        while (Date.now() < deadline) {
          const answer = await (await fetch(e.SYNCWIRE_RECEIVER_URL + '/api/events?type=document_created&object=node-doc')).json();
          if (answer.count > 0) {
            console.log('webhook ' + answer.events[0].eventType + ' ' + answer.events[0].signature);
            process.exit(0);
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        console.error('no document_created webhook reached the receiver within 10 s');
        process.exit(1);
      })().catch((error) => { console.error(error); process.exit(1); });
      """;

  @TempDir
  Path dir;

  @Test
  void unmodifiedTwilioNodeUnderExecProxyCreatesStateWhoseSignedWebhookReachesTheReceiver() throws Exception {
    SyncwireProcess syncwire = SyncwireProcess.start(dir, Map.of("NODE_PATH", nodeModules()), List.of(),
        "exec", "--proxy", "--ca-dir", dir.resolve("ca").toString(), "--", "node", "-e", NODE_CREATE_AND_AWAIT_WEBHOOK);

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isZero();
    assertThat(syncwire.out()).matches("created https://sync\\.twilio\\.com/v1/Services/IS[0-9a-f]{32}/Documents/ET[0-9a-f]{32}\n"
        + "webhook document_created valid\n");
    assertThat(syncwire.err()).contains("  proxy:     http://127.0.0.1:", "HTTPS_PROXY, HTTP_PROXY, https_proxy, http_proxy,"
        + " NO_PROXY, no_proxy, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE, CURL_CA_BUNDLE, JAVA_TOOL_OPTIONS");
  }

  @Test
  void theReadmeProxyExampleRunsAsPasted() throws Exception {
    String app = readmeSnippet("proxy-node");
    assertThat(readmeSnippet("proxy-commands")).isEqualTo("./syncwire ca\n./syncwire exec --proxy -- node app.js\n");
    Files.writeString(dir.resolve("app.js"), app);
    // ./syncwire is this module's code, run in the folder of app.js; ~/.syncwire is the test folder's, as on a first run.
    Map<String, String> env = Map.of("NODE_PATH", nodeModules());
    List<String> home = List.of("-Duser.home=" + dir);
    SyncwireProcess ca = SyncwireProcess.startIn(dir, env, home, "ca");
    assertThat(ca.exitCode()).as(ca.toString()).isZero();
    assertThat(ca.out()).contains(dir.resolve(".syncwire/ca/ca.pem").toString());
    SyncwireProcess syncwire = SyncwireProcess.startIn(dir, env, home, "exec", "--proxy", "--", "node", "app.js");

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isZero();
    assertThat(syncwire.out()).matches("created ET[0-9a-f]{32} https://sync\\.twilio\\.com/v1/Services/IS[0-9a-f]{32}/Documents/ET[0-9a-f]{32}\n");
    assertThat(syncwire.err()).containsPattern("document_created +app-config +signature=valid");
  }

  @Test
  void curlUnderExecProxyCreatesState() throws Exception {
    String create = "curl -sS -u \"$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN\" --data-urlencode UniqueName=curl-doc"
        + " https://sync.twilio.com/v1/Services/$TWILIO_SYNC_SERVICE_SID/Documents";
    SyncwireProcess syncwire = SyncwireProcess.start(dir, "exec", "--proxy", "--ca-dir", dir.resolve("ca").toString(),
        "--", "sh", "-c", create);

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isZero();
    assertThat(syncwire.out()).contains("\"unique_name\":\"curl-doc\"", "\"url\":\"https://sync.twilio.com/v1/Services/IS");
    assertThat(syncwire.err()).containsPattern("document_created +curl-doc +signature=valid");
  }

  @Test
  void aClientThatDoesNotTrustTheCaFailsItsHandshakeAndTheLogNamesTheFix() throws Exception {
    Path caDir = dir.resolve("ca");
    // The client trusts a CA, just not this one: another syncwire CA, made elsewhere.
    Path otherCa = LocalCa.loadOrCreate(dir.resolve("other-ca")).certificateFile();
    SyncwireProcess up = SyncwireProcess.start(dir, "up", "--proxy", "--ca-dir", caDir.toString(), "--port", "0", "--fake-port", "0");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> up.out().contains("Press Ctrl-C") || !up.process.isAlive());
      String proxy = find(up.out(), "  export HTTPS_PROXY=(http://127\\.0\\.0\\.1:\\d+)\n");
      Process curl = new ProcessBuilder("curl", "-sS", "--proxy", proxy, "--cacert", otherCa.toString(),
          "https://sync.twilio.com/v1/Services").redirectErrorStream(true).start();
      String said = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(curl.waitFor()).as(said).isEqualTo(60); // curl: peer certificate cannot be authenticated

      String pem = caDir.toAbsolutePath().resolve("ca.pem").toString();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(up.err()).contains(
          "proxy: a client's TLS handshake failed (",
          "): the client does not trust syncwire's CA: set NODE_EXTRA_CA_CERTS=" + pem + " (Node), -Djavax.net.ssl.trustStore="
              + caDir.toAbsolutePath().resolve("truststore.p12") + " -Djavax.net.ssl.trustStorePassword=changeit (Java),"
              + " REQUESTS_CA_BUNDLE=" + pem + " (Python) or curl --cacert " + pem + "; ./syncwire ca prints them all."));
    } finally {
      up.process.destroy();
      up.exitCode();
    }
  }

  @Test
  void aProxyPortOfItsOwnServesThereAndTheVariablesNameIt() throws Exception {
    String script = "echo \"$HTTPS_PROXY $SYNCWIRE_SYNC_BASE_URL\"; curl -sS -o /dev/null -w '%{http_code}\\n'"
        + " -u \"$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN\" https://sync.twilio.com/v1/Services/$TWILIO_SYNC_SERVICE_SID";
    SyncwireProcess syncwire = SyncwireProcess.start(dir, "exec", "--proxy", "--proxy-port", "0", "--ca-dir",
        dir.resolve("ca").toString(), "--", "sh", "-c", script);

    assertThat(syncwire.exitCode()).as(syncwire.toString()).isZero();
    String[] lines = syncwire.out().split("\n");
    Matcher urls = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+) http://127\\.0\\.0\\.1:(\\d+)").matcher(lines[0]);
    assertThat(urls.matches()).as(syncwire.toString()).isTrue();
    assertThat(urls.group(1)).isNotEqualTo(urls.group(2));
    assertThat(lines[1]).isEqualTo("200");
  }

  @Test
  void upWithProxyPrintsTheExportLinesAndWritesThemToTheEnvFile() throws Exception {
    Path caDir = dir.resolve("ca");
    Path envFile = dir.resolve(".env.syncwire");
    Cli cli = Cli.run("up", "--proxy", "--ca-dir", caDir.toString(), "--port", "0", "--fake-port", "0", "--env-file", envFile.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    String proxy = find(cli.out(), "  export HTTPS_PROXY=(http://127\\.0\\.0\\.1:\\d+)\n");
    String pem = caDir.toAbsolutePath().resolve("ca.pem").toString();
    assertThat(cli.out()).contains("  export HTTP_PROXY=" + proxy + "\n", "  export https_proxy=" + proxy + "\n",
        "  export http_proxy=" + proxy + "\n", "  export NO_PROXY=127.0.0.1,localhost\n",
        "  export NODE_EXTRA_CA_CERTS=" + pem + "\n", "  export REQUESTS_CA_BUNDLE=" + pem + "\n",
        "  export SSL_CERT_FILE=" + pem + "\n", "  export CURL_CA_BUNDLE=" + pem + "\n",
        "  export JAVA_TOOL_OPTIONS='-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + proxy.substring(proxy.lastIndexOf(':') + 1));
    assertThat(cli.out()).contains("  proxy:     " + proxy + "  (HTTPS_PROXY for unmodified code");
    // The fake's own base URL is the proxy's: CONNECT on the fake's port.
    assertThat(cli.out()).contains("  export SYNCWIRE_SYNC_BASE_URL=" + proxy + "\n");
    assertThat(caDir.resolve("ca-key.pem")).exists();
  }

  @Test
  void fakeWithProxyPrintsTheProxyVariables() {
    Cli cli = Cli.run("fake", "--proxy", "--port", "0", "--ca-dir", dir.resolve("ca").toString());

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(cli.out()).containsPattern("  export HTTPS_PROXY=http://127\\.0\\.0\\.1:\\d+\n")
        .contains("  export NODE_EXTRA_CA_CERTS=" + dir.resolve("ca/ca.pem").toAbsolutePath(),
            "Proxy: http://127.0.0.1:");
  }

  @Test
  void caPrintsTheFilesAndEachRuntimesSettingsAndReusesTheCa() {
    Path caDir = dir.resolve("ca");
    Cli first = Cli.run("ca", "--ca-dir", caDir.toString());
    Cli second = Cli.run("ca", "--ca-dir", caDir.toString(), "--proxy-port", "4011");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    String pem = caDir.toAbsolutePath().resolve("ca.pem").toString();
    String p12 = caDir.toAbsolutePath().resolve("truststore.p12").toString();
    assertThat(first.out()).contains("syncwire CA in " + caDir.toAbsolutePath() + " (made now), for twilio.com and its subdomains only:",
        pem, p12, "password changeit",
        "Node (twilio-node reads HTTP_PROXY",
        "  export HTTP_PROXY=http://127.0.0.1:4010 NO_PROXY=127.0.0.1,localhost NODE_EXTRA_CA_CERTS=" + pem + "\n",
        "  java -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=4010 ",
        " -Djavax.net.ssl.trustStore=" + p12 + " -Djavax.net.ssl.trustStorePassword=changeit ...\n",
        "  export HTTPS_PROXY=http://127.0.0.1:4010 NO_PROXY=127.0.0.1,localhost REQUESTS_CA_BUNDLE=" + pem + "\n",
        "  curl --proxy http://127.0.0.1:4010 --cacert " + pem + " ");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("syncwire CA in " + caDir.toAbsolutePath() + ", for").doesNotContain("made now")
        .contains("  export HTTP_PROXY=http://127.0.0.1:4011 ");
    assertThat(LocalCa.loadOrCreate(caDir).certificate()).isEqualTo(LocalCa.loadOrCreate(caDir).certificate());
  }

  @Test
  void badProxyFlagsExit2NamingTheFlagTheRuleAndTheValue() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

    assertBad(Cli.run("up", "--proxy-port", "9000", "--port", "0", "--fake-port", "0"),
        "--proxy-port 9000 needs --proxy: it says where the proxy listens. Add --proxy, or drop --proxy-port.");
    assertBad(Cli.run("exec", "--ca-dir", dir.toString(), "--", "true"),
        "--ca-dir " + dir + " needs --proxy: the CA is what the proxy presents.");
    assertBad(Cli.run("up", "--proxy", "--ca-dir", dir.resolve("ca").toString(), "--port", "0", "--fake-port", "4999",
        "--proxy-port", "4999"), "--proxy-port 4999 is the fake's port (--fake-port 4999); the proxy already answers there");
    assertBad(Cli.run("fake", "--proxy", "--ca-dir", file.toString()),
        "Invalid value for option '--ca-dir': " + file + " is a file, not a folder; give a folder (made if missing)");
    assertBad(Cli.run("fake", "--proxy", "--proxy-port", "http"),
        "Invalid value for option '--proxy-port': 'http' is not a port number; give 0 to 65535");
    assertBad(Cli.run("ca", "--proxy-port", "0"), "Invalid value for option '--proxy-port': 0 picks a free port");
    assertBad(Cli.run("fake", "--proxy", "--ca-dir", file.resolve("ca").toString()), "--ca-dir " + file.resolve("ca") + ": cannot keep syncwire's CA");
  }

  private static void assertBad(Cli cli, String message) {
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).as(cli.toString()).contains(message);
    assertThat(cli.out()).as("nothing started").isEmpty();
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  private static String nodeModules() {
    assertThat(NODE_MODULES.resolve("twilio")).as("twilio-node; run npm ci in clients/node").isDirectory();
    return NODE_MODULES.toString();
  }

  private static String readmeSnippet(String name) throws Exception {
    Matcher m = Pattern.compile("<!-- readme-snippet: " + name + " -->\n```\\w*\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE)
        .matcher(Files.readString(Path.of("../README.md")));
    assertThat(m.find()).as("README.md has a block tagged readme-snippet: " + name).isTrue();
    return m.group(1);
  }
}
