package dev.syncwire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code syncwire lint}: finds code that branches on the seed's error codes and event names. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Find code that branches on the seed's Sync error codes and event names.",
      "Flags comparisons with 54007, 54008, 54009, 54011, 54012 as \"not found\"",
      "(real: 404 / 20404) and 54302 as \"already exists\" (real: 409 / 54301),",
      "and the seed-only event names list_item_created and map_item_created.",
      "Reads .js .mjs .cjs .ts .tsx .java files and folders, skipping",
      "node_modules, target, .git and dist. One line per finding, then a summary.",
      "Exit code 0 no findings, 1 findings, 2 on a usage error.",
      ""
    },
    footer = {"", "Examples:", "  syncwire lint functions/", "  syncwire lint --format json src/ > lint.json"})
final class LintCommand implements Callable<Integer> {
  private static final Set<String> EXTENSIONS = Set.of(".js", ".mjs", ".cjs", ".ts", ".tsx", ".java");
  private static final Set<String> SKIPPED = Set.of("node_modules", "target", ".git", "dist");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to read.")
  List<Path> paths;

  @CommandLine.Mixin
  FormatOption format = new FormatOption();

  @Override
  public Integer call() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new StartupError("lint: PATH " + path + " does not exist; give a source file or a folder.", null);
      }
      if (Files.isDirectory(path)) {
        collect(path, files);
      } else if (supported(path)) {
        files.add(path);
      } else {
        throw new StartupError("lint: PATH " + path + " is not a .js, .mjs, .cjs, .ts, .tsx or .java file;"
            + " give one of those or a folder.", null);
      }
    }
    List<Located> findings = new ArrayList<>();
    for (Path file : files) {
      String source = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      List<SourceToken> tokens = file.toString().endsWith(".java") ? JavaLexer.tokens(source) : ScriptLexer.tokens(source);
      SeedPatternScanner.scan(tokens).forEach(f -> findings.add(new Located(file, f)));
    }
    long filesWithFindings = findings.stream().map(Located::file).distinct().count();
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = json.createObjectNode().put("tool", "lint");
      ArrayNode list = root.putArray("findings");
      for (Located l : findings) {
        ObjectNode f = list.addObject().put("severity", "error").put("code", l.finding().code())
            .put("message", l.finding().message()).put("fix", l.finding().fix());
        f.putObject("location").put("file", l.file().toString()).put("line", l.finding().line())
            .put("column", l.finding().column());
      }
      root.putObject("summary").put("files", files.size()).put("filesWithFindings", filesWithFindings)
          .put("findings", findings.size());
      out.println(json.writeValueAsString(root));
    } else {
      for (Located l : findings) {
        out.println(l.file() + ":" + l.finding().line() + ":" + l.finding().column() + ": " + l.finding().code()
            + ": " + l.finding().message() + " Fix: " + l.finding().fix() + ".");
      }
      out.println(findings.isEmpty()
          ? "lint: no findings in " + plural(files.size(), "file")
          : "lint: " + plural(findings.size(), "finding") + " in " + filesWithFindings + " of " + plural(files.size(), "file"));
    }
    out.flush();
    return findings.isEmpty() ? 0 : 1;
  }

  private record Located(Path file, SeedPatternScanner.Finding finding) {}

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static boolean supported(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith) && !name.endsWith(".d.ts");
  }

  private static void collect(Path root, List<Path> files) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && supported(file)) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    found.sort(null);
    files.addAll(found);
  }
}
