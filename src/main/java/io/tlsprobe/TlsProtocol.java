package io.tlsprobe;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A protocol version of SSL/TLS, oldest first: the declaration order is the age order, so {@code compareTo} and
 * {@link #isAtLeast} compare versions. Each carries its two-byte wire value (<a
 * href="https://www.rfc-editor.org/rfc/rfc8446#section-4.2.1">RFC 8446 section 4.2.1</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5246#appendix-E">RFC 5246 appendix E</a>) and the name JSSE uses for it.
 *
 * <pre>{@code
 * TlsProtocol.fromWireVersion(0x0303);          // Optional[TLSv1_2]
 * TlsProtocol.fromJsseName("TLSv1.3");          // Optional[TLSv1_3]
 * TlsProtocol.TLSv1_2.isAtLeast(TlsProtocol.TLSv1_1); // true
 * TlsProtocol.TLSv1_2.displayName();            // "TLS 1.2"
 * TlsProtocol.describeWireVersion(0x7f1c);      // "TLS 1.3 draft 28"
 * TlsProtocol.describeWireVersion(0x0a0a);      // "GREASE (0x0a0a)"
 * }</pre>
 */
public enum TlsProtocol {
  /** SSL 2.0; its hello is the one JSSE calls {@code SSLv2Hello}. Wire value {@code 0x0002}. */
  SSLv2(0x0002, "SSLv2Hello", "SSL 2.0"),
  /** SSL 3.0, <a href="https://www.rfc-editor.org/rfc/rfc6101">RFC 6101</a>, prohibited by RFC 7568. */
  SSLv3(0x0300, "SSLv3", "SSL 3.0"),
  /** TLS 1.0, <a href="https://www.rfc-editor.org/rfc/rfc2246">RFC 2246</a>, deprecated by RFC 8996. */
  TLSv1(0x0301, "TLSv1", "TLS 1.0"),
  /** TLS 1.1, <a href="https://www.rfc-editor.org/rfc/rfc4346">RFC 4346</a>, deprecated by RFC 8996. */
  TLSv1_1(0x0302, "TLSv1.1", "TLS 1.1"),
  /** TLS 1.2, <a href="https://www.rfc-editor.org/rfc/rfc5246">RFC 5246</a>. */
  TLSv1_2(0x0303, "TLSv1.2", "TLS 1.2"),
  /** TLS 1.3, <a href="https://www.rfc-editor.org/rfc/rfc8446">RFC 8446</a>. */
  TLSv1_3(0x0304, "TLSv1.3", "TLS 1.3");

  private final int wireVersion;
  private final String jsseName;
  private final String displayName;

  TlsProtocol(int wireVersion, String jsseName, String displayName) {
    this.wireVersion = wireVersion;
    this.jsseName = jsseName;
    this.displayName = displayName;
  }

  /** The two-byte value in ClientHello/ServerHello/record headers, e.g. {@code 0x0303} for TLS 1.2. */
  public int wireVersion() {
    return wireVersion;
  }

  /** The name JSSE uses ({@code SSLSession.getProtocol()}, {@code setEnabledProtocols}), e.g. {@code "TLSv1.2"}. */
  public String jsseName() {
    return jsseName;
  }

  /** The name people write, e.g. {@code "TLS 1.2"} or {@code "SSL 3.0"}. */
  public String displayName() {
    return displayName;
  }

  /** Whether this version is {@code other} or newer. */
  public boolean isAtLeast(TlsProtocol other) {
    return compareTo(requireNonNull(other, "other")) >= 0;
  }

  /** The version with this wire value, if it is one of these six. */
  public static Optional<TlsProtocol> fromWireVersion(int wireVersion) {
    for (TlsProtocol protocol : values()) {
      if (protocol.wireVersion == wireVersion) {
        return Optional.of(protocol);
      }
    }
    return Optional.empty();
  }

  /** The version JSSE calls {@code jsseName} (exact match, e.g. {@code "TLSv1.1"}). */
  public static Optional<TlsProtocol> fromJsseName(String jsseName) {
    requireNonNull(jsseName, "jsseName");
    for (TlsProtocol protocol : values()) {
      if (protocol.jsseName.equals(jsseName)) {
        return Optional.of(protocol);
      }
    }
    return Optional.empty();
  }

  /**
   * A readable name for any two-byte version value seen on the wire: a known version's {@link #displayName()},
   * {@code "TLS 1.3 draft N"} for the draft values {@code 0x7fNN}, {@code "DTLS 1.2"} style for DTLS, {@code
   * "GREASE (0x0a0a)"} for GREASE (RFC 8701), otherwise {@code "unknown(0x0305)"}.
   */
  public static String describeWireVersion(int wireVersion) {
    Optional<TlsProtocol> known = fromWireVersion(wireVersion);
    if (known.isPresent()) {
      return known.get().displayName;
    }
    if (Grease.isGrease(wireVersion)) {
      return Registry.greaseName(wireVersion);
    }
    if ((wireVersion & 0xff00) == 0x7f00) {
      return "TLS 1.3 draft " + (wireVersion & 0xff);
    }
    switch (wireVersion) {
      case 0xfeff:
        return "DTLS 1.0";
      case 0xfefd:
        return "DTLS 1.2";
      case 0xfefc:
        return "DTLS 1.3";
      default:
        return Registry.unknownName(wireVersion, 4);
    }
  }
}
