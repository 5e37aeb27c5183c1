package io.tlsprobe.wire.oracle;

import io.tlsprobe.wire.Bytes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Field name to values, in the order tshark would print them, built from our codec's model; values are written the
 * way tshark writes them ({@link #hex4}, {@link #colonHex}, decimal), so the two maps compare with
 * {@code equals}.
 *
 * <pre>{@code
 * FieldMap f = new FieldMap().add("tls.handshake.type", 2).add("tls.handshake.version", FieldMap.hex4(0x0303));
 * f.toMap(); // {tls.handshake.type=[2], tls.handshake.version=[0x0303]}
 * }</pre>
 */
final class FieldMap {
  private static final DateTimeFormatter TSHARK_TIME =
      DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss.SSSSSSSSS 'UTC'", Locale.US).withZone(ZoneOffset.UTC);

  private final Map<String, List<String>> fields = new LinkedHashMap<>();

  /** Appends one value (its decimal or string form) to {@code field}. */
  FieldMap add(String field, Object value) {
    fields.computeIfAbsent(field, k -> new ArrayList<>()).add(String.valueOf(value));
    return this;
  }

  /** Appends every value of {@code values} to {@code field}, each with {@code format}. */
  FieldMap addAll(String field, List<Integer> values, java.util.function.IntFunction<String> format) {
    values.forEach(v -> add(field, format.apply(v)));
    return this;
  }

  /** Appends every field of {@code other}, after what is already there. */
  FieldMap addAll(FieldMap other) {
    other.fields.forEach((k, v) -> v.forEach(value -> add(k, value)));
    return this;
  }

  /** The map (read-only view). */
  Map<String, List<String>> toMap() {
    return Collections.unmodifiableMap(fields);
  }

  /** {@code 0x0303}: how tshark prints 16-bit code points shown in hex. */
  static String hex4(int value) {
    return String.format("0x%04x", value);
  }

  /** {@code 0x03}: how tshark prints 8-bit code points shown in hex. */
  static String hex2(int value) {
    return String.format("0x%02x", value);
  }

  /** {@code 0a:0b:0c}: how tshark prints byte fields (empty for no bytes). */
  static String colonHex(Bytes bytes) {
    String hex = bytes.toHex();
    StringBuilder out = new StringBuilder(hex.length() * 3 / 2);
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }

  /** The first four bytes of a hello random read as seconds since 1970, as tshark shows {@code random_time}. */
  static String randomTime(Bytes random) {
    long seconds = ((long) random.get(0) << 24) | (random.get(1) << 16) | (random.get(2) << 8) | random.get(3);
    return TSHARK_TIME.format(Instant.ofEpochSecond(seconds));
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
