package io.tlsprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one-byte description of a TLS alert (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-6">RFC 8446
 * section 6</a>): every entry of IANA's TLS Alerts registry, including the ones TLS 1.3 retired (IANA's {@code
 * _RESERVED} names, accepted by {@link #byName} as aliases) because older peers still send them. {@link #of} never
 * throws.
 *
 * <pre>{@code
 * AlertDescription.of(40).name();          // "handshake_failure"
 * AlertDescription.of(86).name();          // "inappropriate_fallback"
 * AlertDescription.of(100).isReserved();   // true: no_renegotiation, retired by TLS 1.3
 * AlertDescription.of(200).name();         // "unknown(0xc8)"
 * AlertDescription.byName("no_renegotiation_RESERVED"); // Optional[no_renegotiation]
 * }</pre>
 */
public final class AlertDescription extends CodePoint {
  private final boolean reserved;
  private final String reference;

  private AlertDescription(Registry.Row row) {
    super(row);
    this.reserved = row.flag("reserved");
    this.reference = row.required("reference");
  }

  private AlertDescription(int code) {
    super(code, Registry.unknownName(code, 2));
    this.reserved = false;
    this.reference = "";
  }

  private static final class Holder {
    static final Registry<AlertDescription> REGISTRY =
        Registry.load(
            "alert-descriptions.tsv",
            AlertDescription::new,
            AlertDescription::code,
            AlertDescription::names,
            AlertDescription::new,
            null);
  }

  /** The alert with this one-byte code; unlisted values come back as {@code "unknown(0xc8)"}. */
  public static AlertDescription of(int code) {
    return Holder.REGISTRY.of(code);
  }

  /** Every listed alert, in code order. */
  public static List<AlertDescription> all() {
    return Holder.REGISTRY.all();
  }

  /** The alert with this name or IANA {@code _RESERVED} name (ignoring case), e.g. {@code "unknown_ca"}. */
  public static Optional<AlertDescription> byName(String name) {
    return Holder.REGISTRY.byName(name);
  }

  /** Whether TLS 1.3 retired this alert (IANA lists it as {@code <name>_RESERVED}); TLS 1.2 peers may send it. */
  public boolean isReserved() {
    return reserved;
  }

  /** The defining document, e.g. {@code "RFC8446"}; empty when unknown. */
  public String reference() {
    return reference;
  }

  /** Always {@code false}: this one-byte registry has no GREASE values. */
  public boolean isGrease() {
    return false;
  }
}
