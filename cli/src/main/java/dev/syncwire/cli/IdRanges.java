package dev.syncwire.cli;

import java.util.List;
import picocli.CommandLine;

/** {@code --id 3,5-9}: event ids and inclusive ranges of them. */
record IdRanges(long from, long to) {
  static boolean anyContains(List<IdRanges> ranges, long id) {
    for (IdRanges r : ranges) {
      if (id >= r.from && id <= r.to) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return from == to ? Long.toString(from) : from + "-" + to;
  }

  /** One comma-separated part: {@code 3} or {@code 5-9}. */
  static final class Converter implements CommandLine.ITypeConverter<IdRanges> {
    @Override
    public IdRanges convert(String value) {
      String v = value.trim();
      int dash = v.indexOf('-', 1);
      try {
        long from = Long.parseLong(dash < 0 ? v : v.substring(0, dash).trim());
        long to = dash < 0 ? from : Long.parseLong(v.substring(dash + 1).trim());
        if (from < 0 || to < from) {
          throw new NumberFormatException();
        }
        return new IdRanges(from, to);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an event id or a range of them;"
            + " give whole numbers of 0 or more and ranges low-high, such as --id 3,5-9");
      }
    }
  }
}
