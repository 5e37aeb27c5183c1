package io.tlsprobe.cli;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * An ordered set of named values describing one decoded thing (a record, a handshake message, an alert), rendered
 * the same way to text and to JSON so the two outputs cannot drift apart.
 */
final class Fields {
  /** One named value: a String, Integer, Long, Boolean, {@link Code}, {@link Codes}, {@link Lines}, List of String or Fields, Fields, or null. */
  record Field(String name, @Nullable Object value) {}

  /** A code point with its registry name: JSON {@code "x": 771, "x_name": "TLS 1.2"}; text {@code x: 0x0303 TLS 1.2}. */
  record Code(int value, String name, int hexDigits) {
    Code {
      requireNonNull(name, "name");
    }

    String hex() {
      return String.format("0x%0" + hexDigits + "x", value);
    }
  }

  /** Code points in wire order with their registry names: JSON {@code "x": […], "x_names": […]}. */
  record Codes(List<Integer> values, List<String> names, int hexDigits) {
    Codes {
      values = List.copyOf(values);
      names = List.copyOf(names);
    }

    static Codes of(List<Integer> values, IntFunction<String> namer, int hexDigits) {
      return new Codes(values, values.stream().map(namer::apply).toList(), hexDigits);
    }

    String hex(int index) {
      return String.format("0x%0" + hexDigits + "x", values.get(index));
    }
  }

  /** Lines of text shown one per line, e.g. a transcript: JSON an array of strings; text {@code x (n):} then each. */
  record Lines(List<String> lines) {
    Lines {
      lines = List.copyOf(lines);
    }
  }

  private final List<Field> fields = new ArrayList<>();

  Fields put(String name, @Nullable Object value) {
    fields.add(new Field(requireNonNull(name, "name"), value));
    return this;
  }

  List<Field> list() {
    return List.copyOf(fields);
  }

  /** The value of a field, for tests. */
  @Nullable Object get(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst().orElse(null);
  }
}
