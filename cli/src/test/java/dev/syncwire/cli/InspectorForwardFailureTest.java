package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwire.fixtures.WebhookSender;
import dev.syncwire.fixtures.Webhooks;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/** A handler that is down shows as such on the row and in the detail pane; the sender still got its 200. */
class InspectorForwardFailureTest {
  @Test
  void aHandlerThatIsDownShowsAsConnectionRefused(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // free once closed: nothing listens there
    }
    String down = "http://127.0.0.1:" + closedPort + "/sync";
    try (HeadlessChromium browser = HeadlessChromium.start(new Dimension(1500, 1000));
        UpInProcess up = UpInProcess.start(dir, "--forward-to", down)) {
      browser.open(up.receiverUrl());

      WebhookSender.Result sent = up.post(Webhooks.mapItemAdded().map("user-presence").key("user-123")
          .dataOf(Map.of("status", "online")));
      assertThat(sent.status()).isEqualTo(200);

      browser.until(d -> forward(browser).startsWith("-> connection refused"));
      WebElement badge = browser.driver.findElement(By.cssSelector("[data-testid=row-forward] .badge"));
      assertThat(badge.getDomAttribute("class")).contains("bad");
      assertThat(badge.getDomAttribute("title")).isEqualTo(down);
      browser.driver.findElement(By.cssSelector("[data-testid=event-row]")).click();
      browser.until(d -> browser.byTestId("detail-forwards").getText().contains(down));
      assertThat(browser.byTestId("detail-forwards").getText()).contains("error").contains("connection refused");
      assertThat(browser.byTestId("replay-url").getDomProperty("value")).isEqualTo(down); // replay goes there unless changed
    }
  }

  private static String forward(HeadlessChromium browser) {
    return browser.driver.findElements(By.cssSelector("[data-testid=row-forward]")).stream().findFirst()
        .map(e -> e.getDomProperty("textContent")).orElse("");
  }
}
