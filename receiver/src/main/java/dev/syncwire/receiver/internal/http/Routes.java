package dev.syncwire.receiver.internal.http;

import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.internal.forward.Forwarder;
import dev.syncwire.receiver.internal.recording.EventRecorder;
import dev.syncwire.receiver.internal.recording.EventStore;
import dev.syncwire.receiver.internal.signature.SignatureValidator;
import java.time.Clock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every method, path and handler of the receiver, in one place:
 * <pre>
 * POST   /webhooks              a Sync webhook (form or JSON)
 * GET    /api/events            recorded events, newest first (type, object, key, index, status, since, limit)
 * GET    /api/events/stream     the same, live, as Server-Sent Events
 * GET    /api/events/{id}       one event, with its forward attempts ("forwards") when it had any
 * POST   /api/events/{id}/replay  send it again, re-signed, to the forward target or {"url"}, changed by
 *                               {"params":{"Name":"value or null"},"data":...}; answers the attempt
 * POST   /api/events/import     JSON Lines of events as /api/events lists them, each recorded anew
 * DELETE /api/events            forget the events held in memory, and which deliveries were seen (no filters)
 * POST   /api/reply-policy      add a rule: answer accepted webhooks 5xx, late, or not at all (ReplyPolicy)
 * GET    /api/reply-policy      the armed rules; DELETE clears them
 * GET    /api/config            forward target, signing, webhook URL, whether there is state
 * GET    /api/state             the fake's Sync state (snapshot shape) under syncwire up; 404 without a fake
 * GET    /health                counters
 * GET    /                      where everything is; a browser (Accept: text/html) gets the inspector page
 * GET    /ui/{file}             the inspector's HTML, CSS and JS (Content-Security-Policy, nosniff)
 * </pre>
 * HEAD goes wherever GET does; any other method is a 405 with {@code Allow}. The event stream also
 * carries {@code event: forward} frames, {@code {"eventId":12,"forward":{...}}}, as forward attempts end.
 */
