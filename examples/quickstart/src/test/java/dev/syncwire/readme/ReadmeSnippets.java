package dev.syncwire.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of the repository's README.md, by the name on the line above each. */
final class ReadmeSnippets {
  /** This module is examples/quickstart; surefire runs in the module's folder. */
  static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
  static final Path README = REPOSITORY.resolve("README.md");

  private static final Pattern TAGGED =
      Pattern.compile("<!-- readme-snippet: ([\\w-]+) -->\n```\\w*\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE);

  private ReadmeSnippets() {}

  /** Every tagged block's text, exactly as between its fences (with its last newline). */
  static Map<String, String> tagged() {
    Map<String, String> named = new LinkedHashMap<>();
    Matcher m = TAGGED.matcher(read(README));
    while (m.find()) {
      if (named.put(m.group(1), m.group(2)) != null) {
        throw new IllegalStateException("README.md tags two blocks readme-snippet: " + m.group(1) + "; names must be unique");
      }
    }
    return named;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
