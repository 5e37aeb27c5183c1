package io.tlsprobe.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a timeout as people write it: {@code 5s}, {@code 500ms}, {@code 2m}, {@code 1.5s}, a bare number of seconds
 * ({@code 5}), or ISO-8601 ({@code PT5S}).
 *
 * <pre>{@code
 * Timeouts.parse("500ms");  // PT0.5S
 * Timeouts.parse("5");      // PT5S
 * }</pre>
 */
final class Timeouts {
  private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|)");

  private Timeouts() {}

  /**
   * Parses {@code text} into a positive duration.
   *
   * @throws IllegalArgumentException naming the text when it is not a positive duration
   */
  static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration duration;
    Matcher m = AMOUNT.matcher(t);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      long nanosPerUnit = switch (m.group(2)) {
        case "ms" -> 1_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 1_000_000_000L;
      };
      double nanos = amount * nanosPerUnit;
      if (nanos > Long.MAX_VALUE / 2) {
        throw new IllegalArgumentException("timeout '" + text + "' is too long");
      }
      duration = Duration.ofNanos(Math.round(nanos));
    } else {
      try {
        duration = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "timeout '" + text + "' is not a duration: write e.g. 5s, 500ms, 2m or PT5S");
      }
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("timeout '" + text + "' must be positive");
    }
    return duration;
  }

  /** {@code d} as {@link #parse} reads it back: {@code 2m}, {@code 30s}, {@code 1500ms}. */
  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /** Lets picocli read {@code --timeout}, a bad value becoming a usage error. */
  static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
