package dev.syncwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * README's "Project layout" block names every package of each module, and no package that is
 * gone: a newcomer finds where a feature lives from it, so it must not drift from the tree.
 */
class ReadmeLayoutTest {
  /** {@code .fake.internal:} or {@code .internal.signature;}: a sub-package named in the block. */
  private static final Pattern SUB_PACKAGE = Pattern.compile("(?<![\\w/.])\\.([a-z]+(?:\\.[a-z]+)*)(?=[:;])");

  @ParameterizedTest
  @ValueSource(strings = {"fixtures", "receiver", "harness", "cli"})
  void theLayoutBlockNamesEveryPackageOfTheModuleAndNoOther(String module) throws IOException {
    String block = moduleBlock(module);
    Set<String> inTree = subPackages(module);

    assertThat(block).as("README layout line of %s/", module).contains("dev.syncwire." + module);
    Set<String> named = new TreeSet<>();
    Matcher m = SUB_PACKAGE.matcher(block);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).as("sub-packages README's layout names for %s/ (block: %s)", module, block)
        .containsExactlyInAnyOrderElementsOf(inTree);
  }

  /** The lines of the layout block from {@code module/} up to the next top-level entry. */
  private static String moduleBlock(String module) throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int layout = readme.indexOf("## Project layout");
    assertThat(layout).as("README.md has a '## Project layout' section").isNotNegative();
    Matcher start = Pattern.compile("(?m)^" + module + "/\\s").matcher(readme);
    assertThat(start.find(layout)).as("README layout has a line for %s/", module).isTrue();
    Matcher next = Pattern.compile("(?m)^\\S").matcher(readme);
    int end = next.find(start.end()) ? next.start() : readme.length();
    return readme.substring(start.start(), end).replaceAll("\\s+", " ");
  }

  /** Packages under dev.syncwire.MODULE that hold a class, as suffixes: "", "internal.http", ... */
  private static Set<String> subPackages(String module) throws IOException {
    Path root = Path.of("..", module, "src/main/java/dev/syncwire", module);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
          .map(f -> root.relativize(f.getParent()).toString().replace('/', '.'))
          .filter(p -> !p.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
