package io.tlsprobe;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every registry value shares: a code point, its name (and aliases), and the sources that list it. Two values
 * of the same registry are equal when their code points are.
 *
 * <pre>{@code
 * CipherSuite.of(0x1301).code();     // 4865
 * NamedGroup.of(0x001d).name();      // "x25519"
 * ExtensionType.of(0x7777).isKnown(); // false: its name is "unknown(0x7777)"
 * }</pre>
 */
public abstract class CodePoint {
  private final int code;
  private final String name;
  private final List<String> aliases;
  private final Set<String> sources;

  /** A listed value, from its registry row's {@code code}, {@code name}, {@code aliases} and {@code sources}. */
  CodePoint(Registry.Row row) {
    this.code = row.code("code");
    this.name = row.required("name");
    this.aliases = row.list("aliases", ",");
    this.sources = Set.copyOf(row.list("sources", "\\+"));
  }

  /** A value no source lists (unknown or GREASE). */
  CodePoint(int code, String name) {
    this.code = code;
    this.name = requireNonNull(name, "name");
    this.aliases = List.of();
    this.sources = Set.of();
  }

  /** The code point as on the wire. */
  public final int code() {
    return code;
  }

  /** The registry's name, or {@code unknown(0x…)} / the GREASE name for a value no source lists. */
  public final String name() {
    return name;
  }

  /** Whether some source lists the code point. */
  public final boolean isKnown() {
    return !sources.isEmpty();
  }

  /** Which sources list this code point, e.g. {@code iana}, {@code testssl}, {@code openssl}, {@code tshark}. */
  final Set<String> sources() {
    return sources;
  }

  /** The name and its aliases, for lookups by name. */
  final List<String> names() {
    List<String> names = new ArrayList<>(1 + aliases.size());
    names.add(name);
    names.addAll(aliases);
    return names;
  }

  /** Equal when of the same registry with the same code point. */
  @Override
  public final boolean equals(@Nullable Object other) {
    return other != null && other.getClass() == getClass() && ((CodePoint) other).code == code;
  }

  @Override
  public final int hashCode() {
    return Integer.hashCode(code);
  }

  /** The {@link #name()}. */
  @Override
  public final String toString() {
    return name;
  }
}
