package dev.syncwire.receiver.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import dev.syncwire.receiver.ReceiverConfig;
import dev.syncwire.receiver.SyncReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console a person watches: real webhooks into a real receiver, its lines read back. */
class ConsoleLogTest {
  static final String TOKEN = "console-token-0123456789abcdef";
  static final String ESC = "\u001b[";

  private static String run(boolean color, WebhookBody... bodies) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().authToken(TOKEN).console(console)
        .consoleColor(color).build())) {
      for (WebhookBody body : bodies) {
        WebhookSender.to(receiver.webhookUrl()).authToken(body.token()).send(body.params());
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  record WebhookBody(String token, dev.syncwire.fixtures.FormParams params) {}

  @Test
  void aPlainLinePerEventWithAOneLinePreviewOfAtMost60CharactersAndASummaryOnClose() {
    String data = "{\"status\":\"online\",\n \"note\":\"" + "x".repeat(100) + "\"}";
    String out = run(false,
        new WebhookBody(TOKEN, Webhooks.mapItemAdded().map("user-presence").key("user-123").data(data).build()),
        new WebhookBody(TOKEN, Webhooks.mapItemAdded().map("user-presence").key("user-456").build()),
        new WebhookBody("wrong-token", Webhooks.documentUpdated().document("doc-1").build()));

    assertThat(out).doesNotContain(ESC);
    List<String> lines = out.lines().toList();
    String first = lines.stream().filter(l -> l.contains("#1 ")).findFirst().orElseThrow();
    assertThat(first).contains("accepted", "map_item_added", "user-presence/user-123", "signature=valid",
        "{\"status\":\"online\", \"note\":\"xxx");
    String preview = first.substring(first.indexOf("signature=valid") + "signature=valid".length()).trim();
    assertThat(preview).hasSize(60).endsWith("...");
    assertThat(out).contains("rejected", "document_updated", "signature=invalid");
    assertThat(out).contains("summary: 3 events (2 accepted, 1 rejected)");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("  map_item_added +2  \\(2 accepted\\)"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("  document_updated +1  \\(1 rejected\\)"));
  }

  @Test
  void colouredOnATerminalStatusAndVerdictInTheirColours() {
    String out = run(true,
        new WebhookBody(TOKEN, Webhooks.mapItemAdded().map("user-presence").key("user-123").build()),
        new WebhookBody("wrong-token", Webhooks.documentUpdated().document("doc-1").build()));

    assertThat(out).contains(ESC + "32maccepted ", ESC + "32msignature=valid" + ESC + "0m",
        ESC + "31mrejected ", ESC + "31msignature=invalid" + ESC + "0m");
  }

  @Test
  void escapeSequencesInWebhookDataNeverReachTheTerminal() {
    String out = run(true, new WebhookBody(TOKEN, Webhooks.mapItemAdded().map("user-presence").key("k\u001b[2J")
        .data("{\"x\":\"\u001b]0;pwned\u0007\"}").build()));

    assertThat(out).doesNotContain("\u001b[2J", "\u001b]0;", "\u0007").contains("user-presence/k?[2J", "{\"x\":\"?]0;pwned?\"}");
  }

  @Test
  void aReceiverWithoutEventsSaysSoOnClose() {
    assertThat(run(false)).isEqualTo("summary: no events received" + System.lineSeparator());
  }

  @Test
  void previewCutsAtALimitWithoutSplittingASurrogatePair() {
    assertThat(ConsoleStyle.preview("a\tb\n\nc", 60)).isEqualTo("a b c");
    String cut = ConsoleStyle.preview("\uD83D\uDE00".repeat(40), 60);
    assertThat(cut.length()).isLessThanOrEqualTo(60);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 4))).isFalse();
    assertThat(cut).endsWith("...");
  }
}
