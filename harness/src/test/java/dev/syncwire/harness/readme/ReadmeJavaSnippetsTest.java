package dev.syncwire.harness.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * README.md's Java fragments, compiled as pasted into a method with the imports a user would add,
 * and run where they need nothing from outside (the quick start is a module of its own:
 * examples/quickstart). Lives here because the harness's test classpath has what the fragments
 * name, Awaitility included.
 */
class ReadmeJavaSnippetsTest {
  private static final Path README = Path.of("../README.md").toAbsolutePath().normalize();
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("(?:<!-- readme-snippet: ([\\w-]+) -->\n)?```java\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

  /** What a user's file around a fragment imports. */
  private static final String IMPORTS = """
      import static dev.syncwire.fixtures.EventType.MAP_ITEM_UPDATED;
      import static dev.syncwire.harness.EventMatcher.event;
      import static java.util.concurrent.TimeUnit.SECONDS;

      import com.twilio.http.TwilioRestClient;
      import com.twilio.rest.sync.v1.service.SyncMap;
      import com.twilio.rest.sync.v1.service.syncmap.SyncMapItem;
      import dev.syncwire.fixtures.SyncEvent;
      import dev.syncwire.harness.SyncEvents;
      import dev.syncwire.harness.SyncEventsAssert;
      import dev.syncwire.harness.fake.FakeHttpClient;
      import dev.syncwire.harness.fake.SyncApiFake;
      import dev.syncwire.receiver.EventQuery;
      import dev.syncwire.receiver.ReceiverConfig;
      import dev.syncwire.receiver.SyncReceiver;
      import java.time.Duration;
      import java.util.List;
      import java.util.Map;
      import org.awaitility.Awaitility;
      """;

  @Test
  void everyJavaBlockIsTaggedSoNoneGoesUntested() throws IOException {
    assertThat(javaBlocks().keySet()).as("a ```java block in README.md without a <!-- readme-snippet: NAME --> line above it")
        .containsExactly("quickstart-test", "receiver-embedded", "reply-policy", "fake-embedded", "java-against-up",
            "sync-events");
  }

  /**
   * Each fragment inside {@code before}/{@code after}: the variables it uses, declared as a test
   * would. {@code run}: also executed (those reading a running {@code up}'s environment, or awaiting
   * events nobody sends, are only compiled).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "receiver-embedded | '' | '' | true",
      "reply-policy | try (SyncReceiver receiver = SyncReceiver.start(ReceiverConfig.builder().build())) { | } | true",
      "fake-embedded | '' | '' | true",
      "java-against-up | '' | '' | false",
      "sync-events | SyncEvents events = null; | '' | false"})
  void compilesAsPasted(String name, String before, String after, boolean run, @TempDir Path dir) throws Exception {
    String fragment = javaBlocks().get(name);
    assertThat(fragment).as("README.md has no ```java block tagged <!-- readme-snippet: %s -->", name).isNotNull();
    String source = IMPORTS + "\npublic class Snippet {\n  public static void run() throws Exception {\n" + before + "\n"
        + fragment + after + "\n  }\n}\n";
    Path file = Files.writeString(dir.resolve("Snippet.java"), source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("-d", dir.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
    assertThat(compiled).as("README.md's block '%s' does not compile:%n%s%nas%n%s", name, diagnostics, source).isTrue();

    if (run) {
      try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
        Method method = loader.loadClass("Snippet").getMethod("run");
        method.invoke(null); // throws (failing the test) if the fragment does
      }
    }
  }

  private static Map<String, String> javaBlocks() throws IOException {
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher m = JAVA_BLOCK.matcher(Files.readString(README));
    while (m.find()) {
      blocks.put(m.group(1) == null ? "(untagged, line " + m.group(2).lines().findFirst().orElse("") + ")" : m.group(1),
          m.group(2));
    }
    return blocks;
  }
}
