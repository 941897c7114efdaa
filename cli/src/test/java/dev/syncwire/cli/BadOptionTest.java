package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad option value is two lines on stderr: the option, what it got and what to give, then where help is; exit 2. */
class BadOptionTest {
  static Stream<Arguments> badValues() {
    return Stream.of(
        bad("Invalid value for option '--port': 99999 is not a port number; give 0 to 65535 (0 picks a free one)",
            "receive", "--port", "99999"),
        bad("Invalid value for option '--port': -1 is not a port number", "receive", "--port", "-1"),
        bad("Invalid value for option '--port': 70000 is not a port number", "fake", "--port", "70000"),
        bad("Invalid value for option '--fake-port': 65536 is not a port number", "up", "--fake-port", "65536"),
        bad("Invalid value for option '--max-events': 0 would hold no events; give 1 or more",
            "receive", "--max-events", "0"),
        bad("Invalid value for option '--signature': 'bogus' is not a mode; use enforce (403 on a bad signature),"
            + " warn (record it, flagged invalid) or off (no check)", "receive", "--signature", "bogus"),
        bad("--signature enforce needs a token to check signatures against; give --auth-token TOKEN"
            + " (or set $TWILIO_AUTH_TOKEN), or choose --signature off.", "receive", "--signature", "enforce"),
        bad("--signature warn needs a token", "receive", "--signature", "warn"),
        bad("Invalid value for option '--signing-key' (KEY_ID:SECRET): a signing key is KEY_ID:SECRET, such as"
            + " KEY1:s3cret; received a value with no ':' (6 characters)", "receive", "--signing-key", "s3cret"),
        bad("Invalid value for option '--signing-key' (KEY_ID:SECRET): a signing key needs an id and a secret, as"
            + " KEY_ID:SECRET; received key id 'KEY1' with no secret", "receive", "--signing-key", "KEY1:"),
        bad("--signing-key: signing key id 'K1' is given twice; give each key once.",
            "receive", "--signing-key", "K1:a", "--signing-key", "K1:b"),
        bad("Invalid value for option '--webhook-signing-key': a signing key is KEY_ID:SECRET", "fake",
            "--webhook-signing-key", "nocolon"),
        bad("Invalid value for option '--webhook-signing-key': a signing key is KEY_ID:SECRET", "up",
            "--webhook-signing-key", "nocolon"),
        bad("Invalid value for option '--webhook-signing-key': a signing key is KEY_ID:SECRET", "exec",
            "--webhook-signing-key", "nocolon", "--", "true"),
        bad("Invalid value for option '--public-url': 'garbage' does not start with https:// or http://;"
            + " give the URL Twilio calls, such as https://abc.ngrok.app", "receive", "--public-url", "garbage"),
        bad("Invalid value for option '--auth-token' (TOKEN): the token is empty", "receive", "--auth-token="),
        bad("Invalid value for option '--auth-token': the token is empty", "up", "--auth-token="),
        bad("Invalid value for option '--journal': the path is empty; give a file, such as events.jsonl",
            "receive", "--journal="),
        bad("Invalid value for option '--journal': the path is empty", "up", "--journal="),
        bad("Invalid value for option '--host': 'nosuchhost.invalid' does not resolve to an address;"
            + " give 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface)",
            "receive", "--host", "nosuchhost.invalid"),
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
        bad("Invalid value for option '--host': 192.0.2.1 is not an address of this machine, so nothing can listen on it",
            "receive", "--host", "192.0.2.1"),
        bad("Invalid value for option '--account-sid': 'bogus' is not an account SID; give AC and 32 hex digits,"
            + " such as AC", "up", "--account-sid", "bogus"),
        bad("Invalid value for option '--service-sid': 'IS123' is not a Sync service SID; give IS and 32 hex digits",
            "up", "--service-sid", "IS123"),
        bad("Invalid value for option '--account-sid': 'AC123' is not an account SID", "fake", "--account-sid", "AC123"),
        bad("Invalid value for option '--clock': 'fast' is not a clock; give system (real time, the default), manual"
            + " (time stands still until moved) or manual=2026-01-01T00:00:00Z (manual, starting at that instant)",
            "up", "--clock", "fast"),
        bad("Invalid value for option '--clock': 'system=2026-01-01T00:00:00Z' is not a clock; give system",
            "fake", "--clock", "system=2026-01-01T00:00:00Z"),
        bad("Invalid value for option '--clock': 'manual=yesterday' does not start the manual clock at an ISO-8601"
            + " instant ('yesterday' is not one); give manual=2026-01-01T00:00:00Z, or manual for the current second",
            "fake", "--clock", "manual=yesterday"),
        bad("Invalid value for option '--clock': 'manual=' does not start the manual clock at an ISO-8601 instant"
            + " ('' is not one)", "up", "--clock", "manual="),
        // The options below are declared once (SigningOptions, CheckingOptions, FormatOption, TimeoutOption,
        // JournalOption), so every command that takes one checks it by the same rule.
        bad("Invalid value for option '--auth-token': the token is empty", "trigger", "map_item_removed", "--auth-token="),
        bad("Invalid value for option '--auth-token': the token is empty", "replay", "--journal", "x.jsonl",
            "--to", "http://127.0.0.1:9/x", "--auth-token="),
        bad("Invalid value for option '--auth-token': the token is empty", "check-handler",
            "--url", "http://127.0.0.1:9/x", "--auth-token="),
        bad("Invalid value for option '--auth-token' (TOKEN): the token is empty", "verify", "x.jsonl", "--auth-token="),
        bad("--signing-key: signing key id 'K1' is given twice; give each key once.",
            "verify", "x.jsonl", "--signing-key", "K1:a", "--signing-key", "K1:b"),
        bad("Invalid value for option '--timeout': '0s' is not more than zero; use e.g. 10s, 500ms or PT10S",
            "trigger", "map_item_removed", "--timeout", "0s"),
        bad("Invalid value for option '--timeout': 'PT-1S' is not more than zero", "replay", "--journal", "x.jsonl",
            "--to", "http://127.0.0.1:9/x", "--timeout", "PT-1S"),
        bad("Invalid value for option '--timeout': 'soon' is not a duration", "check-handler",
            "--url", "http://127.0.0.1:9/x", "--timeout", "soon"),
        bad("Invalid value for option '--format': 'xml' is not a format; give text (for people)"
            + " or json (one document, for CI)", "lint", "--format", "xml", "."),
        bad("Invalid value for option '--journal': the path is empty", "replay", "--journal=", "--to", "http://127.0.0.1:9/x"),
        bad("Invalid value for option '--journal': the path is empty", "exec", "--journal=", "--", "true"));
  }

