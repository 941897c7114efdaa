package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.rest.sync.v1.service.Document;
import com.twilio.rest.sync.v1.service.SyncMap;
import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
import dev.syncwire.fixtures.Webhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The inspector page in a real browser (headless Chromium) against a real {@code syncwire up}:
 * events arrive live, filters, the detail pane, replay to a handler that checks the signature with
 * twilio-java's {@code RequestValidator}, export and import, the state view, and markup in event
 * data that must stay text. In the cli module because the state view needs {@code up}, which
 * wires the fake's state into the receiver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectorBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPT = "<script>window.__xss=(window.__xss||0)+1;alert('script')</script>";
  private static final String IMG = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('img')\">";
  private static final String JS_URL = "javascript:window.__xss=(window.__xss||0)+1;alert('url')";

  private HeadlessChromium browser;
  private UpInProcess up;

  @BeforeAll
  void start(@TempDir Path dir) {
    browser = HeadlessChromium.start(new Dimension(1500, 1000));
    up = UpInProcess.start(dir);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (up != null) {
        up.close();
      }
    }
  }

  @BeforeEach
  void forgetEverything() {
    up.reset();
  }

  @Test
  void anEventMadeAfterThePageLoadedAppearsOnTopWithoutAReloadAndPauseHoldsIt() {
    browser.open(up.receiverUrl());
    browser.driver.executeScript("window.__sameDocument = 'yes'");

    SyncMap.creator(up.service()).setUniqueName("user-presence").create(up.client);
    SyncMapItem.creator(up.service(), "user-presence", "user-123", Map.of("status", "online")).create(up.client);

    browser.until(d -> rows().size() == 2);
    assertThat(cell(rows().get(0), "row-type")).isEqualTo("map_item_added");
    assertThat(cell(rows().get(0), "row-object")).isEqualTo("user-presence");
    assertThat(cell(rows().get(0), "row-key")).isEqualTo("user-123");
    assertThat(cell(rows().get(0), "row-status")).isEqualTo("accepted");
    assertThat(rows().get(0).getText()).contains("valid");
    assertThat(cell(rows().get(1), "row-type")).isEqualTo("map_created");
    assertThat(browser.driver.executeScript("return window.__sameDocument")).isEqualTo("yes");

    browser.byTestId("pause").click();
    SyncMapItem.updater(up.service(), "user-presence", "user-123").setData(Map.of("status", "away")).update(up.client);
    browser.until(d -> browser.byTestId("pause").getText().equals("Resume (1 new)"));
    assertThat(rows()).hasSize(2);
    browser.byTestId("pause").click();
    browser.until(d -> rows().size() == 3);
    assertThat(cell(rows().get(0), "row-type")).isEqualTo("map_item_updated");
  }

  @Test
  void filtersAndSearchNarrowTheRowsAndSurviveAReload() {
    up.post(Webhooks.mapItemAdded().map("user-presence").key("user-1").dataOf(Map.of("status", "online")));
    up.post(Webhooks.documentUpdated().document("call-CA42").dataOf(Map.of("stage", "menu", "selections", List.of(1))));
    up.post(Webhooks.listItemAdded().list("activity-feed").index(7).dataOf(Map.of("action", "login")));
    up.post(Webhooks.mapItemAdded().seedDialect().map("user-presence").key("user-2").dataOf(Map.of("status", "away")));
    up.post(Webhooks.mapItemRemoved().map("user-presence").key("user-3").remove("ItemKey"));

    browser.open(up.receiverUrl()); // what came before the page loaded comes from the query API
    browser.until(d -> rows().size() == 5);
    assertThat(browser.byTestId("count").getText()).isEqualTo("5 events");
    WebElement seed = rowWithKey("user-2");
    assertThat(cell(seed, "row-type")).isEqualTo("map_item_added");
    assertThat(cell(seed, "row-arrived-as")).isEqualTo("as map_item_created");

    type("filter-type", "document");
    browser.until(d -> rows().size() == 1);
    assertThat(cell(rows().get(0), "row-object")).isEqualTo("call-CA42");
    resetFilters();

    browser.byTestId("filter-status").sendKeys("rejected");
    browser.until(d -> rows().size() == 1);
    assertThat(cell(rows().get(0), "row-type")).isEqualTo("map_item_removed");
    resetFilters();

    type("filter-object", "activity");
    browser.until(d -> rows().size() == 1);
    assertThat(cell(rows().get(0), "row-key")).isEqualTo("#7");
    resetFilters();

    type("filter-key", "user-1");
    browser.until(d -> rows().size() == 1);
    resetFilters();

    type("filter-type", "map_item_created"); // either dialect's name finds both
    browser.until(d -> rows().size() == 2);
    resetFilters();

    type("search", "menu");
    browser.until(d -> rows().size() == 1);
    assertThat(cell(rows().get(0), "row-object")).isEqualTo("call-CA42");
    assertThat(browser.byTestId("count").getText()).isEqualTo("1 of 5 events");

    browser.driver.navigate().refresh();
    browser.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertThat(browser.byTestId("search").getDomProperty("value")).isEqualTo("menu");
    browser.until(d -> rows().size() == 1);
  }

  @Test
  void theDetailPaneShowsParamsHeadersPrettyDataAndWhyAnEventWasRejected() throws Exception {
    up.post(Webhooks.mapItemAdded().map("user-presence").key("user-123")
        .dataOf(Map.of("status", "online", "device", "ios")));
    up.post(Webhooks.mapItemRemoved().map("user-presence").key("user-9").remove("ItemKey"));
    browser.open(up.receiverUrl());
    browser.until(d -> rows().size() == 2);

    rowWithKey("user-123").click();
    browser.until(d -> browser.byTestId("detail").isDisplayed());
    assertThat(browser.byTestId("detail-title").getText()).isEqualTo("map_item_added");
    String data = browser.byTestId("detail-data").findElement(By.tagName("pre")).getText();
    assertThat(JSON.readTree(data)).isEqualTo(JSON.valueToTree(Map.of("status", "online", "device", "ios")));
    assertThat(data).contains("\n  \"status\": \"online\""); // pretty-printed, one field a line
    assertThat(browser.byTestId("detail-params").getText()).contains("ItemKey user-123").contains("EventType map_item_added");
    assertThat(browser.byTestId("detail-headers").getText()).contains("X-Twilio-Signature").contains("I-Twilio-Idempotency-Token");
    assertThat(browser.driver.findElements(By.cssSelector("[data-testid=detail-errors]"))).isEmpty();

    rows().stream().filter(r -> cell(r, "row-status").equals("rejected")).findFirst().orElseThrow().click();
    browser.until(d -> browser.byTestId("detail-title").getText().equals("map_item_removed"));
    assertThat(browser.byTestId("detail-errors").getText()).contains("ItemKey").contains("required");
  }

  @Test
  void replayAndEditAndReplayReachTheHandlerWithValidSignatures() throws Exception {
    try (SignatureCheckingHandler handler = new SignatureCheckingHandler(up.authToken())) {
      up.post(Webhooks.mapItemAdded().map("user-presence").key("user-123").dataOf(Map.of("status", "online")));
      browser.open(up.receiverUrl());
      browser.until(d -> rows().size() == 1);
      String id = rows().get(0).getDomAttribute("data-id");
      rows().get(0).click();
      WebElement url = browser.byTestId("replay-url");
      url.clear();
      url.sendKeys(handler.url());

      browser.byTestId("replay").click();
      SignatureCheckingHandler.Received replay = handler.next(Duration.ofSeconds(10));
      assertThat(replay.signatureValid()).as("RequestValidator accepts the replay").isTrue();
      assertThat(replay.replayOf()).isEqualTo(id);
      assertThat(replay.params()).containsEntry("ItemKey", "user-123").containsEntry("ItemData", "{\"status\":\"online\"}");
      browser.until(d -> browser.byTestId("replay-result").getText().startsWith("replay -> 200"));
      browser.until(d -> browser.byTestId("detail-forwards").getText().contains(handler.url()));

      browser.byTestId("edit-replay").click();
      WebElement data = browser.byTestId("edit-data");
      data.clear();
      data.sendKeys("{\"status\": \"away\", \"note\": \"edited\"}");
      WebElement params = browser.byTestId("edit-params");
      ObjectNode edited = (ObjectNode) JSON.readTree(params.getDomProperty("value"));
      edited.put("ItemKey", "user-456");
      params.clear();
      params.sendKeys(edited.toString());
      browser.byTestId("send-edited").click();

      SignatureCheckingHandler.Received edit = handler.next(Duration.ofSeconds(10));
      assertThat(edit.signatureValid()).as("RequestValidator accepts the edited replay, re-signed").isTrue();
      assertThat(edit.params()).containsEntry("ItemKey", "user-456");
      assertThat(JSON.readTree(edit.params().get("ItemData")))
          .isEqualTo(JSON.valueToTree(Map.of("status", "away", "note", "edited")));
      assertThat(edit.replayOf()).isEqualTo(id);
      browser.until(d -> browser.byTestId("detail-forwards")
          .findElements(By.cssSelector("[data-testid=detail-forward]")).size() == 2);
      browser.until(d -> cell(rows().get(0), "row-forward").startsWith("replay -> 200"));
    }
  }

  @Test
  void exportedEventsImportBackAsNewEvents() throws Exception {
    up.post(Webhooks.mapItemAdded().map("user-presence").key("user-1").dataOf(Map.of("status", "online")));
    up.post(Webhooks.mapItemAdded().map("user-presence").key("user-2").dataOf(Map.of("status", "away")));
    up.post(Webhooks.documentUpdated().document("call-CA42").dataOf(Map.of("stage", "menu")));
    browser.open(up.receiverUrl());
    browser.until(d -> rows().size() == 3);

    type("filter-type", "map_item");
    browser.until(d -> rows().size() == 2);
    browser.byTestId("export").click();
    Path exported = browser.until(d -> download().orElse(null));
    List<String> lines = Files.readAllLines(exported, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    List<JsonNode> events = lines.stream().map(InspectorBrowserTest::json).toList();
    assertThat(events).extracting(e -> e.path("itemKey").asText()).containsExactly("user-1", "user-2");
    long highestExported = events.get(1).path("id").asLong();

    browser.byTestId("clear").click();
    browser.until(d -> rows().isEmpty());
    assertThat(json(up.http("GET", up.receiverUrl() + "/api/events")).path("count").asInt()).isZero();

    browser.byTestId("import-file").sendKeys(exported.toString());
    browser.until(d -> rows().size() == 2);
    assertThat(browser.byTestId("notice").getText()).startsWith("Imported 2 events");
    assertThat(rows()).extracting(r -> cell(r, "row-key")).containsExactly("user-2", "user-1");
    assertThat(rows()).extracting(r -> Long.parseLong(r.getDomAttribute("data-id"))).allMatch(i -> i > highestExported);
    assertThat(rows()).extracting(r -> cell(r, "row-status")).containsOnly("accepted");
  }

  @Test
  void theStateViewFollowsChangesMadeThroughTheFake() {
    browser.open(up.receiverUrl());
    browser.until(d -> browser.byTestId("state").isDisplayed());

    SyncMap.creator(up.service()).setUniqueName("user-presence").create(up.client);
    SyncMapItem.creator(up.service(), "user-presence", "user-123", Map.of("status", "online")).setTtl(300).create(up.client);
    browser.until(d -> stateItem("user-123").map(t -> t.contains("{\"status\":\"online\"}") && t.contains("expires")).orElse(false));

    SyncMapItem.updater(up.service(), "user-presence", "user-123").setData(Map.of("status", "away")).update(up.client);
    browser.until(d -> stateItem("user-123").map(t -> t.contains("{\"status\":\"away\"}")).orElse(false));

    Document.creator(up.service()).setUniqueName(IMG).setData(Map.of("stage", SCRIPT)).create(up.client);
    browser.until(d -> browser.byTestId("state-body").getText().contains(IMG));
    assertThat(browser.byTestId("state-body").getText()).contains(SCRIPT);
    assertNothingRan();

    SyncMapItem.deleter(up.service(), "user-presence", "user-123").delete(up.client);
    browser.until(d -> stateItem("user-123").isEmpty());
  }

  @Test
  void markupInDataParamNamesAndUniqueNamesIsShownAsTextAndRunsNothing() {
    up.post(Webhooks.mapItemAdded().map(SCRIPT).key(IMG).dataOf(Map.of("html", SCRIPT, "img", IMG, "link", JS_URL))
        .set(SCRIPT, JS_URL).set(IMG, "x").set(JS_URL, IMG));
    browser.open(up.receiverUrl());
    // And live, after load: a change through the fake with markup in the unique name and the data.
    Document.creator(up.service()).setUniqueName(IMG).setData(Map.of("link", JS_URL, "html", SCRIPT)).create(up.client);
    browser.until(d -> rows().size() == 2);

    for (int i = 0; i < 2; i++) {
      rows().get(i).click();
      int row = i;
      browser.until(d -> browser.byTestId("detail-sub").getText().startsWith("#" + rows().get(row).getDomAttribute("data-id")));
      String detail = browser.byTestId("detail-body").getText();
      assertThat(detail).contains(SCRIPT).contains(JS_URL);
      assertNothingRan();
    }
    WebElement posted = rowWithKey(IMG);
    assertThat(cell(posted, "row-object")).isEqualTo(SCRIPT);
    posted.click();
    browser.until(d -> browser.byTestId("detail-params").getText().contains(SCRIPT + " " + JS_URL));
    assertThat(browser.byTestId("detail-params").getText()).contains(IMG + " x").contains(JS_URL + " " + IMG);
    assertThat(cell(rows().get(0), "row-object")).isEqualTo(IMG);

    browser.byTestId("copy-curl").click();
    browser.until(d -> browser.byTestId("curl").isDisplayed());
    assertThat(browser.byTestId("curl").getText()).startsWith("curl -X POST '" + up.receiverUrl() + "/webhooks'");
    assertNothingRan();
  }

  /** No alert open, no script of the page's data ran, no element made from it. */
  private void assertNothingRan() {
    assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
    assertThat(browser.driver.findElements(By.tagName("script"))).hasSize(1); // inspector.js
    assertThat(browser.driver.findElements(By.tagName("img"))).hasSize(1); // the logo
    assertThat(browser.driver.findElements(By.cssSelector("a[href], [onerror], iframe, object, embed"))).isEmpty();
    assertThat(browser.consoleErrors()).as("console errors and CSP reports").isEmpty();
  }

  private List<WebElement> rows() {
    return browser.driver.findElements(By.cssSelector("[data-testid=event-row]"));
  }

  private WebElement rowWithKey(String key) {
    return rows().stream().filter(r -> cell(r, "row-key").equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no row with key " + key));
  }

  private static String cell(WebElement row, String testId) {
    return row.findElement(By.cssSelector("[data-testid=" + testId + "]")).getDomProperty("textContent");
  }

  private Optional<String> stateItem(String key) {
    return browser.driver.findElements(By.cssSelector("[data-testid=state-item]")).stream()
        .map(e -> e.getDomProperty("textContent")).filter(t -> t.startsWith(key)).findFirst();
  }

  private void type(String testId, String text) {
    browser.byTestId(testId).sendKeys(text);
  }

  private void resetFilters() {
    browser.byTestId("filter-reset").click();
    browser.until(d -> browser.byTestId("count").getText().equals("5 events"));
  }

  /** The finished download (Chromium writes {@code .crdownload} until it is complete). */
  private Optional<Path> download() {
    try (Stream<Path> files = Files.list(browser.downloads)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
