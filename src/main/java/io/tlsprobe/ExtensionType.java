package io.tlsprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A hello extension type (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2">RFC 8446 section 4.2</a>):
 * every entry of IANA's TLS ExtensionType Values registry, plus the unassigned code points browsers send (NPN,
 * ALPS, Channel ID, the ESNI and QUIC drafts). {@link #of} never throws.
 *
 * <pre>{@code
 * ExtensionType.of(0).name();                 // "server_name"
 * ExtensionType.of(65037).name();             // "encrypted_client_hello"
 * ExtensionType.of(17513).isIanaAssigned();   // false: application_settings_old (ALPS)
 * ExtensionType.of(0x1a1a).isGrease();        // true
 * ExtensionType.byName("alpn");               // Optional[application_layer_protocol_negotiation]
 * }</pre>
 */
public final class ExtensionType {
  private final int code;
  private final String name;
  private final List<String> aliases;
  private final boolean ianaAssigned;
  private final String reference;
  private final boolean grease;
  private final Set<String> sources;

  private ExtensionType(Registry.Row row) {
    this.code = row.code("code");
    this.name = row.required("name");
    this.aliases = row.list("aliases", ",");
    this.ianaAssigned = row.flag("iana");
    this.reference = row.required("reference");
    this.grease = false;
    this.sources = Set.copyOf(row.list("sources", "\\+"));
  }

  private ExtensionType(int code, boolean grease) {
    this.code = code;
    this.name = grease ? Registry.greaseName(code) : Registry.unknownName(code, 4);
    this.aliases = List.of();
    this.ianaAssigned = false;
    this.reference = grease ? "RFC8701" : "";
    this.grease = grease;
    this.sources = Set.of();
  }

  private static final class Holder {
    static final Registry<ExtensionType> REGISTRY =
        Registry.load(
            "extension-types.tsv",
            ExtensionType::new,
            ExtensionType::code,
            ExtensionType::names,
            code -> new ExtensionType(code, false),
            code -> new ExtensionType(code, true));
  }

  /** The extension type with this code point; GREASE and unknown values included ({@code "unknown(0x1234)"}). */
  public static ExtensionType of(int code) {
    return Holder.REGISTRY.of(code);
  }

  /** Every listed extension type, in code point order. */
  public static List<ExtensionType> all() {
    return Holder.REGISTRY.all();
  }

  /** The extension type with this name or alias (ignoring case), e.g. {@code "key_share"} or {@code "alpn"}. */
  public static Optional<ExtensionType> byName(String name) {
    return Holder.REGISTRY.byName(name);
  }

  /** The two-byte code point. */
  public int code() {
    return code;
  }

  /** IANA's name, e.g. {@code "supported_versions"}, or the name in use for an unassigned code point. */
  public String name() {
    return name;
  }

  /** The defining document, e.g. {@code "RFC6066"} or {@code "draft-vvv-tls-alps-01"}; empty when unknown. */
  public String reference() {
    return reference;
  }

  /** Whether IANA assigned this code point (NPN, ALPS and Channel ID were deployed without one). */
  public boolean isIanaAssigned() {
    return ianaAssigned;
  }

  /** Whether the code point is listed. */
  public boolean isKnown() {
    return !sources.isEmpty();
  }

  /** Whether the code point is a GREASE value (RFC 8701). */
  public boolean isGrease() {
    return grease;
  }

  /** Which sources confirm this code point. */
  Set<String> sources() {
    return sources;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(name);
    names.addAll(aliases);
    return names;
  }

  /** Equal when the code points are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ExtensionType && ((ExtensionType) other).code == code;
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