  private static Arguments bad(String firstLine, String... args) {
    return Arguments.of(String.join(" ", args), args, firstLine);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void aBadValueIsTwoLinesNamingTheOptionAndExitsWithTwo(String name, String[] args, String firstLine) {
    Cli cli = Cli.run(args);

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err().lines().toList()).as(cli.toString()).hasSize(2);
    assertThat(cli.err()).startsWith(firstLine)
        .contains("\nSee 'syncwire " + args[0] + " --help' for every option.")
        .doesNotContain("\tat ", "Exception", "port(0)", "accountSid", "serviceSid");
    assertThat(cli.out()).as("nothing started").isEmpty();
  }

  @Test
  void aDirectoryAsJournalNamesAFileInsideIt(@TempDir Path dir) {
    Cli cli = Cli.run("receive", "--port", "0", "--journal", dir.toString());

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err()).startsWith("Invalid value for option '--journal': " + dir
        + " is a directory; give a file inside it, such as " + dir.resolve("events.jsonl") + "\n");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void anUnknownOptionIsAShortMessageNotTheWholeUsage() {
    Cli cli = Cli.run("receive", "--prot", "8080");

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).startsWith("Unknown option").doesNotContain("Usage:", "--max-events");
    assertThat(cli.err().lines().count()).isLessThanOrEqualTo(2);
  }
}
