package dev.syncwire.receiver.internal.signature;

import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.receiver.SignatureMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code X-Twilio-Signature} exactly as twilio-java's {@code RequestValidator} does, against
 * several auth tokens at once (for token rotation), and says which URL and token matched or why
 * none did. Immutable and thread-safe; build one per receiver.
 *
 * <p>The URLs tried, in order, each also with its port toggled (the scheme's default port added
 * when absent, any port removed when present, as Twilio's validators do):
 *
 * <ol>
 *   <li>the public URL, when configured: its origin, plus the request's path and query. A public
 *       URL with a path ({@code https://abc.ngrok.app/webhooks}) is taken as the webhook URL
 *       itself when the request path starts with that path (tunnels forward paths unchanged);
 *       otherwise its path is a prefix a proxy stripped, and the request path is appended to it;
 *   <li>when forwarding headers are trusted (the default, since receivers sit behind tunnels) and
 *       present: {@code Forwarded} (RFC 7239, first entry) or {@code X-Forwarded-Proto},
 *       {@code X-Forwarded-Host}, {@code X-Forwarded-Port}, each falling back to the request's own;
 *   <li>the URL the request arrived at: {@code scheme://Host-header/path?query}.
 * </ol>
 *
 * <p>A form body is signed as the URL plus its parameters, names sorted, repeated names with their
 * values sorted. Any other body is signed as the URL alone, and the URL must carry {@code
 * bodySHA256}, the lowercase hex SHA-256 of the body. Mode {@code OFF} or no token means every
 * request is {@code UNCHECKED}; {@code ENFORCE} and {@code WARN} give the same verdicts and differ
 * only in what the receiver does with an invalid one.
 *
 * <pre>{@code
 * SignatureValidator validator =
 *     SignatureValidator.of(SignatureMode.ENFORCE, List.of(oldToken, newToken))
 *         .withPublicUrl("https://abc.ngrok.app");
 * SignatureCheck check = validator.check(SignedRequest.form(url, params, signatureHeader));
 * }</pre>
 */
public final class SignatureValidator {
  private static final byte[] NO_SUFFIX = new byte[0];

  private final SignatureMode mode;
  private final List<String> tokens;
  private final TokenMacs macs;
  private final PublicUrl publicUrl;
  private final boolean trustForwarded;
  /** Webhook Rule keys by id, each an HMAC-SHA256 keyed by its secret; insertion order. */
  private final Map<String, TokenMacs> keys;

  private SignatureValidator(SignatureMode mode, List<String> tokens, TokenMacs macs, PublicUrl publicUrl,
      boolean trustForwarded, Map<String, TokenMacs> keys) {
    this.mode = mode;
    this.tokens = tokens;
    this.macs = macs;
    this.publicUrl = publicUrl;
    this.trustForwarded = trustForwarded;
    this.keys = keys;
  }

  /**
   * A validator for {@code authTokens} (any one may match; empty means nothing is checked), with
   * no public URL and forwarding headers trusted. Whitespace around a token (a pasted newline) is
   * dropped.
   *
   * @throws IllegalArgumentException if a token is null or blank
   */
  public static SignatureValidator of(SignatureMode mode, List<String> authTokens) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(authTokens, "authTokens");
    List<String> tokens = new ArrayList<>(authTokens.size());
    for (int i = 0; i < authTokens.size(); i++) {
      String token = authTokens.get(i);
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            "auth token " + (i + 1) + " of " + authTokens.size() + " is empty; give the auth token"
                + " of the account that owns the Sync service (Twilio Console, Account Info)");
      }
      tokens.add(token.trim());
    }
    List<String> copy = List.copyOf(tokens);
    return new SignatureValidator(mode, copy, new TokenMacs(copy), null, true, Map.of());
  }

  /**
   * A copy that also checks webhooks signed under Webhook Rules: when {@code
   * X-Twilio-Webhooks-Signature-Settings: key=<id>,algorithm=HMAC_SHA256} is present, the signature
   * must be HMAC-SHA256 keyed by the secret of the key with that id, over the same string.
   */
  public SignatureValidator withSigningKeys(List<SigningKey> signingKeys) {
    Map<String, TokenMacs> byId = new LinkedHashMap<>();
    for (SigningKey key : signingKeys) {
      if (byId.put(key.id(), new TokenMacs(List.of(key.secret()), TokenMacs.SHA256)) != null) {
        throw new IllegalArgumentException("signing key id '" + key.id() + "' is given twice; give each key once");
      }
    }
    return new SignatureValidator(mode, tokens, macs, publicUrl, trustForwarded, Collections.unmodifiableMap(byId));
  }

  /**
   * A copy that also tries the URL Twilio calls through a tunnel, such as {@code
   * https://abc.ngrok.app} or {@code https://abc.ngrok.app/webhooks}; null removes it.
   *
   * @throws IllegalArgumentException if it is not an absolute http(s) URL without query
   */
  public SignatureValidator withPublicUrl(String publicUrl) {
    PublicUrl parsed = publicUrl == null || publicUrl.isBlank() ? null : PublicUrl.parse(publicUrl);
    return new SignatureValidator(mode, tokens, macs, parsed, trustForwarded, keys);
  }

  /**
   * A copy that does (the default) or does not build a URL from {@code Forwarded} and {@code
   * X-Forwarded-*} headers. Turn it off when clients can reach the receiver without a proxy that
   * overwrites them; the HMAC still needs the token, so trusting them only widens which URL a
   * genuine signature may have been made for.
   */
  public SignatureValidator trustingForwardedHeaders(boolean trust) {
    return new SignatureValidator(mode, tokens, macs, publicUrl, trust, keys);
  }

  public SignatureMode mode() {
    return mode;
  }

  /** Checks one request. Never throws for a malformed request; that is an {@code INVALID} verdict. */
  public SignatureCheck check(SignedRequest request) {
    Objects.requireNonNull(request, "request");
    if (mode == SignatureMode.OFF) {
      return SignatureCheck.unchecked("X-Twilio-Signature was not checked: signature mode is off");
    }
    String settings = request.signatureSettings();
    if (settings != null) {
      return checkWithRuleKey(request, settings);
    }
    if (tokens.isEmpty() && !keys.isEmpty()) {
      return SignatureCheck.invalid(List.of(), TwilioSignature.SETTINGS_HEADER + " header is missing, so "
          + TwilioSignature.HEADER + " would be HMAC-SHA1 with the auth token, and none is configured; Twilio adds"
          + " the header whenever a Webhook Rule signs with a key, so give the account's auth token too"
          + " (--auth-token) if webhooks also come without a rule");
    }
    if (tokens.isEmpty()) {
      return SignatureCheck.unchecked(
          "X-Twilio-Signature was not checked: no auth token is configured; give the auth token of"
              + " the account that owns the Sync service to check it");
    }
    return checkWith(request, macs, null);
  }

  /** A webhook signed under a Webhook Rule: the key and algorithm its settings header names. */
  private SignatureCheck checkWithRuleKey(SignedRequest request, String settings) {
    String keyId = null;
    String algorithm = null;
    for (String part : settings.split(",")) {
      int eq = part.indexOf('=');
      String name = (eq < 0 ? part : part.substring(0, eq)).trim();
      String value = eq < 0 ? "" : part.substring(eq + 1).trim();
      if (name.equalsIgnoreCase("key")) {
        keyId = value;
      } else if (name.equalsIgnoreCase("algorithm")) {
        algorithm = value;
      }
    }
    // shortened: the header is the sender's to choose
    String shown = settings.length() <= 120 ? settings : settings.substring(0, 120) + "...";
    String header = TwilioSignature.SETTINGS_HEADER + " '" + shown + "'";
    if (keyId == null || keyId.isEmpty()) {
      return SignatureCheck.invalid(List.of(), header + " names no key; Twilio sends key=<key id>,algorithm="
          + SigningKey.HMAC_SHA256);
    }
    if (!SigningKey.HMAC_SHA256.equals(algorithm)) {
      return SignatureCheck.invalid(List.of(), header + " names algorithm '" + (algorithm == null ? "" : algorithm)
          + "', which this receiver cannot check; Webhook Rules sign with " + SigningKey.HMAC_SHA256);
    }
    TokenMacs key = keys.get(keyId);
    if (key == null) {
      return SignatureCheck.invalid(List.of(), header + " names key '" + keyId + "', which this receiver does not"
          + " have; give it with --signing-key " + keyId + ":SECRET (ReceiverConfig.builder().signingKey(...))"
          + (keys.isEmpty() ? "" : "; it has " + String.join(", ", keys.keySet())));
    }
    return checkWith(request, key, keyId);
  }

  /** Checks the signature with {@code macs}: the auth tokens ({@code keyId} null) or one Webhook Rule key. */
  private SignatureCheck checkWith(SignedRequest request, TokenMacs macs, String keyId) {
    String signature = request.signature();
    if (signature == null || signature.isBlank()) {
      return SignatureCheck.invalid(
          List.of(),
          TwilioSignature.HEADER + " header is missing; Twilio signs every webhook, so this request"
              + " was not sent by Twilio or a proxy dropped the header");
    }

    byte[] suffix;
    String bodyProblem = null;
    if (request.isForm()) {
      suffix = utf8(TwilioSignature.payload("", request.formParams()));
    } else {
      suffix = NO_SUFFIX;
      String claimed = bodySha256Param(request.pathAndQuery());
      byte[] body = request.bodyBytes();
      if (claimed == null) {
        if (body.length > 0) {
          return SignatureCheck.invalid(
              List.of(),
              "the body is "
                  + (request.contentType() == null ? "of no content type" : request.contentType())
                  + " but the URL has no bodySHA256 parameter; Twilio signs a non-form body by"
                  + " adding bodySHA256=<lowercase hex SHA-256 of the body> to the URL, and a form"
                  + " body needs Content-Type: " + SignedRequest.FORM_TYPE);
        }
      } else {
        String actual = TwilioSignature.bodySha256(body);
        if (!TwilioSignature.constantTimeEquals(actual, claimed)) {
          bodyProblem = "bodySHA256 in the URL is " + claimed + " but the body hashes to " + actual;
        }
      }
    }

    // The URLs are tried lazily, in order, so the usual first one (the public URL) costs one
    // HMAC and no list; each is the cached instance, so an event's signatureUrl is shared.
    byte[] expected = signature.trim().getBytes(StandardCharsets.US_ASCII);
    List<String> tried = new ArrayList<>(4);
    for (int b = 0; b < BASES; b++) {
      String base = base(request, b);
      if (base == null) {
        continue;
      }
      Candidate candidate = candidate(base);
      for (int v = 0; v < 2; v++) {
        Candidate url = v == 0 ? candidate : candidate.variant() == null ? null : candidate(candidate.variant());
        if (url == null || tried.contains(url.url())) {
          continue;
        }
        tried.add(url.url());
        int token = macs.match(url.bytes(), suffix, expected);
        if (token >= 0) {
          if (bodyProblem != null) {
            return SignatureCheck.invalid(
                tried,
                bodyProblem + "; X-Twilio-Signature matches " + url.url()
                    + ", so the body was changed after Twilio signed it");
          }
          return keyId != null ? SignatureCheck.validWithKey(url.url(), tried, keyId)
              : SignatureCheck.valid(url.url(), tried, token, tokens.size());
        }
      }
    }
    return SignatureCheck.invalid(tried, mismatch(request, tried, bodyProblem, keyId));
  }

  /** One URL to try: its text (the shared instance), its UTF-8 bytes and its port variant. */
  private record Candidate(String url, byte[] bytes, String variant) {}

  private static final int MAX_CANDIDATES = 256;
  private final ConcurrentHashMap<String, Candidate> candidates = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> resolved = new ConcurrentHashMap<>();

  private Candidate candidate(String url) {
    Candidate c = candidates.get(url);
    if (c == null) {
      c = new Candidate(url, utf8(url), PortVariant.of(url));
      if (candidates.size() < MAX_CANDIDATES) { // bounded: Host headers are the sender's to choose
        Candidate raced = candidates.putIfAbsent(url, c);
        c = raced == null ? c : raced;
      }
    }
    return c;
  }

  /** How many base URLs {@link #base} knows. */
  private static final int BASES = 4;

  /**
   * The {@code index}th base URL (0: public URL, 1: the public URL exactly as given, 2: forwarding
   * headers, 3: as it arrived), or null where there is none; the order of {@link #candidateUrls}.
   */
  private String base(SignedRequest request, int index) {
    switch (index) {
      case 0 -> {
        if (publicUrl == null) {
          return null;
        }
        String pathAndQuery = request.pathAndQuery();
        String url = resolved.get(pathAndQuery);
        if (url == null) {
          url = publicUrl.resolve(pathAndQuery);
          if (resolved.size() < MAX_CANDIDATES) {
            resolved.putIfAbsent(pathAndQuery, url);
          }
        }
        return url;
      }
      case 1 -> {
        return publicUrl == null ? null : publicUrl.exact(request.pathAndQuery());
      }
      case 2 -> {
        return trustForwarded && request.forwarding().isPresent()
            ? request.forwarding().url(request.scheme(), request.host(), request.pathAndQuery())
            : null;
      }
      default -> {
        return request.url();
      }
    }
  }

  /** Every URL tried, in order, deduplicated: each base URL, then its port variant. */
  List<String> candidateUrls(SignedRequest request) {
    Set<String> urls = new LinkedHashSet<>(8);
    for (int b = 0; b < BASES; b++) {
      String base = base(request, b);
      if (base != null) {
        urls.add(base);
        String variant = PortVariant.of(base);
        if (variant != null) {
          urls.add(variant);
        }
      }
    }
    return List.copyOf(urls);
  }

  private String mismatch(SignedRequest request, List<String> urls, String bodyProblem, String keyId) {
    StringBuilder sb = new StringBuilder(TwilioSignature.HEADER).append(" does not match ");
    sb.append(keyId != null ? "signing key " + keyId + " (HMAC-SHA256)"
        : tokens.size() == 1 ? "the auth token" : "any of " + tokens.size() + " auth tokens");
    sb.append(" for ");
    for (int i = 0; i < urls.size(); i++) {
      if (i > 0) {
        sb.append(i == urls.size() - 1 ? " or " : ", ");
      }
      sb.append(urls.get(i));
    }
    if (publicUrl != null) {
      sb.append("; check that the webhook URL set in Twilio is one of these (from --public-url ")
          .append(publicUrl)
          .append(keyId != null ? ") and that the key's secret is the one of the Webhook Rule"
              : ") and that the auth token is the one of the account that owns the Sync service");
    } else if (!trustForwarded && request.forwarding().isPresent()) {
      sb.append("; the request carries forwarding headers, which are not trusted: trust them, or"
          + " start with --public-url https://<your-host>");
    } else {
      sb.append("; if Twilio calls a public URL (a tunnel), start with --public-url https://<your-host>");
    }
    if (bodyProblem != null) {
      sb.append(" (also, ").append(bodyProblem).append(')');
    }
    return sb.toString();
  }

  private static String bodySha256Param(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0 || pathAndQuery.indexOf("bodySHA256", q) < 0) {
      return null;
    }
    int hash = pathAndQuery.indexOf('#', q);
    String query = hash < 0 ? pathAndQuery.substring(q + 1) : pathAndQuery.substring(q + 1, hash);
    return FormParams.parse(query).get("bodySHA256");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Names the settings, never a token. */
  @Override
  public String toString() {
    return "SignatureValidator["
        + mode.wireName()
        + ", "
        + tokens.size()
        + (tokens.size() == 1 ? " auth token" : " auth tokens")
        + (keys.isEmpty() ? "" : ", signing keys " + String.join(", ", keys.keySet()))
        + (publicUrl == null ? "" : ", public URL " + publicUrl)
        + (trustForwarded ? ", forwarding headers trusted" : ", forwarding headers ignored")
        + ']';
  }
}
