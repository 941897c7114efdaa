package dev.syncwire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.syncwire.fixtures.Dialect;
import dev.syncwire.fixtures.EventType;
import dev.syncwire.fixtures.FixturePatterns;
import dev.syncwire.fixtures.FormParams;
import dev.syncwire.fixtures.ObjectType;
import dev.syncwire.fixtures.SignedWebhook;
import dev.syncwire.fixtures.SigningKey;
import dev.syncwire.fixtures.SyncWebhook;
import dev.syncwire.fixtures.TwilioSignature;
import dev.syncwire.fixtures.WebhookBuilder;
import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.fixtures.WireParam;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCOUNT_VARIABLE = "TWILIO_ACCOUNT_SID";
  static final String SERVICE_VARIABLE = "TWILIO_SYNC_SERVICE_SID";
  /** The seed's four patterns, as {@link FixturePatterns#all()} names them. */
  static final List<String> PATTERNS = List.of("presence", "call-state", "activity-feed", "typing");
  private static final String PATTERNS_TEXT = "presence, call-state, activity-feed or typing";

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

  @CommandLine.Mixin
  SigningOptions signing = new SigningOptions();

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

  @CommandLine.Mixin
  TimeoutOption timeout = new TimeoutOption();

  @Option(names = "--dry-run", description = "Print the form body, the signature and a ready curl command instead of sending.")
  boolean dryRun;

  @Option(names = "--account-sid", paramLabel = "AC...", converter = OptionValues.AccountSid.class,
      description = "AccountSid the webhooks carry (and, with --via-fake, the account to call as). Defaults to $TWILIO_ACCOUNT_SID.")
  String accountSid;

  @Option(names = "--service-sid", paramLabel = "IS...", converter = OptionValues.ServiceSid.class,
      description = "ServiceSid the webhooks carry (with --via-fake, the service to change). Defaults to $TWILIO_SYNC_SERVICE_SID.")
  String serviceSid;

  @Option(names = "--pattern", paramLabel = "NAME",
      description = "Send one of the seed's patterns, its webhooks in order: " + PATTERNS_TEXT + ".")
  String pattern;

  @Option(names = "--via-fake", paramLabel = "URL",
      description = {"Make the change through a running fake's REST API (e.g. $SYNCWIRE_SYNC_BASE_URL,",
          "http://127.0.0.1:4010) instead: the webhook is exactly what the fake sends to its service's webhook_url."})
  String viaFake;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      printTypes(out);
      return 0;
    }
    if (type != null && pattern != null) {
      err.println("Give an event type or --pattern, not both; received " + type + " and --pattern " + pattern);
      return 2;
    }
    if (type == null && pattern == null) {
      err.println("Give an event type to send, for example: syncwire trigger map_item_removed --to http://localhost:3000/sync");
      err.println("or a pattern: syncwire trigger --pattern presence (" + PATTERNS_TEXT + ")");
      printTypes(err);
      return 2;
    }
    String usage = pattern != null ? patternMisuse() : null;
    EventType eventType = null;
    if (type != null) {
      eventType = EventType.fromWireName(type).orElse(null);
      if (eventType == null) {
        // Sync says "removed" where REST and most tools say "deleted".
        String guess = ClosestName.to(type.replace("delete", "remove"), EventType.knownNames())
            .map(n -> "did you mean " + n + "? ").orElse("");
        err.println("'" + type + "' is not a Sync event type; " + guess + "Use one of these (either column):");
        printTypes(err);
        return 2;
      }
      usage = misuse(eventType);
    }
    if (usage == null) {
      usage = dataMisuse();
    }
    if (usage != null) {
      err.println(usage);
      return 2;
    }
    String account;
    String service;
    try {
      account = sid(accountSid, ACCOUNT_VARIABLE, new OptionValues.AccountSid());
      service = sid(serviceSid, SERVICE_VARIABLE, new OptionValues.ServiceSid());
    } catch (CommandLine.TypeConversionException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (viaFake != null && signing.signingKey != null) {
      err.println("--signing-key signs trigger's own webhooks; with --via-fake the fake sends and signs them:"
          + " start it with --webhook-signing-key " + signing.signingKey.id() + ":SECRET instead");
      return 2;
    }
    if (viaFake != null) {
      return viaFake(eventType, account, service, out, err);
    }
    WebhookSender sender;
    try {
      sender = WebhookSender.to(to).authToken(signing.token(syncwire)).signingKey(signing.signingKey).timeout(timeout.timeout);
    } catch (IllegalArgumentException e) {
      err.println("--to: " + e.getMessage());
      return 2;
    }
    if (eventType != null && eventType.isSeedOnlyName(type.trim().toLowerCase(Locale.ROOT)) && !seedDialect) {
      err.println("note: " + type + " is the seed's name; sending real Twilio's " + eventType.wireName()
          + " (add --seed-dialect to send the seed's).");
    }
    if (account == null || service == null) {
      err.println("note: " + (account == null && service == null ? "AccountSid and ServiceSid are" : account == null
          ? "AccountSid is" : "ServiceSid is") + " syncwire's placeholder, no account's or service's; give --account-sid and"
          + " --service-sid (or set $" + ACCOUNT_VARIABLE + " and $" + SERVICE_VARIABLE + ") for your own.");
    }
    List<FormParams> webhooks = new ArrayList<>();
    if (eventType != null) {
      webhooks.add(withSids(builder(eventType).build(), account, service));
    } else {
      for (FormParams real : FixturePatterns.all().get(pattern)) {
        webhooks.add(withSids(inDialect(real), account, service));
      }
    }
    String token = signing.token(syncwire);
    int failed = 0;
    for (FormParams params : webhooks) {
      if (dryRun) {
        printDryRun(out, params, token);
        continue;
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
      out.flush();
      failed += result.isSuccess() ? 0 : 1;
    }
    if (webhooks.size() > 1 && !dryRun) {
      out.println("Sent " + webhooks.size() + " webhooks of the " + pattern + " pattern to " + to + ": "
          + (webhooks.size() - failed) + " answered 2xx, " + failed + " did not.");
    }
    return failed == 0 ? 0 : 1;
  }

  /** {@code trigger --via-fake}: the change through the fake's REST API; the fake sends the webhook. */
  private int viaFake(EventType eventType, String account, String service, PrintWriter out, PrintWriter err) {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (String flag : List.of("--to", "--set", "--seed-dialect", "--dry-run")) {
      if (parsed.hasMatchedOption(flag)) {
        err.println(flag + " does not go with --via-fake: the fake writes the webhook (real Twilio's names) and sends it to"
            + " its service's webhook_url; leave " + flag + " out, or --via-fake to send a fixture yourself");
        return 2;
      }
    }
    try {
      WebhookSender.to(viaFake);
    } catch (IllegalArgumentException e) {
      err.println("--via-fake: " + e.getMessage());
      return 2;
    }
    if (eventType != null && eventType.objectType() == ObjectType.ENDPOINT) {
      err.println(eventType.wireName() + " comes from a client SDK connection, not a REST call; the fake cannot make it."
          + " Send the fixture instead: leave out --via-fake");
      return 2;
    }
    String token = signing.token(syncwire);
    if (account == null || token == null || service == null) {
      err.println("--via-fake calls the fake as an account: it needs " + String.join(", ", missingCredentials(account, token, service))
          + ". Give --account-sid, --auth-token and --service-sid, or set $" + ACCOUNT_VARIABLE + ", $"
          + ReceiveCommand.TOKEN_VARIABLE + " and $" + SERVICE_VARIABLE + " as `syncwire up` prints them.");
      return 2;
    }
    FakeTrigger fake = new FakeTrigger(viaFake, account, token, service,
        syncwire.environmentValue(FakeOptions.CONTROL_TOKEN_VARIABLE), out);
    try {
      String target = fake.webhookTarget(err);
      out.println("Via the fake at " + viaFake + ", service " + service
          + (target == null ? "" : "; it posts the webhooks to " + target) + ":");
      if (eventType != null) {
        SyncWebhook fixture = SyncWebhook.read(Webhooks.of(eventType).build()); // its names and data are the defaults
        fake.fire(eventType, object != null ? object : fixture.objectName(), key != null ? key : fixture.itemKey(), index,
            data != null ? data : fixture.dataText());
      } else {
        fake.pattern(pattern);
      }
      boolean quiet = fake.awaitQuiet();
      out.println(quiet ? "Done; the fake has delivered its webhooks." : "Done; some webhooks are still on their way.");
      return 0;
    } catch (ApiException e) {
      err.println("The fake answered " + e.getStatusCode() + " (code " + e.getCode() + "): " + e.getMessage()
          + (e.getStatusCode() != null && e.getStatusCode() == 401
              ? "; are the account SID and auth token the fake's (syncwire up prints them)?" : ""));
      return 1;
    } catch (ApiConnectionException | UncheckedIOException e) {
      err.println("Could not reach the fake at " + viaFake + " (" + e.getMessage() + "); is `syncwire up` or `syncwire fake`"
          + " running there?");
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static List<String> missingCredentials(String account, String token, String service) {
    List<String> missing = new ArrayList<>();
    if (account == null) {
      missing.add("an account SID");
    }
    if (token == null) {
      missing.add("its auth token");
    }
    if (service == null) {
      missing.add("a Sync service SID");
    }
    return missing;
  }

  /** The flag's value, else the environment's (checked by the same rule, named by its variable), else null. */
  private String sid(String flag, String variable, OptionValues.Sid rule) {
    if (flag != null) {
      return flag;
    }
    String value = syncwire.environmentValue(variable);
    if (value == null) {
      return null;
    }
    try {
      return rule.convert(value);
    } catch (CommandLine.TypeConversionException e) {
      throw new CommandLine.TypeConversionException("$" + variable + ": " + e.getMessage()
          + " (or pass the flag for it, which wins)");
    }
  }

  private String patternMisuse() {
    if (!PATTERNS.contains(pattern)) {
      String guess = ClosestName.to(pattern, PATTERNS).map(n -> "; did you mean " + n + "?").orElse("");
      return "--pattern must be " + PATTERNS_TEXT + "; received '" + pattern + "'" + guess;
    }
    for (String flag : List.of("--object", "--key", "--index", "--data")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        return flag + " does not go with --pattern: a pattern names its own objects, keys and data (the seed's);"
            + " send single events to change them";
      }
    }
    return null;
  }

  private String dataMisuse() {
    if (data == null) {
      return null;
    }
    try {
      JSON.readTree(data);
      return null;
    } catch (IOException e) {
      return viaFake != null ? "--data must be JSON text with --via-fake (the fake stores it as data); received '" + data + "'"
          : null; // a fixture sends it as given: a handler's check of bad data is worth a test
    }
  }

  /** Overrides the fixture's placeholder SIDs with the given ones, and applies --set last. */
  private FormParams withSids(FormParams params, String account, String service) {
    FormParams out = params;
    if (account != null) {
      out = out.with(WireParam.ACCOUNT_SID, account);
    }
    if (service != null) {
      out = out.with(WireParam.SERVICE_SID, service);
    }
    for (Map.Entry<String, String> e : set.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  /** A pattern's real-dialect webhook, or, with --seed-dialect, the same event in the seed's names. */
  private FormParams inDialect(FormParams real) {
    if (!seedDialect) {
      return real;
    }
    SyncWebhook w = SyncWebhook.read(real);
    WebhookBuilder b = Webhooks.of(w.canonicalType()).dialect(Dialect.SEED).object(w.objectName());
    if (w.itemKey() != null) {
      b.key(w.itemKey());
    }
    if (w.itemIndex() != null) {
      b.index(w.itemIndex());
    }
    if (w.dataText() != null) {
      b.data(w.dataText());
    }
    return b.build();
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
    return builder;
  }

  private void printRequest(PrintWriter out, FormParams params, String token) {
    out.println("POST " + to + (token == null && signing.signingKey == null ? "  (unsigned: no --auth-token and no $TWILIO_AUTH_TOKEN)" : ""));
    for (String header : signatureHeaders(params, token)) {
      out.println("  " + header);
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
    List<String> signature = signatureHeaders(params, token);
    if (!signature.isEmpty()) {
      signature.forEach(header -> out.println(header + "   (for this exact URL and body)"));
    } else {
      out.println(TwilioSignature.HEADER + ": none (no --auth-token and no $TWILIO_AUTH_TOKEN)");
    }
    out.println();
    out.println("curl -sS -X POST " + shell(to) + " \\");
    out.println("  -H " + shell("Content-Type: " + SignedWebhook.CONTENT_TYPE) + " \\");
    out.println("  -H " + shell("User-Agent: " + WebhookSender.USER_AGENT) + " \\");
    for (String header : signatureHeaders(params, token)) {
      out.println("  -H " + shell(header) + " \\");
    }
    out.println("  --data-raw " + shell(body));
  }

  /** The signature headers sent: a Webhook Rule's two with --signing-key, else the token's one, else none. */
  private List<String> signatureHeaders(FormParams params, String token) {
    SigningKey signingKey = signing.signingKey;
    if (signingKey != null) {
      return List.of(TwilioSignature.HEADER + ": " + signingKey.sign(to, params),
          TwilioSignature.SETTINGS_HEADER + ": " + signingKey.settingsHeaderValue());
    }
    return token == null ? List.of() : List.of(TwilioSignature.HEADER + ": " + TwilioSignature.compute(token, to, params));
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
}
