package dev.syncwire.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through {@code /usr/bin/chromedriver}, with a fresh profile and
 * a download folder of its own. Skips the test only when the driver is missing and
 * {@code SYNCWIRE_REQUIRE_BROWSER} is unset (CI sets it, so a missing browser fails there).
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile, Path downloads) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
  }

  /** Starts Chromium, or skips the calling test when there is none and none is required. */
  static HeadlessChromium start(Dimension size) {
    boolean driverPresent = Files.isExecutable(CHROMEDRIVER);
    if (!driverPresent && System.getenv("SYNCWIRE_REQUIRE_BROWSER") != null) {
      fail("SYNCWIRE_REQUIRE_BROWSER is set but " + CHROMEDRIVER
          + " is missing; install it with: apt-get install -y chromium chromium-driver");
    }
    assumeTrue(driverPresent, "no " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver); "
        + "set SYNCWIRE_REQUIRE_BROWSER=1 to fail instead of skipping");
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMEDRIVER + " is there but " + CHROMIUM + " is not; install it with: apt-get install -y chromium");
    }
    try {
      Path profile = Files.createTempDirectory("syncwire-chromium-profile-");
      Path downloads = Files.createTempDirectory("syncwire-chromium-downloads-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // No network here: nothing may try to reach Google (component updates, sync, QUIC probes).
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
          "--disable-dev-shm-usage", "--user-data-dir=" + profile,
          "--window-size=" + size.getWidth() + "," + size.getHeight());
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // console errors and CSP reports, for asserts
      options.setExperimentalOption("prefs", Map.of(
          "download.default_directory", downloads.toString(),
          "download.prompt_for_download", false));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      return new HeadlessChromium(new ChromeDriver(service, options), profile, downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits, by polling a condition, up to 20 s (two CPUs, shared); a timeout says what the page showed. */
  <T> T until(Function<WebDriver, T> condition) {
    // A row or the detail pane is redrawn when its event changes: an element read mid-redraw is stale, so look again.
    return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(this::shown)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** The rows and the notice, as text: what a failed wait reports. */
  private String shown() {
    try {
      return "the page showed: " + driver.findElements(By.cssSelector("[data-testid=event-row]")).stream()
          .map(WebElement::getText).map(t -> t.replace('\n', ' ')).toList()
          + "; notice: " + byTestId("notice").getText();
    } catch (RuntimeException e) {
      return "the page could not be read: " + e.getMessage();
    }
  }

  WebElement byTestId(String testId) {
    return driver.findElement(By.cssSelector("[data-testid=\"" + testId + "\"]"));
  }

  /** The console's errors since the last call (a blocked inline script or a CSP violation shows here). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
  }

  /** Opens the page and waits until it loaded the recorded events and opened the live stream. */
  void open(String url) {
    driver.get(url);
    until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
        && "live".equals(byTestId("connection").getDomAttribute("data-state")));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
      delete(downloads);
    }
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
