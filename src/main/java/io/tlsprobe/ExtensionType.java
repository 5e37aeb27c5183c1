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
public final class ExtensionType extends CodePoint {
  private final boolean ianaAssigned;
  private final String reference;
  private final boolean grease;

  private ExtensionType(Registry.Row row) {
    super(row);
    this.ianaAssigned = row.flag("iana");
    this.reference = row.required("reference");
    this.grease = false;
  }

  private ExtensionType(int code, boolean grease) {
    super(code, grease ? Registry.greaseName(code) : Registry.unknownName(code, 4));
    this.ianaAssigned = false;
    this.reference = grease ? "RFC8701" : "";
    this.grease = grease;
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

  /** The defining document, e.g. {@code "RFC6066"} or {@code "draft-vvv-tls-alps-01"}; empty when unknown. */
  public String reference() {
    return reference;
  }

  /** Whether IANA assigned this code point (NPN, ALPS and Channel ID were deployed without one). */
  public boolean isIanaAssigned() {
    return ianaAssigned;
  }

  /** Whether the code point is a GREASE value (RFC 8701). */
  public boolean isGrease() {
    return grease;
  }
}
