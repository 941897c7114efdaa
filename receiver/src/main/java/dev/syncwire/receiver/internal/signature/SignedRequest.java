package dev.syncwire.receiver.internal.signature;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.RawRequest;
import dev.syncwire.fixtures.TwilioSignature;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@link SignatureValidator} needs to know about one webhook request: the URL it arrived
 * at, its body, its {@code X-Twilio-Signature}, and any forwarding headers a tunnel added.
 * Immutable; the body array is not copied, so do not change it after handing it over.
 *
 * <pre>{@code
 * SignedRequest form = SignedRequest.form(
 *     "http://127.0.0.1:8080/webhooks", FormParams.parse("EventType=document_updated"), signature);
 * SignedRequest json = SignedRequest.body(
 *     "https://abc.ngrok.app/webhooks?bodySHA256=5c0c...", "application/json", bytes, signature)
 *     .withHeader("X-Forwarded-Proto", "https");
 * }</pre>
 */
public final class SignedRequest {
  static final String FORM_TYPE = "application/x-www-form-urlencoded";
  private static final byte[] NO_BODY = new byte[0];

  private final String scheme;
  private final String host;
  private final String pathAndQuery;
  private final String contentType;
  private final FormParams formParams;
  private final byte[] body;
  private final String signature;
  private final Forwarding forwarding;
  private final String signatureSettings;

  private SignedRequest(
      String scheme,
      String host,
      String pathAndQuery,
      String contentType,
      FormParams formParams,
      byte[] body,
      String signature,
      Forwarding forwarding,
      String signatureSettings) {
    this.scheme = scheme;
    this.host = host;
    this.pathAndQuery = pathAndQuery;
    this.contentType = contentType;
    this.formParams = formParams;
    this.body = body;
    this.signature = signature;
    this.forwarding = forwarding;
    this.signatureSettings = signatureSettings;
  }

  /**
   * A form POST (what Twilio sends for Sync) to {@code url}, the URL as the receiver saw it:
   * {@code scheme://Host-header/path?query}.
   *
   * @param signature the {@code X-Twilio-Signature} value, or null when the header is missing
   */
  public static SignedRequest form(String url, FormParams params, String signature) {
    Objects.requireNonNull(params, "params");
    String[] parts = split(url);
    return new SignedRequest(
        parts[0], parts[1], parts[2], FORM_TYPE, params, NO_BODY, signature, Forwarding.NONE, null);
  }

  /**
   * A request with a raw body. A form body ({@code application/x-www-form-urlencoded}) is parsed
   * and signed as form parameters; any other body must be named by {@code bodySHA256} in the URL.
   *
   * @param contentType the {@code Content-Type} header, or null when absent
   * @param signature the {@code X-Twilio-Signature} value, or null when the header is missing
   */
  public static SignedRequest body(String url, String contentType, byte[] body, String signature) {
    Objects.requireNonNull(body, "body");
    String[] parts = split(url);
    FormParams params = isForm(contentType) ? FormParams.parse(body) : FormParams.empty();
    return new SignedRequest(
        parts[0], parts[1], parts[2], contentType, params, body, signature, Forwarding.NONE, null);
  }

  /**
   * A request as it arrived, read once into {@code raw}: the URL is {@code scheme://Host/path?query}
   * from the request line and the raw {@code Host} header, never from a forwarding customizer, so
   * the validator alone decides whether to trust forwarding headers.
   *
   * @param scheme the scheme of the connection it arrived on ({@code http} or {@code https})
   * @param serverAuthority {@code host:port} of the server, asked for only when there is no {@code Host} header
   * @param formParams the parsed form, or null to parse the body when it is a form
   */
  public static SignedRequest of(RawRequest raw, String scheme, Supplier<String> serverAuthority,
      FormParams formParams) {
    String host = raw.header("Host");
    if (host == null || host.isEmpty()) {
      host = serverAuthority.get();
    }
    String pathAndQuery = raw.path();
    if (pathAndQuery.isEmpty()) {
      pathAndQuery = "/";
    }
    String contentType = raw.contentType();
    byte[] bytes = raw.body();
    FormParams params = formParams;
    if (params == null) {
      params = isForm(contentType) ? FormParams.parse(bytes) : FormParams.empty();
    }
    Forwarding forwarding = Forwarding.of(raw.header("Forwarded"), raw.header("X-Forwarded-Proto"),
        raw.header("X-Forwarded-Host"), raw.header("X-Forwarded-Port"));
    return new SignedRequest(scheme, host, pathAndQuery, contentType, params, bytes,
        raw.header(TwilioSignature.HEADER), forwarding, raw.header(TwilioSignature.SETTINGS_HEADER));
  }

