package dev.syncwire.receiver.internal.http;

import dev.syncwire.fixtures.internal.SyncEventJson;
import dev.syncwire.receiver.EventQuery;
import dev.syncwire.receiver.internal.recording.EventStore;
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
 * GET    /api/events/{id}       one event
 * DELETE /api/events            forget the events held in memory, and which deliveries were seen (no filters)
 * POST   /api/reply-policy      add a rule: answer accepted webhooks 5xx, late, or not at all (ReplyPolicy)
 * GET    /api/reply-policy      the armed rules; DELETE clears them
 * GET    /health                counters
 * GET    /                      where everything is; a browser (Accept: text/html) gets the inspector page
 * GET    /ui/{file}             the inspector's HTML, CSS and JS (Content-Security-Policy, nosniff)
 * </pre>
 * HEAD goes wherever GET does; any other method is a 405 with {@code Allow}.
 */
public final class Routes extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  private static final Methods WEBHOOK = new Methods("POST", "POST (a Sync webhook)");
  private static final Methods EVENTS = new Methods("GET, HEAD, DELETE",
      "GET (the recorded events) or DELETE (forget them)");
  private static final Methods STREAM = new Methods("GET, HEAD", "GET (Server-Sent Events)");
  private static final Methods READ = new Methods("GET, HEAD", "GET");
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

  public Routes(String webhookPath, WebhookEndpoint webhooks, EventStore store, EventStream stream, Health health,
      ReplyPolicyApi replyPolicy) {
    this.replyPolicy = replyPolicy;
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
      } else if (isEventPath(path)) {
        READ.require(method, path, response);
        EventsApi.requireNoParameters(request);
        String idText = path.substring("/api/events/".length());
        long id = EventsApi.nonNegative("id", idText);
        var event = store.get(id).orElseThrow(() -> ApiError.of(404, "not_found", "id", "exists", idText,
            "no event #" + idText + " is held in memory (" + store.size() + " held; the oldest may have been dropped, "
                + "see /health)"));
        JsonReplies.send(response, 200, g -> SyncEventJson.write(event, g), callback);
      } else if (path.equals("/api/reply-policy")) {
        REPLY_POLICY.require(method, path, response);
        replyPolicy.handle(request, response, callback);
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
      JsonReplies.reject(response, rejection, null, callback);
    } catch (RuntimeException e) {
      // Logged once; no stack trace on the wire.
      LOG.error("{} {} failed", method, path, e);
      JsonReplies.reject(response, ApiError.of(500, "internal_error", "request", "handled", null,
          "the receiver failed on this request (" + e.getClass().getSimpleName() + "); see its log"), null, callback);
    }
    return true;
  }

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
