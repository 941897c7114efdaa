package dev.syncwire.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, for requests no HTTP client will send: oversized or malformed
 * headers, a body shorter than its Content-Length. Reads the answer until the server closes.
 */
final class RawHttp {
  /** One answer: status, headers (names lower case, last value wins) and body. */
  record Answer(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return WebhookClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  /** How the request ends once written. */
  enum Then {
    /** Keep sending nothing and wait for the answer. */
    WAIT,
    /** Shut down our output (the server reads end-of-stream), then wait for the answer. */
    HALF_CLOSE
  }

  private RawHttp() {}

  static Answer exchange(int port, String request) {
    return exchange(port, request, Then.WAIT);
  }

  static Answer exchange(int port, String request, Then then) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      if (then == Then.HALF_CLOSE) {
        socket.shutdownOutput();
      }
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(in);
      return parse(in.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete answer: '" + raw + "'");
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new Answer(status, headers, raw.substring(end + 4));
  }
}
