package io.tlsprobe.junit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations {@code @TlsProbe(timeout = …)} accepts: a number with a unit ({@code 500ms}, {@code 5s},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, a space allowed before the unit) or ISO-8601 ({@code PT5S}). Only positive
 * durations of at least a millisecond are accepted.
 *
 * <pre>{@code
 * Timeouts.parse("1.5s");  // Optional[PT1.5S]
 * Timeouts.parse("5");     // Optional.empty: no unit
 * }</pre>
 */
final class Timeouts {
  /** For messages: the forms accepted. */
  static final String FORMS = "a duration like 5s, 500ms, 2m or PT5S";

  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

  private Timeouts() {}

  /** The duration {@code text} names, or empty when it names none or one shorter than 1 ms. */
  static Optional<Duration> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = WITH_UNIT.matcher(t);
    if (m.matches()) {
      BigDecimal millisPerUnit = switch (m.group(2)) {
        case "ms" -> BigDecimal.ONE;
        case "s" -> BigDecimal.valueOf(1_000);
        case "m", "min" -> BigDecimal.valueOf(60_000);
        default -> BigDecimal.valueOf(3_600_000);
      };
      BigDecimal millis = new BigDecimal(m.group(1)).multiply(millisPerUnit);
      if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
        return Optional.empty();
      }
      d = Duration.ofNanos(millis.movePointRight(6).longValue());
    } else if (t.startsWith("p")) {
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    return d.toMillis() >= 1 ? Optional.of(d) : Optional.empty();
  }
}
