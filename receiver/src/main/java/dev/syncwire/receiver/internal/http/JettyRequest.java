package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.receiver.internal.signature.SignedRequest;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * Reads a Jetty request once into a {@link RawRequest} (what the receiver records), and makes the
 * {@link SignedRequest} from that record plus the two things only the connection knows: its
 * scheme and, when there is no {@code Host} header, the server's address. The signature code
 * never sees Jetty.
 */
final class JettyRequest {
  private JettyRequest() {}

  /** The request as it arrived: method, path with query, content type, every header in order, {@code body}. */
  static RawRequest raw(Request request, byte[] body) {
    return RawRequest.ofHeaderPairs(request.getMethod(), request.getHttpURI().getPathQuery(),
        request.getHeaders().get(HttpHeader.CONTENT_TYPE), headerPairs(request), body);
  }

  /**
   * What the signature validator checks: {@code raw}'s URL as {@code scheme://Host/path?query}.
   *
   * @param formParams the parsed form, or null to parse {@code raw}'s body when it is a form
   */
  static SignedRequest signed(Request request, RawRequest raw, FormParams formParams) {
    HttpURI uri = request.getHttpURI();
    String scheme = uri.getScheme() != null ? uri.getScheme() : request.isSecure() ? "https" : "http";
    return SignedRequest.of(raw, scheme, () -> {
      String authority = uri.getAuthority();
      return authority != null && !authority.isEmpty() ? authority
          : Request.getServerName(request) + ':' + Request.getServerPort(request);
    }, formParams);
  }

  /** Every header as name, value pairs, in arrival order. */
  private static String[] headerPairs(Request request) {
    HttpFields fields = request.getHeaders();
    String[] pairs = new String[fields.size() * 2];
    int i = 0;
    for (HttpField field : fields) {
      if (i == pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2 + 2);
      }
      pairs[i++] = field.getName();
      pairs[i++] = field.getValue() == null ? "" : field.getValue();
    }
    return i == pairs.length ? pairs : Arrays.copyOf(pairs, i);
  }
}
