package dev.syncwire.cli;

import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.SignedWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code syncwire trigger}: sends one signed fixture webhook to a URL and shows the answer. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = {
      "Send one signed Sync webhook to your handler, as Twilio would.",
      "It can be any event type, a realistic fixture in real Twilio's names (or the",
      "seed's, with --seed-dialect); change any parameter with --set. The handler's",
      "answer is shown.",
      "Exit code 1 when the handler answers anything but 2xx, 2 on a usage error.",
      ""
    },
    footer = {"",
      "Examples:",
      "  syncwire trigger map_item_removed --to http://localhost:3000/sync \\",
      "      --auth-token $TWILIO_AUTH_TOKEN --key user-123",
      "  syncwire trigger map_item_created --seed-dialect --set Identity=alice",
      "  syncwire trigger document_updated --data '{\"stage\":\"menu\"}' --dry-run",
      "  syncwire trigger --list"})
final class TriggerCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand
  SyncwireCommand syncwire;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE",
      description = "Event type in either dialect, e.g. map_item_removed or map_item_created (see --list).")
  String type;

  @Option(names = "--list", description = "List every event type with its seed name and how sure we are Twilio sends it.")
  boolean list;

  @Option(names = "--to", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080/webhooks",
      description = {"Where to POST. Default (syncwire receive's URL):", "  ${DEFAULT-VALUE}"})
  String to;

  @Option(names = "--auth-token", paramLabel = "TOKEN",
      description = "Auth token to sign X-Twilio-Signature with. Defaults to $TWILIO_AUTH_TOKEN; unsigned if neither.")
  String authToken;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Set any parameter, replacing the fixture's; repeatable: --set ItemKey=user-123")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--seed-dialect",
      description = "Write the seed document's dialect (ResourceSid, UniqueName, Data, *_created names).")
  boolean seedDialect;

  @Option(names = "--object", paramLabel = "NAME", description = "The document, list, map or stream unique name.")
  String object;

  @Option(names = "--key", paramLabel = "KEY", description = "The map item key (map item events).")
  String key;

  @Option(names = "--index", paramLabel = "N", description = "The list item index (list item events).")
  Long index;

  @Option(names = "--data", paramLabel = "JSON", description = "The data, as JSON text, sent as given.")
  String data;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S",
      description = "Connect and answer time-out, ISO-8601 (PT10S) or seconds. Default: 10 s.", converter = DurationConverter.class)
  Duration timeout;

  @Option(names = "--dry-run", description = "Print the form body, the signature and a ready curl command instead of sending.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      printTypes(out);
      return 0;
    }
    if (type == null) {
      err.println("Give an event type to send, for example: syncwire trigger map_item_removed --to http://localhost:3000/sync");
      printTypes(err);
      return 2;
    }
    EventType eventType = EventType.fromWireName(type).orElse(null);
    if (eventType == null) {
      err.println("'" + type + "' is not a Sync event type. Use one of these (either column):");
      printTypes(err);
      return 2;
    }
    String misuse = misuse(eventType);
    if (misuse != null) {
      err.println(misuse);
      return 2;
    }
    WebhookSender sender;
    try {
      sender = WebhookSender.to(to).authToken(token()).timeout(timeout);
    } catch (IllegalArgumentException e) {
      err.println("--to: " + e.getMessage());
      return 2;
    }
    if (eventType.isSeedOnlyName(type.trim().toLowerCase(Locale.ROOT)) && !seedDialect) {
      err.println("note: " + type + " is the seed's name; sending real Twilio's " + eventType.wireName()
          + " (add --seed-dialect to send the seed's).");
    }
    FormParams params = builder(eventType).build();
    String token = token();
    if (dryRun) {
      printDryRun(out, params, token);
      return 0;
    }
    printRequest(out, params, token);
    WebhookSender.Result result;
    try {
      result = sender.send(params);
    } catch (UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    }
    out.println(result.status() + " in " + result.latency().toMillis() + " ms"
        + (result.isSuccess() ? "" : "  (not 2xx: Twilio would count this delivery as failed)"));
    if (!result.body().isEmpty()) {
      out.println(result.body());
    }
    return result.isSuccess() ? 0 : 1;
  }

  private String misuse(EventType eventType) {
    boolean mapItem = eventType.itemEvent() && eventType.objectType() == ObjectType.MAP;
    boolean listItem = eventType.itemEvent() && eventType.objectType() == ObjectType.LIST;
    if (key != null && !mapItem) {
      return "--key names a map item, but " + eventType.wireName() + " is not a map item event; use --set ItemKey=... to force it";
    }
    if (index != null && !listItem) {
      return "--index names a list item, but " + eventType.wireName() + " is not a list item event; use --set ItemIndex=... to force it";
    }
    if (index != null && index < 0) {
      return "--index must be 0 or more; received " + index;
    }
    if (object != null && eventType.objectType() == ObjectType.ENDPOINT) {
      return "--object names a document, list, map or stream; " + eventType.wireName() + " has none (use --set EndpointId=...)";
    }
    return null;
  }

  private WebhookBuilder builder(EventType eventType) {
    WebhookBuilder builder = Webhooks.of(eventType).dialect(seedDialect ? Dialect.SEED : Dialect.REAL);
    if (object != null) {
      builder.object(object);
    }
    if (key != null) {
      builder.key(key);
    }
    if (index != null) {
      builder.index(index);
    }
    if (data != null) {
      builder.data(data);
    }
    set.forEach(builder::set);
    return builder;
  }

  private String token() {
    if (authToken != null) {
      return authToken;
    }
    return syncwire.environmentValue(ReceiveCommand.TOKEN_VARIABLE);
  }

  private void printRequest(PrintWriter out, FormParams params, String token) {
    out.println("POST " + to + (token == null ? "  (unsigned: no --auth-token and no $TWILIO_AUTH_TOKEN)" : ""));
    if (token != null) {
      out.println("  " + TwilioSignature.HEADER + ": " + TwilioSignature.compute(token, to, params));
    }
    for (FormParams.Param p : params.asList()) {
      out.println("  " + p.name() + "=" + p.value());
    }
    out.flush();
  }

  private void printDryRun(PrintWriter out, FormParams params, String token) {
    String body = params.encode();
    out.println("Not sent (--dry-run). POST " + to);
    out.println();
    out.println("Form body:");
    out.println(body);
    out.println();
    if (token != null) {
      SignedWebhook signed = SignedWebhook.sign(to, params, token);
      out.println(TwilioSignature.HEADER + ": " + signed.signature() + "   (for this exact URL and body)");
    } else {
      out.println(TwilioSignature.HEADER + ": none (no --auth-token and no $TWILIO_AUTH_TOKEN)");
    }
    out.println();
    out.println("curl -sS -X POST " + shell(to) + " \\");
    out.println("  -H " + shell("Content-Type: " + SignedWebhook.CONTENT_TYPE) + " \\");
    out.println("  -H " + shell("User-Agent: " + WebhookSender.USER_AGENT) + " \\");
    if (token != null) {
      out.println("  -H " + shell(TwilioSignature.HEADER + ": " + TwilioSignature.compute(token, to, params)) + " \\");
    }
    out.println("  --data-raw " + shell(body));
  }

  /** One POSIX-shell word: single quotes, with any single quote closed, escaped and reopened. */
  static String shell(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static void printTypes(PrintWriter out) {
    out.println(String.format("  %-26s %-26s %-9s %s", "TYPE (real Twilio)", "SEED NAME", "OBJECT", "CONFIDENCE"));
    for (EventType t : EventType.values()) {
      out.println(String.format("  %-26s %-26s %-9s %s", t.wireName(), t.seedName().orElse("-"),
          t.objectType().wireName(), t.confidence()));
    }
    out.println("CONFIRMED: Twilio docs or code. CORROBORATED: seen in public apps. INFERRED: a guess from the list pattern.");
    out.flush();
  }

  /** Reads {@code PT10S}, {@code 10s}, {@code 500ms} or plain seconds. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt")) {
          return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        return Duration.ofMillis((long) (Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000));
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 10s, 500ms or PT10S");
      }
    }
  }
}
