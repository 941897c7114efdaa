package dev.syncwire.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** What the benchmarks read from their command line and from their server JVM's first line. */
final class BenchArgs {
  private BenchArgs() {}

  /** {@code --name value} pairs; {@code example} shows the accepted names in the error. */
  static Map<String, String> options(String[] args, String example) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs (" + example + "); received "
            + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  /**
   * Reads the server JVM's output up to its {@code ports} line and returns that line as a map; what
   * the JVM or an agent printed first (-Xlog, JFR's "Started recording") goes to standard error.
   */
  static Map<String, String> ports(BufferedReader out) throws IOException {
    String line = out.readLine();
    while (line != null && !line.startsWith("ports ")) {
      System.err.println("server: " + line);
      line = out.readLine();
    }
    return ports(line);
  }

  /** The server JVM's {@code ports name=port ...} line, as a map. */
  static Map<String, String> ports(String line) {
    if (line == null || !line.startsWith("ports ")) {
      throw new IllegalStateException("the server JVM did not print its ports; it printed: " + line);
    }
    Map<String, String> ports = new HashMap<>();
    for (String pair : line.substring("ports ".length()).split(" ")) {
      String[] kv = pair.split("=", 2);
      ports.put(kv[0], kv[1]);
    }
    return ports;
  }
}
