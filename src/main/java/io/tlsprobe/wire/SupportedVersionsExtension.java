package io.tlsprobe.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * supported_versions (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.1">RFC 8446 section 4.2.1</a>):
 * the versions a client offers (a list), or the one a server selected (a single value in ServerHello and
 * HelloRetryRequest).
 *
 * <pre>{@code
 * SupportedVersionsExtension.offered(0x0304, 0x0303).versions(); // [772, 771]
 * SupportedVersionsExtension.selected(0x0304).selectedVersion(); // Optional[772]
 * }</pre>
 *
 * @param versions the offered versions in wire order, or the one selected version
 * @param selectedForm whether this is the server's form (exactly one version, no length prefix)
 */
public record SupportedVersionsExtension(List<Integer> versions, boolean selectedForm) implements Extension {
  public SupportedVersionsExtension {
    versions = Codec.copyCodes(versions, 0xffff, "version");
    if (selectedForm && versions.size() != 1) {
      throw new IllegalArgumentException("the selected form holds exactly one version, not " + versions);
    }
  }

  /** The client form. */
  public static SupportedVersionsExtension offered(int... versions) {
    return new SupportedVersionsExtension(Arrays.stream(versions).boxed().toList(), false);
  }

  /** The server form. */
  public static SupportedVersionsExtension selected(int version) {
    return new SupportedVersionsExtension(List.of(version), true);
  }

  /** The version a server selected, when this is the server form. */
  public Optional<Integer> selectedVersion() {
    return selectedForm ? Optional.of(versions.get(0)) : Optional.empty();
  }

  @Override
  public int type() {
    return ExtensionTypes.SUPPORTED_VERSIONS;
  }

  @Override
  public byte[] encodeData() {
    WireWriter w = new WireWriter();
    if (selectedForm) {
      w.u16(versions.get(0));
    } else {
      w.block8(b -> Codec.u16s(b, versions));
    }
    return w.toByteArray();
  }

  /*
   * struct {
   *     select (Handshake.msg_type) {
   *         case client_hello:
   *              ProtocolVersion versions<2..254>;
   *         case server_hello: // and HelloRetryRequest
   *              ProtocolVersion selected_version;
   *     };
   * } SupportedVersions;
   */
  static Extension decode(WireReader r, ExtensionContext context, String field) {
    if (context.isClient()) {
      String f = field + ".versions";
      return new SupportedVersionsExtension(Codec.u16s(r.block8(f, 2, 2), f), false);
    }
    return selected(r.u16(field + ".selected_version"));
  }
}
