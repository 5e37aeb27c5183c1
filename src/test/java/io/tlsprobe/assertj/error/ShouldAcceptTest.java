package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ServerProfiles;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The messages for a server that does not accept a version, suite or group. */
class ShouldAcceptTest {

  @Test
  void namesTheMissingProtocolAndTheAcceptedOnes() {
    String text = ShouldAccept.shouldAcceptProtocol(ServerProfiles.legacy(), TlsProtocol.TLSv1_3)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept protocol:",
        "  TLSv1.3",
        "but it accepts:",
        "  [TLSv1, TLSv1.2]",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }

  @Test
  void namesTheMissingSuiteAndEverySuiteAcceptedNewestVersionFirst() {
    String text = ShouldAccept.shouldAcceptCipherSuite(ServerProfiles.modern(), CipherSuite.of(0x1303))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept cipher suite:",
        "  TLS_CHACHA20_POLY1305_SHA256",
        "but it accepts:",
        "  [TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
            + " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }

  @Test
  void namesTheMissingGroupAndTheGroupsFound() {
    String text = ShouldAccept.shouldAcceptGroup(ServerProfiles.legacy(), NamedGroup.of(0x001d))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept group:",
        "  x25519",
        "but it accepts:",
        "  [secp256r1]",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }
}
