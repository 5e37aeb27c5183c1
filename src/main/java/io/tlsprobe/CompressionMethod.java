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
public final class CompressionMethod extends CodePoint {
  private final String reference;

  private CompressionMethod(Registry.Row row) {
    super(row);
    this.reference = row.required("reference");
  }

  private CompressionMethod(int code) {
    super(code, Registry.unknownName(code, 2));
    this.reference = "";
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

  /** The defining document, e.g. {@code "RFC3749"}; empty when unknown. */
  public String reference() {
    return reference;
  }

  /** Whether this is the {@code null} method: no compression. */
  public boolean isNull() {
    return code() == 0;
  }

  /** Always {@code false}: this one-byte registry has no GREASE values. */
  public boolean isGrease() {
    return false;
  }
}