  /**
   * A copy with a forwarding header set: {@code X-Forwarded-Proto}, {@code X-Forwarded-Host},
   * {@code X-Forwarded-Port} or {@code Forwarded} (RFC 7239). No other header affects the
   * signature.
   */
  public SignedRequest withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Forwarding f = forwarding;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "forwarded" -> f = Forwarding.of(value, f.xProto(), f.xHost(), f.xPort());
      case "x-forwarded-proto" -> f = Forwarding.of(f.forwarded(), value, f.xHost(), f.xPort());
      case "x-forwarded-host" -> f = Forwarding.of(f.forwarded(), f.xProto(), value, f.xPort());
      case "x-forwarded-port" -> f = Forwarding.of(f.forwarded(), f.xProto(), f.xHost(), value);
      default ->
          throw new IllegalArgumentException(
              "header "
                  + name
                  + " does not affect the signature; withHeader takes X-Forwarded-Proto,"
                  + " X-Forwarded-Host, X-Forwarded-Port or Forwarded (pass the signature and"
                  + " content type to form(...) or body(...))");
    }
    return new SignedRequest(scheme, host, pathAndQuery, contentType, formParams, body, signature, f,
        signatureSettings);
  }

  /**
   * A copy carrying {@code X-Twilio-Webhooks-Signature-Settings} (null: absent), which says a
   * Webhook Rule's key signed it: {@code key=<id>,algorithm=HMAC_SHA256}.
   */
  public SignedRequest withSignatureSettings(String value) {
    return new SignedRequest(scheme, host, pathAndQuery, contentType, formParams, body, signature, forwarding, value);
  }

  /** The {@code X-Twilio-Webhooks-Signature-Settings} value, or null when the header was missing. */
  public String signatureSettings() {
    return signatureSettings;
  }

  /** The URL as the receiver saw it: {@code scheme://Host-header/path?query}. */
  public String url() {
    return scheme + "://" + host + pathAndQuery;
  }

  /** The {@code X-Twilio-Signature} value, or null when the header was missing. */
  public String signature() {
    return signature;
  }

  String scheme() {
    return scheme;
  }

  String host() {
    return host;
  }

  String pathAndQuery() {
    return pathAndQuery;
  }

  String contentType() {
    return contentType;
  }

  FormParams formParams() {
    return formParams;
  }

  byte[] bodyBytes() {
    return body;
  }

  Forwarding forwarding() {
    return forwarding;
  }

  boolean isForm() {
    return isForm(contentType);
  }

  static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return media.equalsIgnoreCase(FORM_TYPE);
  }

  /** scheme, authority, path and query (raw); the path and query keep exactly what was given. */
  private static String[] split(String url) {
    Objects.requireNonNull(url, "url");
    int sep = url.indexOf("://");
    if (sep <= 0) {
      throw new IllegalArgumentException(
          "URL \"" + url + "\" is not absolute; give it as http://host:port/path?query");
    }
    int start = sep + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    if (end == start) {
      throw new IllegalArgumentException(
          "URL \"" + url + "\" has no host; give it as http://host:port/path?query");
    }
    String rest = url.substring(end);
    return new String[] {url.substring(0, sep), url.substring(start, end), rest.isEmpty() ? "/" : rest};
  }

  @Override
  public String toString() {
    return url() + (signature == null ? " (no X-Twilio-Signature)" : "");
  }
}
