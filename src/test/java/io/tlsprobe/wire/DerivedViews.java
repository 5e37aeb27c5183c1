package io.tlsprobe.wire;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls every view the codec derives from decoded values (fingerprints, accessors, the ServerKeyExchange readings,
 * {@code toString}), so that the fuzz tests also prove none of them throws for anything the decoder accepted.
 */
final class DerivedViews {
  private DerivedViews() {}

  static void exercise(Decoded decoded) {
    decoded.messages().forEach(DerivedViews::exercise);
    decoded.clientHello().ifPresent(DerivedViews::exercise);
    decoded.serverHello().ifPresent(DerivedViews::exercise);
    decoded.helloRetryRequest().ifPresent(h -> assertThat(h.isHelloRetryRequest()).isTrue());
    decoded.fatalAlert().ifPresent(a -> assertThat(a.isFatal()).isTrue());
    assertThat(decoded.toString()).isNotEmpty();
  }

  static void exercise(HandshakeMessage message) {
    if (message instanceof ClientHello hello) {
      assertThat(Ja3.of(hello).hash()).hasSize(32);
      assertThat(Ja4.of(hello).fingerprint()).isNotEmpty();
      hello.serverName();
      hello.alpn();
      hello.supportedGroups();
      hello.ecPointFormats();
      hello.signatureAlgorithms();
      hello.signatureAlgorithmsCert();
      hello.supportedVersions();
    } else if (message instanceof ServerHello hello) {
      assertThat(Ja3s.of(hello).hash()).hasSize(32);
      hello.selectedVersion();
      hello.keyShareGroup();
      hello.alpn();
    } else if (message instanceof SslV2ClientHello v2) {
      exercise(v2.toClientHello());
    } else if (message instanceof ServerKeyExchange ske) {
      ske.ecdhe().ifPresent(EcdheParams::namedGroup);
      ske.dhe().ifPresent(DheParams::primeBits);
    } else if (message instanceof CertificateMessage certificate) {
      assertThat(certificate.certificates()).hasSameSizeAs(certificate.entries());
    }
    assertThat(message.toString()).isNotEmpty();
  }
}
