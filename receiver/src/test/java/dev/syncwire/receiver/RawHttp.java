package dev.syncwire.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, for requests no HTTP client will send: oversized or malformed
 * headers, a body shorter than its Content-Length. Reads one answer.
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
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One answer: headers, then Content-Length bytes of body (or up to the close without one). */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IllegalStateException("the server closed before a complete answer: '" + head + "'");
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }
}
