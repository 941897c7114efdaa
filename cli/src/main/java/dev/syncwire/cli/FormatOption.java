package dev.syncwire.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --format text|json} of the commands that report findings ({@code verify}, {@code lint}, {@code check-handler}). */
final class FormatOption {
  enum Format { TEXT, JSON }

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", converter = FormatName.class,
      description = "text (for people, the default) or json (one document, for CI).")
  Format format = Format.TEXT;

  boolean json() {
    return format == Format.JSON;
  }

  /** text or json, in any case. */
  static final class FormatName implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "text" -> Format.TEXT;
        case "json" -> Format.JSON;
        default -> throw new TypeConversionException("'" + value + "' is not a format; give text (for people)"
            + " or json (one document, for CI)");
      };
    }
  }
}
