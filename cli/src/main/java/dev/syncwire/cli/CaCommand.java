package dev.syncwire.cli;

import dev.syncwire.harness.proxy.LocalCa;
import dev.syncwire.harness.proxy.ProxySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code syncwire ca}: where syncwire's CA is and what each runtime needs to use the proxy with it. */
@Command(
    name = "ca",
    mixinStandardHelpOptions = true,
    description = {
      "Print where syncwire's CA is and what each runtime needs for --proxy.",
      "Node, Java, Python and curl: the proxy and the CA to trust, ready to paste.",
      "The CA (made on first use) signs certificates for twilio.com and its subdomains",
      "only: a name constraint every TLS client checks, and its root key is not kept.",
      ""
    },
    footer = {"", "Example: syncwire ca   (then: syncwire up --proxy, and run your code with the printed settings)"})
final class CaCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--ca-dir", paramLabel = "DIR", converter = OptionValues.CaDir.class,
      description = "The CA's folder, made there on first use. Default: ~/.syncwire/ca.")
  Path caDir;

  @Option(names = "--proxy-port", defaultValue = "4010", paramLabel = "PORT", converter = OptionValues.Port.class,
      description = "The port the proxy listens on, for the settings printed: up's --fake-port, or its --proxy-port."
          + " Default: ${DEFAULT-VALUE}.")
  int proxyPort;

  @Override
  public Integer call() {
    if (proxyPort == 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--proxy-port': 0 picks"
          + " a free port when syncwire starts, so no settings can name it; give the port the proxy listens on, e.g. 4010");
    }
    Path folder = caDir == null ? LocalCa.defaultDir() : caDir;
    boolean existed = Files.exists(folder.resolve(LocalCa.CERTIFICATE_FILE));
    LocalCa ca = ProxyOptions.load(caDir);
    ProxySettings settings = ProxySettings.of("http://127.0.0.1:" + proxyPort, ca);
    Map<String, String> env = settings.environment();
    String pem = ca.certificateFile().toString();
    PrintWriter out = spec.commandLine().getOut();
    out.println("syncwire CA in " + ca.dir() + (existed ? "" : " (made now)") + ", for twilio.com and its subdomains only:");
    Map<Path, String> files = new java.util.LinkedHashMap<>();
    files.put(ca.certificateFile(), "trust this (the root certificate)");
    files.put(ca.truststoreFile(), "the same for Java (PKCS#12, password " + LocalCa.TRUSTSTORE_PASSWORD + ")");
    files.put(ca.dir().resolve(LocalCa.SIGNER_FILE), "the intermediate that signs each host's certificate");
    files.put(ca.keyFile(), "its key (owner-only); the root's key is not kept");
    int width = files.keySet().stream().mapToInt(file -> file.toString().length()).max().orElse(0);
    files.forEach((file, what) -> out.println("  " + String.format("%-" + width + "s", file) + "  " + what));
    out.println();
    out.println("For the proxy at " + settings.proxyUrl() + " (syncwire up --proxy; --proxy-port N here for another port):");
    out.println("Node (twilio-node reads HTTP_PROXY, for https too; Node trusts NODE_EXTRA_CA_CERTS):");
    out.println("  export HTTP_PROXY=" + settings.proxyUrl() + " NO_PROXY=" + ProxySettings.NO_PROXY + " NODE_EXTRA_CA_CERTS=" + pem);
    out.println("Java (twilio-java's NetworkHttpClient uses the system properties):");
    out.println("  java " + String.join(" ", settings.javaSystemProperties().stream().map(FakeOptions::shellWord).toList()) + " ...");
    out.println("  or: export JAVA_TOOL_OPTIONS=" + FakeOptions.shellWord(env.get("JAVA_TOOL_OPTIONS")));
    out.println("Python (requests):");
    out.println("  export HTTPS_PROXY=" + settings.proxyUrl() + " NO_PROXY=" + ProxySettings.NO_PROXY + " REQUESTS_CA_BUNDLE=" + pem);
    out.println("curl:");
    out.println("  curl --proxy " + settings.proxyUrl() + " --cacert " + pem
        + " -u \"$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN\" https://sync.twilio.com/v1/Services");
    out.println("Everything at once: syncwire up --proxy --env-file FILE writes them all; syncwire exec --proxy -- COMMAND sets them.");
    out.flush();
    return 0;
  }
}
