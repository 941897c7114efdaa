package dev.syncwire.harness.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Two users' handlers, really served on 127.0.0.1 by the JDK's HttpServer, written as a user would
 * (none of syncwire's code): a careful one and a careless one.
 */
final class TestHandlers {
  private TestHandlers() {}

  /** A running handler: its URL and every request it got (params, headers). */
  static final class Served implements AutoCloseable {
    record Request(Map<String, String> params, Map<String, String> headers, int status) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    Served(Function<Served.Incoming, Integer> handler) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/sync", exchange -> {
        Incoming in = Incoming.read(exchange, url());
        int status;
        try {
          status = handler.apply(in);
        } catch (RuntimeException e) {
          status = 500; // what Express, Spring or Functions answer for an uncaught exception
        }
        requests.add(new Request(in.params, in.headers, status));
        byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.setExecutor(threads); // one slow request must not hold up the next
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync";
    }

    URI uri() {
      return URI.create(url());
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }

    /** One request as the handler sees it. */
    record Incoming(String url, Map<String, String> params, Map<String, String> headers) {
      static Incoming read(HttpExchange exchange, String url) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
          if (!pair.isEmpty()) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        return new Incoming(url, params, headers);
      }

      String header(String name) {
        return headers.get(name.toLowerCase());
      }
    }
  }

  /**
   * Checks the signature (twilio-java's RequestValidator, or HMAC-SHA256 under a Webhook Rule key),
   * refuses what it cannot use with 400, answers a redelivery it has handled with 200, ignores stale
   * or out-of-order item events, and treats a removal of something gone as done.
   */
  static Served careful(String authToken) {
    return careful(authToken, null, null);
  }

  static Served careful(String authToken, String keyId, String keySecret) {
    RequestValidator validator = authToken == null ? null : new RequestValidator(authToken);
    Set<String> handled = ConcurrentHashMap.newKeySet();
    Map<String, Map<String, Long>> maps = new ConcurrentHashMap<>();
    Set<String> known = Set.of("document_created", "document_updated", "document_removed", "list_created",
        "list_removed", "list_item_added", "list_item_updated", "list_item_removed", "map_created", "map_removed",
        "map_item_added", "map_item_updated", "map_item_removed", "stream_message_published", "endpoint_connected",
        "endpoint_disconnected");
    return new Served(in -> {
      String signature = in.header("X-Twilio-Signature");
      String settings = in.header("X-Twilio-Webhooks-Signature-Settings");
      boolean valid;
      if (signature == null) {
        valid = false;
      } else if (settings != null) {
        valid = keyId != null && settings.equals("key=" + keyId + ",algorithm=HMAC_SHA256")
            && signature.equals(hmacSha256(keySecret, in.url(), in.params()));
      } else {
        valid = validator != null && validator.validate(in.url(), in.params(), signature);
      }
      if (!valid) {
        return 403;
      }
      String token = in.header("I-Twilio-Idempotency-Token");
      if (token != null && !handled.add(token)) {
        return 200; // done already
      }
      String type = in.params().get("EventType");
      if (type == null || !known.contains(type)) {
        return 400;
      }
      if (type.startsWith("map_")) {
        String map = in.params().get("MapUniqueName");
        String key = in.params().get("ItemKey");
        if (map == null || type.startsWith("map_item_") && key == null) {
          return 400;
        }
        switch (type) {
          case "map_created" -> maps.putIfAbsent(map, new ConcurrentHashMap<>());
          case "map_removed" -> maps.remove(map);
          default -> {
            long eventId = Long.parseLong(in.params().getOrDefault("EventId", "0"));
            Map<String, Long> items = maps.get(map);
            if (items == null) {
              return 200; // its map is gone: nothing left to change
            }
            Long seen = items.get(key);
            if (seen != null && seen >= eventId) {
              return 200; // older than what we have: ignore
            }
            items.put(key, eventId);
          }
        }
      }
      return 200;
    });
  }

  /** Accepts anything, signed or not; keeps maps and trips over a removal it cannot find. */
  static Served careless() {
    Map<String, Map<String, String>> maps = new HashMap<>();
    return new Served(in -> {
      Map<String, String> p = in.params();
      String type = p.getOrDefault("EventType", "");
      switch (type) {
        case "map_created" -> maps.put(p.get("MapUniqueName"), new HashMap<>());
        case "map_item_added", "map_item_updated" ->
            maps.computeIfAbsent(p.get("MapUniqueName"), m -> new HashMap<>()).put(p.get("ItemKey"), p.get("ItemData"));
        case "map_item_removed" -> {
          String removed = maps.get(p.get("MapUniqueName")).remove(p.get("ItemKey"));
          if (removed == null) {
            throw new IllegalStateException("no item " + p.get("ItemKey"));
          }
        }
        case "map_removed" -> maps.remove(p.get("MapUniqueName"));
        default -> { }
      }
      return 200;
    });
  }

  /** HMAC-SHA256 over the URL and the sorted name+value pairs, Base64: written from Twilio's description. */
  static String hmacSha256(String secret, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

}
