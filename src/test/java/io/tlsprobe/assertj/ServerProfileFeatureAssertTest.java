package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.AcceptedCipherSuite;
import io.tlsprobe.report.CipherOrder;
import io.tlsprobe.report.Endpoint;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerProfile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The feature assertions of {@link ServerProfileAssert}, both ways, on hand-built profiles. */
class ServerProfileFeatureAssertTest {

  private static String failure(ThrowingCallable assertion) {
    AssertionError error = catchThrowableOfType(assertion, AssertionError.class);
    assertThat(error).as("expected the assertion to fail").isNotNull();
    return error.getMessage();
  }

  @Test
  void passesTheFeatureAssertionsOnAServerWithThem() {
    assertThat(ServerProfiles.modernWithFeatures())
        .hasNoCompression()
        .supportsSecureRenegotiation()
        .supportsFallbackScsv();
  }

  @Test
  void hasNoCompressionPassesOnATls13OnlyServerWhereCompressionCannotApply() {
    assertThat(ServerProfiles.tls13OnlyFeatures()).hasNoCompression();
  }

  @Test
  void hasNoCompressionFailsOnACompressingServerQuotingTheServerHello() {
    assertThat(failure(() -> assertThat(ServerProfiles.legacyWithFeatures()).hasNoCompression()))
        .contains("accept no TLS compression", "  yes", "DEFLATE (1) in the TLSv1.2 ServerHello",
            ServerProfiles.LEGACY_LINE);
  }

  @Test
  void hasNoCompressionFailsWhenTheScanCouldNotTellSayingWhy() {
    assertThat(failure(() -> assertThat(ServerProfiles.modern()).hasNoCompression()))
        .contains("but the scan found:", "  unknown", "  not scanned");
  }

  @Test
  void supportsSecureRenegotiationFailsWithoutRenegotiationInfo() {
    assertThat(failure(() -> assertThat(ServerProfiles.legacyWithFeatures()).supportsSecureRenegotiation()))
        .contains("support secure renegotiation (RFC 5746)", "  no",
            "no renegotiation_info in the TLSv1.2 ServerHello");
  }

  @Test
  void supportsSecureRenegotiationFailsOnATls13OnlyServerSayingItDoesNotApply() {
    assertThat(failure(() -> assertThat(ServerProfiles.tls13OnlyFeatures()).supportsSecureRenegotiation()))
        .contains("  not applicable", "which forbids renegotiation");
  }

  @Test
  void supportsFallbackScsvFailsOnAOneVersionServerSayingWhy() {
    assertThat(failure(() -> assertThat(ServerProfiles.tls13OnlyFeatures()).supportsFallbackScsv()))
        .contains("support TLS_FALLBACK_SCSV (RFC 7507)", "  not applicable",
            "there is no lower version to fall back to");
  }

  @Test
  void supportsPostQuantumKeyExchangePassesWithAHybridGroupAccepted() {
    ServerProfile pq = new ServerProfile(Endpoint.direct("localhost", 8443), List.of(
        new ProtocolSupport(TlsProtocol.TLSv1_3, true, List.of(AcceptedCipherSuite.of(CipherSuite.of(0x1301))),
            CipherOrder.UNDETERMINED, List.of(NamedGroup.of(0x001d), NamedGroup.of(0x11ec)))),
        3, Duration.ofMillis(5), Optional.empty());

    assertThat(pq).supportsPostQuantumKeyExchange();
  }

  @Test
  void supportsPostQuantumKeyExchangeFailsListingTheClassicalGroups() {
    assertThat(failure(() -> assertThat(ServerProfiles.modern()).supportsPostQuantumKeyExchange()))
        .contains("accept a post-quantum key exchange", "[x25519, secp256r1]");
  }
}
