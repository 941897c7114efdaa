package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncList;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.SyncStream;
import com.twilio.rest.sync.v1.service.synclist.SyncListItem;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import com.twilio.rest.sync.v1.service.syncstream.StreamMessage;
import dev.syncwire.fixtures.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The README's picture of the inspector: {@code up --forward-to} a handler, the seed's four patterns
 * (presence map, call-state document, activity-feed list, typing stream) made through the fake with
 * twilio-java, one seed-dialect webhook and one rejected. Writes {@code target/inspector.png}; to
 * refresh the README's copy:
 * <pre>
 * mvn -B -q -pl cli -am test -Dtest=InspectorScreenshotTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsyncwire.screenshot=$PWD/docs/inspector.png
 * </pre>
 */
class InspectorScreenshotTest {
  private static final String AUTH_TOKEN = "3f9a1c7e5b2d4f6081a9c3e5d7b1f2a4";

  @Test
  void theSeedsPatternsForwardedToAHandler(@TempDir Path dir) throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.start(new Dimension(1800, 1100));
        SignatureCheckingHandler handler = new SignatureCheckingHandler(AUTH_TOKEN);
        UpInProcess up = UpInProcess.start(dir, "--auth-token", AUTH_TOKEN, "--forward-to", handler.url())) {
      browser.open(up.receiverUrl());
      String service = up.service();

      // User presence: a map item per user, with a 5-minute heartbeat TTL.
      SyncMap.creator(service).setUniqueName("user-presence").create(up.client);
      SyncMapItem.creator(service, "user-presence", "user-123",
          Map.of("status", "online", "lastSeen", "2026-12-05T09:14:03Z", "device", "ios")).setTtl(300).create(up.client);
      SyncMapItem.creator(service, "user-presence", "user-456",
          Map.of("status", "away", "lastSeen", "2026-12-05T09:12:40Z", "device", "web")).setTtl(300).create(up.client);
      // Call state: a document per call, one hour TTL, updated as the caller moves through the menu.
      String call = "call-CA8f1e2d3c4b5a69788796a5b4c3d2e1f0";
      Document.creator(service).setUniqueName(call)
          .setData(Map.of("stage", "greeting", "selections", List.of(), "startTime", "2026-12-05T09:14:05Z"))
          .setTtl(3600).create(up.client);
      Document.updater(service, call)
          .setData(Map.of("stage", "menu", "selections", List.of("1"), "startTime", "2026-12-05T09:14:05Z"))
          .update(up.client);
      // Activity feed: an ordered list.
      SyncList.creator(service).setUniqueName("activity-feed").create(up.client);
      SyncListItem.creator(service, "activity-feed", Map.of("userId", "user-123", "action", "joined",
          "details", Map.of("room", "support"), "timestamp", "2026-12-05T09:14:07Z")).create(up.client);
      SyncListItem.creator(service, "activity-feed", Map.of("userId", "user-456", "action", "uploaded",
          "details", Map.of("file", "invoice.pdf"), "timestamp", "2026-12-05T09:14:09Z")).create(up.client);
      // Typing indicators: stream messages, not kept; no webhook, as real Twilio sends none (stream webhooks are off).
      SyncStream.creator(service).setUniqueName("room-events").create(up.client);
      StreamMessage.creator(service, "room-events",
          Map.of("type", "typing", "userId", "user-123", "roomId", "support", "isTyping", true)).create(up.client);
      SyncMapItem.updater(service, "user-presence", "user-456")
          .setData(Map.of("status", "online", "lastSeen", "2026-12-05T09:14:11Z", "device", "web")).update(up.client);
      // What the seed's own code would send, and a webhook missing its ItemKey.
      up.post(Webhooks.mapItemAdded().seedDialect().map("user-presence").key("user-789")
          .dataOf(Map.of("status", "online", "device", "android")));
      up.post(Webhooks.mapItemRemoved().map("user-presence").key("user-000").remove("ItemKey"));

      int expected = 11;
      browser.until(d -> rows(browser).size() == expected);
      // Every accepted event was forwarded, signed, and its result came back over the event stream.
      browser.until(d -> rows(browser).stream().filter(r -> forward(r).startsWith("-> 200")).count() == expected - 1);
      for (int i = 0; i < expected - 1; i++) {
        assertThat(handler.next(Duration.ofSeconds(10)).signatureValid()).isTrue();
      }
      assertThat(rows(browser).get(0).getText()).contains("rejected");

      rows(browser).stream().filter(r -> r.getText().contains("document_updated")).findFirst().orElseThrow().click();
      browser.until(d -> browser.byTestId("detail-title").getText().equals("document_updated"));
      browser.until(d -> browser.byTestId("state-body").getText().contains("invoice.pdf"));

      Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
      Path target = Path.of(System.getProperty("syncwire.screenshot", "target/inspector.png"));
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
      assertThat(Files.size(target)).isGreaterThan(10_000);
    }
  }

  private static List<WebElement> rows(HeadlessChromium browser) {
    return browser.driver.findElements(By.cssSelector("[data-testid=event-row]"));
  }

  private static String forward(WebElement row) {
    return row.findElement(By.cssSelector("[data-testid=row-forward]")).getDomProperty("textContent");
  }
}
