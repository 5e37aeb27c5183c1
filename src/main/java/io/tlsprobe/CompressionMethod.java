package io.tlsprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A one-byte compression method from a ClientHello or ServerHello (<a
 * href="https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.2">RFC 5246 section 7.4.1.2</a>): {@code null},
 * DEFLATE (<a href="https://www.rfc-editor.org/rfc/rfc3749">RFC 3749</a>) and LZS (RFC 3943). Anything but {@code
 * null} negotiated means CRIME (CVE-2012-4929); TLS 1.3 allows only {@code null}. {@link #of} never throws.
 *
 * <pre>{@code
 * CompressionMethod.of(0).name();      // "null"
 * CompressionMethod.of(1).name();      // "DEFLATE"
 * CompressionMethod.of(0x41).name();   // "unknown(0x41)"
 * CompressionMethod.of(1).isNull();    // false
 * }</pre>
 */
public final class CompressionMethod {
  private final int code;
  private final String name;
  private final List<String> aliases;
  private final String reference;
  private final Set<String> sources;

  private CompressionMethod(Registry.Row row) {
    this.code = row.code("code");
    this.name = row.required("name");
    this.aliases = row.list("aliases", ",");
    this.reference = row.required("reference");
    this.sources = Set.copyOf(row.list("sources", "\\+"));
  }

  private CompressionMethod(int code) {
    this.code = code;
    this.name = Registry.unknownName(code, 2);
    this.aliases = List.of();
    this.reference = "";
    this.sources = Set.of();
  }

  private static final class Holder {
    static final Registry<CompressionMethod> REGISTRY =
        Registry.load(
            "compression-methods.tsv",
            CompressionMethod::new,
            CompressionMethod::code,
            CompressionMethod::names,
            CompressionMethod::new,
            null);
  }

  /** The method with this one-byte code; unlisted values come back as {@code "unknown(0x41)"}. */
  public static CompressionMethod of(int code) {
    return Holder.REGISTRY.of(code);
  }

  /** Every listed method, in code order. */
  public static List<CompressionMethod> all() {
    return Holder.REGISTRY.all();
  }

  /** The method with this name (ignoring case), e.g. {@code "deflate"}. */
  public static Optional<CompressionMethod> byName(String name) {
    return Holder.REGISTRY.byName(name);
  }

  /** The one-byte code. */
  public int code() {
    return code;
  }

  /** The name, e.g. {@code "null"} or {@code "DEFLATE"}. */
  public String name() {
    return name;
  }

  /** The defining document, e.g. {@code "RFC3749"}; empty when unknown. */
  public String reference() {
    return reference;
  }

  /** Whether this is the {@code null} method: no compression. */
  public boolean isNull() {
    return code == 0;
  }

  /** Whether the code is listed. */
  public boolean isKnown() {
    return !sources.isEmpty();
  }

  /** Always {@code false}: this one-byte registry has no GREASE values. */
  public boolean isGrease() {
    return false;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(name);
    names.addAll(aliases);
    return names;
  }

  /** Which sources confirm this code. */
  Set<String> sources() {
    return sources;
  }

  /** Equal when the codes are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CompressionMethod && ((CompressionMethod) other).code == code;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(code);
  }

  /** The {@link #name()}. */
  @Override
  public String toString() {
    return name;
  }
}
