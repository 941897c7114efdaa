package dev.syncwire.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** README's Java quick start is this module, byte for byte, so the build runs what README shows. */
class QuickStartInReadmeTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "quickstart-pom, examples/quickstart/pom.xml",
      "quickstart-test, examples/quickstart/src/test/java/com/example/quickstart/PresenceTest.java"})
  void readmeBlockEqualsTheModuleFile(String snippet, String file) {
    String inReadme = ReadmeSnippets.tagged().get(snippet);
    assertThat(inReadme)
        .as("README.md has no ```-block tagged <!-- readme-snippet: %s -->", snippet)
        .isNotNull();
    assertThat(inReadme)
        .as("README.md's block '%s' differs from %s: copy the file into the block (or the block into the file)",
            snippet, file)
        .isEqualTo(ReadmeSnippets.read(ReadmeSnippets.REPOSITORY.resolve(Path.of(file))));
  }
}
