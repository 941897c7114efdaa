package dev.syncwire.receiver.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The inspector page: {@code GET /} for a browser and its files under {@code /ui/}, read once from
 * the jar. A fixed list of files, so no path from a request ever reaches the class loader.
 */
final class InspectorPage {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final String FOLDER = "/dev/syncwire/receiver/ui/";
  private static final HttpField CSP_HEADER = new PreEncodedHttpField("Content-Security-Policy", CSP);
  private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  // The files change with the jar only, but a browser must not keep last version's script beside this version's page.
  private static final HttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache");
  private static final HttpField REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");

  private record File(byte[] bytes, HttpField contentType) {}

  private final Map<String, File> files;

  private InspectorPage(Map<String, File> files) {
    this.files = files;
  }

  static InspectorPage fromJar() {
    return new InspectorPage(Map.of(
        "index.html", read("index.html", "text/html; charset=utf-8"),
        "inspector.css", read("inspector.css", "text/css; charset=utf-8"),
        "inspector.js", read("inspector.js", "text/javascript; charset=utf-8"),
        "favicon.svg", read("favicon.svg", "image/svg+xml")));
  }

  /** Whether the root was asked for by a browser: its {@code Accept} names HTML (curl and SDKs send {@code *}{@code /*}). */
  static boolean wantsHtml(Request request) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return accept != null && accept.contains("text/html");
  }

  void sendIndex(Response response, Callback callback) {
    send(files.get("index.html"), response, callback);
  }

  /** {@code /ui/<name>}; a name not in the list is a 404 naming the files there are. */
  void sendFile(String name, Response response, Callback callback) {
    File file = files.get(name);
    if (file == null) {
      throw ApiError.of(404, "not_found", "path", "route", "/ui/" + name,
          "nothing at /ui/" + name + "; the inspector's files are " + String.join(", ", new TreeSet<>(files.keySet()))
              + " (open / in a browser)");
    }
    send(file, response, callback);
  }

  private static void send(File file, Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(file.contentType()).put(CSP_HEADER).put(NOSNIFF).put(NO_CACHE).put(REFERRER);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, file.bytes().length);
    response.write(true, ByteBuffer.wrap(file.bytes()), callback);
  }

  private static File read(String name, String contentType) {
    try (InputStream in = InspectorPage.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("the receiver jar lacks " + FOLDER + name + "; rebuild it");
      }
      return new File(in.readAllBytes(), new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + FOLDER + name + " from the receiver jar", e);
    }
  }
}
