package dev.syncwire.cli;

import dev.syncwire.fixtures.SyncContract;
import dev.syncwire.harness.fake.FakeClock;
import dev.syncwire.receiver.SignatureMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check an option's value before anything starts. picocli puts
 * {@code Invalid value for option '--port': } in front of each message, so a message says what was
 * received and what to give instead. Each rule lives here once; an option shared by several commands
 * is declared once too, in a mixin ({@link SigningOptions}, {@link CheckingOptions},
 * {@link FormatOption}, {@link TimeoutOption}, {@link JournalOption}, {@link ColorOption},
 * {@link FakeOptions}). Options that share a name but not a role ({@code --port}, {@code --host},
 * {@code --account-sid}: the fake's own versus the one trigger writes) share only their rule here.
 */
final class OptionValues {
  private OptionValues() {}

  /** A time-out: {@code PT10S}, {@code 10s}, {@code 500ms} or plain seconds, more than zero. */
  static final class Timeout implements ITypeConverter<Duration> {
    private static final String EXAMPLES = "; use e.g. 10s, 500ms or PT10S";

    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      Duration duration;
      try {
        if (v.startsWith("pt")) {
          duration = Duration.parse(v.toUpperCase(Locale.ROOT));
        } else if (v.endsWith("ms")) {
          duration = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else {
          duration = Duration.ofMillis((long) (Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000));
        }
      } catch (RuntimeException e) {
        throw new TypeConversionException("'" + value + "' is not a duration" + EXAMPLES);
      }
      if (duration.isZero() || duration.isNegative()) {
        throw new TypeConversionException("'" + value + "' is not more than zero" + EXAMPLES);
      }
      return duration;
    }
  }

  /** A TCP port, 0 to 65535. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int port;
      try {
        port = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a port number; give 0 to 65535 (0 picks a free one)");
      }
      if (port < 0 || port > 65535) {
        throw new TypeConversionException(port + " is not a port number; give 0 to 65535 (0 picks a free one)");
      }
      return port;
    }
  }

  /** How many events to hold in memory: 1 or more. */
  static final class EventCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int count;
      try {
        count = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number; give 1 or more, e.g. 100000");
      }
      if (count < 1) {
        throw new TypeConversionException(count + " would hold no events; give 1 or more, e.g. 100000");
      }
      return count;
    }
  }

  /** enforce, warn or off, in any case. */
  static final class Signature implements ITypeConverter<SignatureMode> {
    @Override
    public SignatureMode convert(String value) {
      try {
        return SignatureMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not a mode; use enforce (403 on a bad signature),"
            + " warn (record it, flagged invalid) or off (no check)");
      }
    }
  }

  /** An auth token: not blank (a blank token would make every signature check fail). */
  static final class AuthToken implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("the token is empty; give the auth token of the Twilio account"
            + " (the Console shows it), or leave --auth-token out");
      }
      return value;
    }
  }

  /** A Webhook Rule key as KEY_ID:SECRET (split at the first colon); messages never echo the secret. */
  static final class SigningKeyValue implements ITypeConverter<dev.syncwire.fixtures.SigningKey> {
    @Override
    public dev.syncwire.fixtures.SigningKey convert(String value) {
      try {
        return dev.syncwire.fixtures.SigningKey.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code value} parsed as a URI whose scheme is http or https; else a conversion error ending in {@code hint}. */
  private static URI httpUrl(String value, String notHttp, String hint) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new TypeConversionException("'" + value + "' is not a URL (" + e.getReason() + ")" + hint);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new TypeConversionException("'" + value + "' " + notHttp + hint);
    }
    return uri;
  }

  /** The URL Twilio calls: http(s), a host, an optional path; the same rules the receiver applies. */
  static final class PublicUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      String hint = "; give the URL Twilio calls, such as https://abc.ngrok.app";
      URI uri = httpUrl(value, "does not start with https:// or http://", hint);
      if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
        throw new TypeConversionException("'" + value + "' has no host" + hint);
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new TypeConversionException("'" + value + "' has a query or fragment; give only the origin and path,"
            + " such as https://abc.ngrok.app");
      }
      return uri;
    }
  }

  /** Where {@code --forward-to} sends accepted events: an absolute http(s) URL with a host, no fragment. */
  static final class ForwardTo implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      String hint = "; give the URL of your handler, such as http://127.0.0.1:3000/sync";
      URI uri = httpUrl(value, "is not an absolute URL starting with http:// or https://", hint);
      if (uri.getHost() == null) {
        throw new TypeConversionException("'" + value + "' has no host" + hint);
      }
      if (uri.getRawFragment() != null) {
        throw new TypeConversionException("'" + value + "' has a #fragment, which never goes on the wire" + hint);
      }
      return uri;
    }
  }

  /** A journal file: a path that is not empty and not a directory (EventJournal creates missing parents). */
  static final class JournalFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("the path is empty; give a file, such as events.jsonl");
      }
      Path path;
      try {
        path = Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("'" + value + "' is not a file path (" + e.getReason() + ");"
            + " give a file, such as events.jsonl");
      }
      if (Files.isDirectory(path)) {
        throw new TypeConversionException(value + " is a directory; give a file inside it, such as "
            + path.resolve("events.jsonl"));
      }
      return path;
    }
  }

  /** A control API token: not blank, no spaces (it travels in an Authorization header). */
  static final class ControlToken implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank() || !value.equals(value.strip()) || value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new TypeConversionException("'" + value + "' cannot be a token: give printable ASCII without spaces,"
            + " such as the output of: openssl rand -hex 16");
      }
      return value;
    }
  }

  /** A file that exists and is not a directory. */
  static final class ExistingFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path path = new JournalFile().convert(value);
      if (!Files.isRegularFile(path)) {
        throw new TypeConversionException(value + " does not exist; give a snapshot file written by --export-on-exit"
            + " or GET /__syncwire/snapshot");
      }
      return path;
    }
  }

  /**
   * A dotenv file to write: not a directory, in a folder that exists and can be written, so a typo
   * is reported before anything starts rather than after both servers listen.
   */
  static final class EnvFilePath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      String hint = "; give a file in a folder you can write, such as .env.syncwire";
      if (value.isBlank()) {
        throw new TypeConversionException("the path is empty" + hint);
      }
      Path path;
      try {
        path = Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("'" + value + "' is not a file path (" + e.getReason() + ")" + hint);
      }
      if (Files.isDirectory(path)) {
        throw new TypeConversionException(value + " is a directory; give a file inside it, such as "
            + path.resolve(".env.syncwire"));
      }
      Path folder = path.toAbsolutePath().getParent();
      if (!Files.isDirectory(folder)) {
        throw new TypeConversionException(value + ": the folder " + folder + " does not exist" + hint);
      }
      if (!Files.isWritable(folder)) {
        throw new TypeConversionException(value + ": the folder " + folder + " cannot be written" + hint);
      }
      return path;
    }
  }

  /** A folder for syncwire's CA: not a file; made (with its parents) when missing. */
  static final class CaDir implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      String hint = "; give a folder (made if missing), such as ~/.syncwire/ca";
      if (value.isBlank()) {
        throw new TypeConversionException("the path is empty" + hint);
      }
      Path path;
      try {
        path = Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("'" + value + "' is not a folder path (" + e.getReason() + ")" + hint);
      }
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw new TypeConversionException(value + " is a file, not a folder" + hint);
      }
      return path;
    }
  }

  /**
   * An address of this machine to listen on. Resolved and tried here, so a name that does not
   * resolve, or an address that belongs to another machine, is reported before anything starts.
   */
  static final class Host implements ITypeConverter<InetAddress> {
    private static final String CHOICES = "127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface)";

    @Override
    public InetAddress convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("the address is empty; give " + CHOICES);
      }
      InetAddress address;
      try {
        address = InetAddress.getByName(value.trim());
      } catch (UnknownHostException e) {
        throw new TypeConversionException("'" + value + "' does not resolve to an address; give " + CHOICES);
      }
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(address, 0));
      } catch (IOException e) {
        throw new TypeConversionException(value
            + (value.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")")
            + " is not an address of this machine, so nothing can listen on it (" + e.getMessage() + "); give " + CHOICES);
      }
      return address;
    }
  }

  /** system, manual, or manual=ISO-8601 instant; the words in any case. */
  static final class Clock implements ITypeConverter<ClockSetting> {
    private static final String CHOICES = "give system (real time, the default), manual (time stands still until"
        + " moved) or manual=2026-01-01T00:00:00Z (manual, starting at that instant)";

    @Override
    public ClockSetting convert(String value) {
      String text = value.trim();
      int equals = text.indexOf('=');
      String mode = (equals < 0 ? text : text.substring(0, equals)).toLowerCase(Locale.ROOT);
      if (mode.equals("system") && equals < 0) {
        return ClockSetting.SYSTEM;
      }
      if (!mode.equals("manual")) {
        throw new TypeConversionException("'" + value + "' is not a clock; " + CHOICES);
      }
      if (equals < 0) {
        return new ClockSetting(FakeClock.Mode.MANUAL, null);
      }
      String start = text.substring(equals + 1).trim();
      try {
        return new ClockSetting(FakeClock.Mode.MANUAL, Instant.parse(start));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' does not start the manual clock at an ISO-8601 instant"
            + " ('" + start + "' is not one); give manual=2026-01-01T00:00:00Z, or manual for the current second");
      }
    }
  }

  /** A Twilio SID with a given prefix: the prefix and 32 hex digits. */
  abstract static class Sid implements ITypeConverter<String> {
    private final String prefix;
    private final String what;
    private final String example;

    Sid(String prefix, String what, String example) {
      this.prefix = prefix;
      this.what = what;
      this.example = example;
    }

    @Override
    public String convert(String value) {
      String sid = value.trim();
      if (!SyncContract.isSid(sid, prefix)) {
        throw new TypeConversionException("'" + value + "' is not " + what + "; give " + prefix
            + " and 32 hex digits, such as " + example);
      }
      return sid;
    }
  }

  static final class AccountSid extends Sid {
    AccountSid() {
      super("AC", "an account SID", "AC977940c8667efce543446d4857af4375");
    }
  }

  static final class ServiceSid extends Sid {
    ServiceSid() {
      super("IS", "a Sync service SID", "IS2f5e0f21e2fd081f101fcf264193cbd1");
    }
  }
}
