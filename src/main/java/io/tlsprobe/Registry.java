package io.tlsprobe;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The machinery every registry type shares: reads one generated TSV resource from {@code io/tlsprobe/registry/}
 * (see {@code src/tools/registry/generate.py}), indexes its entries by code point and by every name, and answers
 * lookups that never throw.
 *
 * <p>A resource is UTF-8 text: {@code #} lines are comments (sources and generation date), the first other line
 * names the tab-separated columns, every following line is one entry. Each registry type holds one instance in a
 * lazily initialised holder class, so a resource is read once, on first use.
 *
 * @param <T> the registry's value type
 */
final class Registry<T> {
  private static final String DIRECTORY = "registry/";

  private final List<T> all;
  private final Map<Integer, T> byCode;
  private final Map<String, T> byName;
  private final IntFunction<T> unknown;
  private final @Nullable IntFunction<T> grease;
  private final Function<T, List<String>> names;

  private Registry(
      List<T> all,
      Map<Integer, T> byCode,
      Map<String, T> byName,
      IntFunction<T> unknown,
      @Nullable IntFunction<T> grease,
      Function<T, List<String>> names) {
    this.all = all;
    this.byCode = byCode;
    this.byName = byName;
    this.unknown = unknown;
    this.grease = grease;
    this.names = names;
  }

  /**
   * Loads {@code io/tlsprobe/registry/<file>}.
   *
   * @param file the resource's file name, e.g. {@code "cipher-suites.tsv"}
   * @param parse turns one row into a value
   * @param code a value's code point
   * @param names every name a value answers to in {@link #byName} (its name first)
   * @param unknown makes the value for a code point the registry does not list
   * @param grease makes the value for a GREASE code point, or {@code null} where the registry has no GREASE values
   * @throws IllegalStateException when the resource is missing or malformed, or two entries share a code or name
   */
  static <T> Registry<T> load(
      String file,
      Function<Row, T> parse,
      ToIntFunction<T> code,
      Function<T, List<String>> names,
      IntFunction<T> unknown,
      @Nullable IntFunction<T> grease) {
    String resource = DIRECTORY + file;
    List<Row> rows;
    try (InputStream in = Registry.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("registry resource io/tlsprobe/" + resource + " is missing");
      }
      rows = parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/tlsprobe/" + resource, e);
    }
    Map<Integer, T> byCode = new TreeMap<>();
    Map<String, T> byName = new HashMap<>();
    for (Row row : rows) {
      T value = row.wrap(() -> parse.apply(row));
      int key = code.applyAsInt(value);
      if (byCode.putIfAbsent(key, value) != null) {
        throw row.error("code point " + hex(key, 4) + " appears twice");
      }
      for (String name : names.apply(value)) {
        T previous = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        if (previous != null && previous != value) {
          throw row.error("name " + name + " is also the name of " + previous);
        }
      }
    }
    return new Registry<>(
        List.copyOf(byCode.values()), Map.copyOf(byCode), Map.copyOf(byName), unknown, grease, names);
  }

  /** Splits TSV text into rows; package-private so tests can feed it malformed input. */
  static List<Row> parse(String resource, BufferedReader reader) throws IOException {
    List<Row> rows = new ArrayList<>();
    @Nullable List<String> header = null;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = Arrays.asList(line.split("\t", -1));
      if (header == null) {
        header = List.copyOf(cells);
        continue;
      }
      if (cells.size() != header.size()) {
        throw new IllegalStateException(
            resource + " line " + lineNumber + ": " + cells.size() + " cells, the header names " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      rows.add(new Row(resource, lineNumber, Collections.unmodifiableMap(row)));
    }
    if (header == null) {
      throw new IllegalStateException(resource + " has no header line");
    }
    return rows;
  }

  /** Every listed entry, in code point order. */
  List<T> all() {
    return all;
  }

  /** The entry for a code point: the listed one, else a GREASE value, else an unknown value. Never throws. */
  T of(int code) {
    T known = byCode.get(code);
    if (known != null) {
      return known;
    }
    if (grease != null && Grease.isGrease(code)) {
      return grease.apply(code);
    }
    return unknown.apply(code);
  }

  /**
   * The entry a name stands for, ignoring case: any listed name or alias, and also the names {@link #of} gives
   * unlisted code points ({@code "unknown(0x1234)"}, {@code "GREASE (0x0a0a)"}), so every value's name leads back
   * to it.
   */
  Optional<T> byName(String name) {
    requireNonNull(name, "name");
    String key = name.trim().toLowerCase(Locale.ROOT);
    T known = byName.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    int open = key.indexOf("(0x");
    if (open < 0 || !key.endsWith(")") || key.length() - open > 12) {
      return Optional.empty();
    }
    try {
      T candidate = of(Integer.parseUnsignedInt(key.substring(open + 3, key.length() - 1), 16));
      return names.apply(candidate).get(0).equalsIgnoreCase(name.trim()) ? Optional.of(candidate) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code unknown(0x002a)}: the name of a code point the registry does not list. */
  static String unknownName(int code, int hexDigits) {
    return "unknown(" + hex(code, hexDigits) + ")";
  }

  /** {@code GREASE (0x0a0a)}: the name of a GREASE code point. */
  static String greaseName(int code) {
    return "GREASE (" + hex(code, 4) + ")";
  }

  /** Lower-case hex with at least {@code digits} digits: {@code 0x00ff}. */
  static String hex(int code, int digits) {
    String hex = Integer.toHexString(code);
    return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
  }

  /** One line of a registry resource, by column name. */
  static final class Row {
    private final String resource;
    private final int line;
    private final Map<String, String> cells;

    Row(String resource, int line, Map<String, String> cells) {
      this.resource = resource;
      this.line = line;
      this.cells = cells;
    }

    /** The cell of a column; an empty cell is an empty string. */
    String text(String column) {
      String value = cells.get(column);
      if (value == null) {
        throw error("no column " + column);
      }
      return value;
    }

    /** A cell that must not be empty. */
    String required(String column) {
      String value = text(column);
      if (value.isEmpty()) {
        throw error("column " + column + " is empty");
      }
      return value;
    }

    /** A {@code 0x…} code point. */
    int code(String column) {
      String value = required(column);
      if (!value.startsWith("0x")) {
        throw error(column + " " + value + " is not 0x-prefixed hex");
      }
      return wrap(() -> Integer.parseInt(value.substring(2), 16));
    }

    int number(String column) {
      return wrap(() -> Integer.parseInt(required(column)));
    }

    /** {@code Y} or {@code N}. */
    boolean flag(String column) {
      String value = required(column);
      if (!value.equals("Y") && !value.equals("N")) {
        throw error(column + " is " + value + ", expected Y or N");
      }
      return value.equals("Y");
    }

    /** A list separated by {@code separator} (a regex); an empty cell is an empty list. */
    List<String> list(String column, String separator) {
      String value = text(column);
      return value.isEmpty() ? List.of() : List.of(value.split(separator));
    }

    <E extends Enum<E>> E constant(String column, Class<E> type) {
      return wrap(() -> Enum.valueOf(type, required(column)));
    }

    <V> V wrap(java.util.function.Supplier<V> parse) {
      try {
        return parse.get();
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw error(e.toString());
      }
    }

    IllegalStateException error(String problem) {
      return new IllegalStateException(resource + " line " + line + ": " + problem);
    }
  }
}