public final class Routes extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  private static final Methods WEBHOOK = new Methods("POST", "POST (a Sync webhook)");
  private static final Methods EVENTS = new Methods("GET, HEAD, DELETE",
      "GET (the recorded events) or DELETE (forget them)");
  private static final Methods STREAM = new Methods("GET, HEAD", "GET (Server-Sent Events)");
  private static final Methods READ = new Methods("GET, HEAD", "GET");
  private static final Methods REPLAY = new Methods("POST", "POST (send the event again, re-signed)");
  private static final Methods IMPORT = new Methods("POST", "POST (JSON Lines of events to record)");
  private static final Methods REPLY_POLICY = new Methods("GET, HEAD, POST, DELETE",
      "POST (add a reply rule), GET (the rules) or DELETE (clear them)");

  private final String webhookPath;
  private final WebhookEndpoint webhooks;
  private final EventStore store;
  private final EventStream stream;
  private final Health health;
  private final Methods root;
  private final ReplyPolicyApi replyPolicy;
  private final InspectorPage page = InspectorPage.fromJar();
  private final ReplayApi replay;
  private final ImportApi imports;
  private final ConfigApi config;

  public Routes(String webhookPath, WebhookEndpoint webhooks, EventStore store, EventStream stream, Health health,
      ReplyPolicyApi replyPolicy, ReplayAndImport forwarding, ConfigApi config) {
    this.replyPolicy = replyPolicy;
    this.replay = new ReplayApi(store, forwarding.forwarder());
    this.imports = new ImportApi(forwarding.signatures(), forwarding.recorder(), forwarding.forwarder(),
        forwarding.clock(), forwarding.maxBodyBytes());
    this.config = config;
    this.webhookPath = webhookPath;
    this.webhooks = webhooks;
    this.store = store;
    this.stream = stream;
    this.health = health;
    this.root = new Methods("GET, HEAD", "GET (where everything is); Sync webhooks go to POST " + webhookPath);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    try {
      if (path.equals(webhookPath)) {
        WEBHOOK.require(method, path, response);
        webhooks.handle(request, response, callback);
      } else if (path.equals("/api/events")) {
        EVENTS.require(method, path, response);
        if (HttpMethod.DELETE.is(method)) {
          EventsApi.requireNoFilters(request);
          int cleared = store.size();
          store.clear();
          JsonReplies.send(response, 200, g -> {
            g.writeStartObject();
            g.writeNumberField("cleared", cleared);
            g.writeEndObject();
          }, callback);
        } else {
          EventQuery query = EventsApi.parseQuery(request, store.cap());
          JsonReplies.send(response, 200, EventsApi.page(store.query(query), store), callback);
        }
      } else if (path.equals("/api/events/stream")) {
        STREAM.require(method, path, response);
        EventQuery query = EventsApi.parseQuery(request, store.cap());
        if (HttpMethod.HEAD.is(method)) {
          stream.head(response, callback); // the headers a viewer would get, then done: no stream to hold open
        } else {
          stream.open(request, response, callback, query);
        }
      } else if (path.equals("/api/events/import")) {
        IMPORT.require(method, path, response);
        imports.handle(request, response, callback);
      } else if (isReplayPath(path)) {
        REPLAY.require(method, path, response);
        replay.handle(request, path.substring("/api/events/".length(), path.length() - "/replay".length()),
            response, callback);
      } else if (isEventPath(path)) {
        READ.require(method, path, response);
        EventsApi.requireNoParameters(request);
        String idText = path.substring("/api/events/".length());
        long id = EventsApi.nonNegative("id", idText);
        var event = store.get(id).orElseThrow(() -> ApiError.of(404, "not_found", "id", "exists", idText,
            "no event #" + idText + " is held in memory (" + store.size() + " held; the oldest may have been dropped, "
                + "see /health)"));
        JsonReplies.send(response, 200, g -> EventJson.write(event, store, g), callback);
      } else if (path.equals("/api/reply-policy")) {
        REPLY_POLICY.require(method, path, response);
        replyPolicy.handle(request, response, callback);
      } else if (path.equals("/api/config")) {
        READ.require(method, path, response);
        EventsApi.requireNoParameters(request, "/api/config");
        config.config(response, callback);
      } else if (path.equals("/api/state")) {
        READ.require(method, path, response);
        EventsApi.requireNoParameters(request, "/api/state");
        config.state(response, callback);
      } else if (path.equals("/health")) {
        READ.require(method, path, response);
        JsonReplies.send(response, 200, health::write, callback);
      } else if (path.startsWith("/ui/")) {
        READ.require(method, path, response);
        page.sendFile(path.substring("/ui/".length()), response, callback);
      } else if (path.equals("/") && InspectorPage.wantsHtml(request)) {
        // A person who opens the receiver in a browser gets the inspector.
        root.require(method, path, response);
        page.sendIndex(response, callback);
      } else if (path.equals("/")) {
        // A program (curl, an SDK) that asks the root learns where everything is.
        root.require(method, path, response);
        JsonReplies.send(response, 200, g -> {
          g.writeStartObject();
          g.writeStringField("inspector", "GET / from a browser (Accept: text/html)");
          g.writeStringField("webhooks", "POST " + webhookPath);
          g.writeStringField("events", "GET /api/events?type=&object=&key=&index=&status=&since=&limit=");
          g.writeStringField("event", "GET /api/events/{id}");
          g.writeStringField("replay", "POST /api/events/{id}/replay {\"url\",\"params\",\"data\"}");
          g.writeStringField("import", "POST /api/events/import (JSON Lines)");
          g.writeStringField("config", "GET /api/config");
          g.writeStringField("state", "GET /api/state");
          g.writeStringField("stream", "GET /api/events/stream (Server-Sent Events)");
          g.writeStringField("forget", "DELETE /api/events");
          g.writeStringField("replyPolicy", "POST, GET, DELETE /api/reply-policy");
          g.writeStringField("health", "GET /health");
          g.writeEndObject();
        }, callback);
      } else {
        throw notFound(path);
      }
    } catch (ApiError rejection) {
      JsonReplies.rejectUnread(request, response, rejection, callback);
    } catch (RuntimeException e) {
      // Logged once; no stack trace on the wire.
      LOG.error("{} {} failed", method, path, e);
      JsonReplies.rejectUnread(request, response, ApiError.of(500, "internal_error", "request", "handled", null,
          "the receiver failed on this request (" + e.getClass().getSimpleName() + "); see its log"), callback);
    }
    return true;
  }

  /** {@code /api/events/{id}/replay}: one segment, then {@code /replay}. */
  private static boolean isReplayPath(String path) {
    int start = "/api/events/".length();
    return path.startsWith("/api/events/") && path.endsWith("/replay") && path.length() > start + "/replay".length()
        && path.indexOf('/', start) == path.length() - "/replay".length();
  }

  /**
   * What the replay and import APIs work with: the forwarder, the recorder, the signature check,
   * the clock and the body limit.
   */
  public record ReplayAndImport(Forwarder forwarder, EventRecorder recorder, SignatureValidator signatures,
      Clock clock, int maxBodyBytes) {}

  /** {@code /api/events/{id}}: one segment, not empty; anything deeper is not a route. */
  private static boolean isEventPath(String path) {
    return path.startsWith("/api/events/") && path.length() > "/api/events/".length()
        && path.indexOf('/', "/api/events/".length()) < 0;
  }

  private ApiError notFound(String path) {
    return ApiError.of(404, "not_found", "path", "route", path,
        "nothing at " + path + "; Sync webhooks go to POST " + webhookPath
            + ", recorded events are at GET /api/events");
  }

  /**
   * The methods a path takes: its {@code Allow} header and, after {@code "takes "}, the words of its
   * 405. HEAD goes wherever GET does (Jetty leaves the body off the answer).
   */
  private static final class Methods {
    private final String allow;
    private final String[] methods; // split once: the webhook path checks on every delivery
    private final String takes;

    Methods(String allow, String takes) {
      this.allow = allow;
      this.methods = allow.split(", ");
      this.takes = takes;
    }

    void require(String method, String path, Response response) {
      for (String allowed : methods) {
        if (allowed.equals(method)) {
          return;
        }
      }
      response.getHeaders().put(HttpHeader.ALLOW, allow);
      throw ApiError.of(405, "method_not_allowed", "method", "allowed_method", method,
          path + " takes " + takes + "; received " + method);
    }
  }
}
