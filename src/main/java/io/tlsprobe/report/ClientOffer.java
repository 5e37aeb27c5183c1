package io.tlsprobe.report;

import static java.util.Objects.requireNonNull;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.ExtensionType;
import io.tlsprobe.Grease;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.SignatureScheme;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.wire.ClientHello;
import io.tlsprobe.wire.Ja3;
import io.tlsprobe.wire.Ja4;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a client offered in its ClientHello (<a href="https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2">RFC 8446
 * section 4.1.2</a>), in the vocabulary's types: the view a capture server's report gives of a client, and the one
 * the probe's report gives of its own hello. GREASE values (RFC 8701) are kept apart from the real offer, except in
 * {@link #extensions()}, which keeps the wire order exactly.
 *
 * <pre>{@code
 * ClientOffer offer = report.clientOffer().orElseThrow();
 * offer.versions();       // [TLSv1_3, TLSv1_2]
 * offer.cipherSuites();   // [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, …]
 * offer.serverName();     // Optional[localhost]
 * offer.alpn();           // [h2, http/1.1]
 * offer.ja3Hash();        // "0149f47eabf9a20d0893e2a44e5a6323"
 * offer.ja4();            // "t13d1516h2_8daaf6152771_e5627efa2ab1"
 * }</pre>
 *
 * @param versions the versions offered: supported_versions in wire order without GREASE and unknown values when the
 *     client sent that extension, else the single {@code legacy_version} (a pre-1.3 client names only its highest)
 * @param legacyVersion {@code legacy_version} as on the wire, e.g. {@code 0x0303}
 * @param cipherSuites the cipher suites in wire order, GREASE removed (signalling values such as
 *     TLS_EMPTY_RENEGOTIATION_INFO_SCSV kept)
 * @param greaseCipherSuites the GREASE cipher suite values, in wire order
 * @param groups supported_groups in wire order, GREASE removed
 * @param signatureSchemes signature_algorithms in wire order, GREASE removed
 * @param compressionMethods the compression methods in wire order
 * @param extensions the extension types in wire order, GREASE included
 * @param serverName the SNI host_name, if sent
 * @param alpn the ALPN protocol names in wire order
 * @param ja3 the JA3 text
 * @param ja3Hash the JA3 MD5
 * @param ja4 the JA4 fingerprint
 */
public record ClientOffer(
    List<TlsProtocol> versions,
    int legacyVersion,
    List<CipherSuite> cipherSuites,
    List<CipherSuite> greaseCipherSuites,
    List<NamedGroup> groups,
    List<SignatureScheme> signatureSchemes,
    List<CompressionMethod> compressionMethods,
    List<ExtensionType> extensions,
    Optional<String> serverName,
    List<String> alpn,
    String ja3,
    String ja3Hash,
    String ja4) {

  public ClientOffer {
    versions = List.copyOf(versions);
    cipherSuites = List.copyOf(cipherSuites);
    greaseCipherSuites = List.copyOf(greaseCipherSuites);
    groups = List.copyOf(groups);
    signatureSchemes = List.copyOf(signatureSchemes);
    compressionMethods = List.copyOf(compressionMethods);
    extensions = List.copyOf(extensions);
    requireNonNull(serverName, "serverName");
    alpn = List.copyOf(alpn);
    requireNonNull(ja3, "ja3");
    requireNonNull(ja3Hash, "ja3Hash");
    requireNonNull(ja4, "ja4");
  }

  /** The offer in {@code hello}. */
  public static ClientOffer of(ClientHello hello) {
    requireNonNull(hello, "hello");
    List<Integer> supported = hello.supportedVersions();
    List<TlsProtocol> versions = supported.isEmpty()
        ? TlsProtocol.fromWireVersion(hello.legacyVersion()).stream().toList()
        : supported.stream().filter(v -> !Grease.isGrease(v))
            .flatMap(v -> TlsProtocol.fromWireVersion(v).stream()).toList();
    Ja3 ja3 = Ja3.of(hello);
    return new ClientOffer(
        versions,
        hello.legacyVersion(),
        map(hello.cipherSuites(), false, CipherSuite::of),
        hello.cipherSuites().stream().filter(Grease::isGrease).map(CipherSuite::of).toList(),
        map(hello.supportedGroups(), false, NamedGroup::of),
        map(hello.signatureAlgorithms(), false, SignatureScheme::of),
        map(hello.compressionMethods(), true, CompressionMethod::of),
        map(hello.extensionTypes(), true, ExtensionType::of),
        hello.serverName(),
        hello.alpn(),
        ja3.string(),
        ja3.hash(),
        Ja4.of(hello).fingerprint());
  }

  private static <T> List<T> map(List<Integer> codes, boolean keepGrease, Function<Integer, T> of) {
    return codes.stream().filter(c -> keepGrease || !Grease.isGrease(c)).map(of).toList();
  }

  /** The highest version offered, if any is known. */
  public Optional<TlsProtocol> highestVersion() {
    return versions.stream().max(Enum::compareTo);
  }

  /** Whether the client sent any GREASE value among its cipher suites or extensions. */
  public boolean sendsGrease() {
    return !greaseCipherSuites.isEmpty() || extensions.stream().anyMatch(ExtensionType::isGrease);
  }

  /** Whether a compression method other than null was offered. */
  public boolean offersCompression() {
    return compressionMethods.stream().anyMatch(c -> !c.isNull());
  }

  /** {@code TLSv1.3/TLSv1.2, 17 suites, SNI localhost, ALPN [h2, http/1.1], JA4 t13d1516h2_…}. */
  @Override
  public String toString() {
    return String.join("/", versions.stream().map(TlsProtocol::jsseName).toList()) + ", " + cipherSuites.size()
        + " suites" + serverName.map(s -> ", SNI " + s).orElse("") + (alpn.isEmpty() ? "" : ", ALPN " + alpn)
        + ", JA4 " + ja4;
  }
}
