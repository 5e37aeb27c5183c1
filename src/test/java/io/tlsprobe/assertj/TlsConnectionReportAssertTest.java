package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.Fixtures.message;
import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.AlertDescription;
import io.tlsprobe.CipherSuite;
import io.tlsprobe.CompressionMethod;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.Outcome;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.report.Verification;
import io.tlsprobe.wire.Bytes;
import io.tlsprobe.wire.ExtendedMasterSecretExtension;
import io.tlsprobe.wire.RenegotiationInfoExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@link TlsConnectionReportAssert} and its {@link AbstractTlsConnectionReportAssert}: every assertion both ways. */
class TlsConnectionReportAssertTest {

  private static final TlsConnectionReport TLS13 = Fixtures.tls13();
  private static final TlsConnectionReport TLS10 = Fixtures.tls10();
  private static final TlsConnectionReport REJECTED = Fixtures.rejected();

  @Test
  void failsEveryAssertionOnANullReportTheAssertJWay() {
    assertThatThrownBy(() -> assertThat((TlsConnectionReport) null).isEstablished())
        .isInstanceOf(AssertionError.class)
        .hasMessage(message("Expecting actual not to be null"));
  }

  @Test
  void prefixesTheUserDescription() {
    assertThatThrownBy(() -> assertThat(TLS10).as("gateway").usesProtocolAtLeast(TlsProtocol.TLSv1_2))
        .hasMessageStartingWith("[gateway] " + message("Expecting TLS connection to use protocol at least:"));
  }

  @Nested
  class Outcomes {

    @Test
    void isEstablishedPassesForACompletedHandshakeAndStatesTheOutcomeOtherwise() {
      assertThat(TLS13).isEstablished();

      assertThatThrownBy(() -> assertThat(REJECTED).isEstablished())
          .isInstanceOf(AssertionError.class)
          .hasMessage(message(
              "Expecting TLS connection to be established",
              "but it ended with:",
              "  rejected_by_peer: server sent fatal alert handshake_failure (40)",
              "Connection: " + Fixtures.REJECTED_SUMMARY));
    }

    @Test
    void isNotEstablishedPassesForEveryOtherOutcome() {
      assertThat(REJECTED).isNotEstablished();
      assertThat(TLS13.toBuilder().outcome(Outcome.abortedLocally("server chose TLSv1")).build()).isNotEstablished();

      assertThatThrownBy(() -> assertThat(TLS13).isNotEstablished())
          .hasMessageContaining("but the handshake completed");
    }

    @Test
    void wasRejectedPassesOnlyWhenThePeerEndedTheHandshake() {
      assertThat(REJECTED).wasRejected();

      assertThatThrownBy(() -> assertThat(TLS13).wasRejected())
          .hasMessageContaining("but it ended with:" + System.lineSeparator() + "  established: handshake completed");
      assertThatThrownBy(() -> assertThat(TLS13.toBuilder().outcome(Outcome.abortedLocally("JVM refused")).build())
              .wasRejected())
          .hasMessageContaining("aborted_locally: JVM refused");
    }

    @Test
    void wasRejectedWithAnAlertComparesTheAlertThePeerSent() {
      assertThat(REJECTED).wasRejected(AlertDescription.of(40)).wasRejected("handshake_failure");

      assertThatThrownBy(() -> assertThat(REJECTED).wasRejected("protocol_version"))
          .hasMessage(message(
              "Expecting TLS connection to be rejected by the peer with alert:",
              "  protocol_version (70)",
              "but it ended with:",
              "  rejected_by_peer: server sent fatal alert handshake_failure (40)",
              "  alert: handshake_failure (40)",
              "Connection: " + Fixtures.REJECTED_SUMMARY));
    }

    @Test
    void wasRejectedWithAnAlertFailsWhenThePeerJustClosed() {
      TlsConnectionReport closed = REJECTED.toBuilder()
          .outcome(Outcome.rejectedByPeer(Optional.empty(), "peer closed the connection"))
          .build();

      assertThat(closed).wasRejected();
      assertThatThrownBy(() -> assertThat(closed).wasRejected("handshake_failure")).hasMessageContaining("alert: none");
    }

    @Test
    void wasRejectedRefusesAnAlertNameThatDoesNotExist() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(REJECTED).wasRejected("handshake_failur"))
          .withMessage("no TLS alert is named handshake_failur");
    }
  }

  @Nested
  class Protocol {

    @Test
    void usesProtocolPassesForTheServersChoiceEvenWhenTheHandshakeFailed() {
      assertThat(TLS13).usesProtocol(TlsProtocol.TLSv1_3);
      assertThat(TLS10.toBuilder().outcome(Outcome.abortedLocally("TLSv1 is disabled")).build())
          .usesProtocol(TlsProtocol.TLSv1);
    }

    @Test
    void usesProtocolHandsActualAndExpectedToTheIde() {
      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(TLS10).usesProtocol(TlsProtocol.TLSv1_3));

      assertThat(error.getActual().getStringRepresentation()).isEqualTo("TLSv1");
      assertThat(error.getExpected().getStringRepresentation()).isEqualTo("TLSv1.3");
      assertThat(error).hasMessage(message(
          "Expecting TLS connection to use protocol:",
          "  TLSv1.3",
          "but it used:",
          "  TLSv1",
          "Connection: " + Fixtures.TLS10_SUMMARY));
    }

    @Test
    void usesProtocolSaysWhyNoProtocolWasNegotiated() {
      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(REJECTED).usesProtocol(TlsProtocol.TLSv1_3));

      assertThat(error.getActual().getValue()).isNull();
      assertThat(error).hasMessageContaining(
          "but no protocol was negotiated (rejected_by_peer: server sent fatal alert handshake_failure (40))");
    }

    @Test
    void usesProtocolAtLeastComparesVersionsByAge() {
      assertThat(TLS13).usesProtocolAtLeast(TlsProtocol.TLSv1_2).usesProtocolAtLeast(TlsProtocol.TLSv1_3);

      assertThatThrownBy(() -> assertThat(TLS10).usesProtocolAtLeast(TlsProtocol.TLSv1_2))
          .hasMessage(message(
              "Expecting TLS connection to use protocol at least:",
              "  TLSv1.2",
              "but it used:",
              "  TLSv1",
              "Connection: " + Fixtures.TLS10_SUMMARY));
      assertThatThrownBy(() -> assertThat(REJECTED).usesProtocolAtLeast(TlsProtocol.TLSv1))
          .hasMessageContaining("but no protocol was negotiated");
    }
  }

  @Nested
  class CipherSuites {

    @Test
    void usesCipherSuiteAcceptsTheSuiteItsIanaNameOrItsOpenSslName() {
      TlsConnectionReport tls12 = Fixtures.tls12();

      assertThat(tls12)
          .usesCipherSuite(CipherSuite.of(0xc02f))
          .usesCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
          .usesCipherSuite("ecdhe-rsa-aes128-gcm-sha256");
    }

    @Test
    void usesCipherSuiteHandsBothNamesToTheIde() {
      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(TLS13).usesCipherSuite("TLS_AES_256_GCM_SHA384"));

      assertThat(error.getActual().getStringRepresentation()).isEqualTo("TLS_AES_128_GCM_SHA256");
      assertThat(error.getExpected().getStringRepresentation()).isEqualTo("TLS_AES_256_GCM_SHA384");
      assertThat(error).hasMessageContaining("but it used:" + System.lineSeparator() + "  TLS_AES_128_GCM_SHA256");
    }

    @Test
    void usesCipherSuiteRefusesANameNoSuiteHas() {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(TLS13).usesCipherSuite("TLS_AES_128_GCM"))
          .withMessage("no cipher suite is named TLS_AES_128_GCM");
    }

    @Test
    void usesCipherSuiteInAcceptsAnyListedSuite() {
      assertThat(TLS13)
          .usesCipherSuiteIn(CipherSuite.of(0x1302), CipherSuite.of(0x1301))
          .usesCipherSuiteIn(List.of(CipherSuite.of(0x1301)))
          .usesCipherSuiteIn("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256");

      assertThatThrownBy(() -> assertThat(TLS13).usesCipherSuiteIn("TLS_AES_256_GCM_SHA384"))
          .hasMessageContaining("  [TLS_AES_256_GCM_SHA384]" + System.lineSeparator() + "but it used:");
      assertThatThrownBy(() -> assertThat(REJECTED).usesCipherSuiteIn(CipherSuite.of(0x1301)))
          .hasMessageContaining("but no cipher suite was negotiated");
      assertThatIllegalArgumentException().isThrownBy(() -> assertThat(TLS13).usesCipherSuiteIn(List.of()));
    }

    @Test
    void hasForwardSecrecyFollowsTheRegistry() {
      assertThat(TLS13).hasForwardSecrecy();
      assertThat(Fixtures.tls12()).hasForwardSecrecy();

      assertThatThrownBy(() -> assertThat(Fixtures.tls12(0x009c)).hasForwardSecrecy())
          .hasMessageContaining("  TLS_RSA_WITH_AES_128_GCM_SHA256 (key exchange RSA)");
      assertThatThrownBy(() -> assertThat(REJECTED).hasForwardSecrecy())
          .hasMessageContaining("but no cipher suite was negotiated");
    }

    @Test
    void usesAeadCipherFailsForCbc() {
      assertThat(TLS13).usesAeadCipher();

      assertThatThrownBy(() -> assertThat(TLS10).usesAeadCipher())
          .hasMessageContaining("  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC mode)");
    }

    @Test
    void hasCipherStrengthAtLeastComparesSecretKeyBits() {
      TlsConnectionReport tripleDes = Fixtures.tls12(0x000a);

      assertThat(TLS13).hasCipherStrengthAtLeast(128);
      assertThat(tripleDes).hasCipherStrengthAtLeast(112);
      assertThatThrownBy(() -> assertThat(tripleDes).hasCipherStrengthAtLeast(128))
          .hasMessageContaining("but TLS_RSA_WITH_3DES_EDE_CBC_SHA has:" + System.lineSeparator() + "  112 bits");
    }

    @Test
    void hasNoWeakCipherPassesSecureAndRecommendedSuites() {
      assertThat(TLS13).hasNoWeakCipher();
      assertThat(Fixtures.tls12(0xc0ac)).as("ECDHE-ECDSA-AES128-CCM is SECURE").hasNoWeakCipher();
    }

    @Test
    void hasNoWeakCipherNamesTheClassAndEveryReason() {
      assertThatThrownBy(() -> assertThat(TLS10).hasNoWeakCipher())
          .hasMessage(message(
              "Expecting TLS connection not to use a weak or insecure cipher suite",
              "but it used TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, classed WEAK because:",
              "  CBC mode: Lucky13 and padding-oracle risks",
              "  SHA-1 MAC: deprecated hash",
              "Connection: " + Fixtures.TLS10_SUMMARY));
      assertThatThrownBy(() -> assertThat(Fixtures.tls12(0x0005)).hasNoWeakCipher())
          .hasMessageContaining(
              "classed INSECURE because:" + System.lineSeparator() + "  RC4 is prohibited by RFC 7465");
    }
  }

  @Nested
  class KeyExchangeAndExtensions {

    @Test
    void hasNoCompressionNeedsTheNullMethodToBeSeen() {
      assertThat(TLS13).hasNoCompression();

      assertThatThrownBy(() -> assertThat(TLS10.toBuilder().compression(CompressionMethod.of(1)).build())
              .hasNoCompression())
          .hasMessageContaining("  DEFLATE (CRIME, CVE-2012-4929)");
      assertThatThrownBy(() -> assertThat(REJECTED).hasNoCompression())
          .hasMessageContaining("but no compression method is known");
    }

    @Test
    void usesGroupAcceptsTheGroupOrItsName() {
      assertThat(TLS13).usesGroup(NamedGroup.of(0x001d)).usesGroup("x25519").usesGroup("X25519");

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(TLS13).usesGroup("secp384r1"));
      assertThat(error.getActual().getStringRepresentation()).isEqualTo("x25519");
      assertThat(error.getExpected().getStringRepresentation()).isEqualTo("secp384r1");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(TLS13).usesGroup("curve25519"))
          .withMessage("no named group is called curve25519");
    }

    @Test
    void usesGroupDescribesAFiniteFieldKeyExchange() {
      TlsConnectionReport dhe = Fixtures.tls12(0x009e).toBuilder().group(null).dhPrimeBits(2048).build();

      assertThatThrownBy(() -> assertThat(dhe).usesGroup("ffdhe2048"))
          .hasMessageContaining("  DHE with a 2048-bit prime (no named group)");
    }

    @Test
    void usesPostQuantumKeyExchangePassesForHybridsAndPureMlKem() {
      assertThat(TLS13.toBuilder().group(NamedGroup.byName("X25519MLKEM768").orElseThrow()).build())
          .usesPostQuantumKeyExchange();
      assertThat(TLS13.toBuilder().group(NamedGroup.byName("MLKEM768").orElseThrow()).build())
          .usesPostQuantumKeyExchange();

      assertThatThrownBy(() -> assertThat(TLS13).usesPostQuantumKeyExchange())
          .hasMessageContaining("  x25519 (ELLIPTIC_CURVE)");
    }

    @Test
    void negotiatedApplicationProtocolComparesAlpn() {
      assertThat(TLS13).negotiatedApplicationProtocol("h2");

      AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
          () -> assertThat(TLS13).negotiatedApplicationProtocol("http/1.1"));
      assertThat(error.getActual().getStringRepresentation()).isEqualTo("h2");
      assertThatThrownBy(() -> assertThat(TLS10).negotiatedApplicationProtocol("h2"))
          .hasMessageContaining("but no application protocol was negotiated");
    }

    @Test
    void supportsSecureRenegotiationReadsTheServerHelloAndPassesTls13() {
      assertThat(TLS13).as("TLS 1.3 has no renegotiation").supportsSecureRenegotiation();
      assertThat(TLS10).supportsSecureRenegotiation();

      assertThatThrownBy(() -> assertThat(Fixtures.tls12(0xc02f, new ExtendedMasterSecretExtension()))
              .supportsSecureRenegotiation())
          .hasMessageContaining("it carried:" + System.lineSeparator() + "  [extended_master_secret]");
      assertThatThrownBy(() -> assertThat(REJECTED).supportsSecureRenegotiation())
          .hasMessageContaining("but no ServerHello was seen");
    }

    @Test
    void usesExtendedMasterSecretReadsTheServerHelloAndPassesTls13() {
      assertThat(TLS13).as("TLS 1.3 binds the transcript").usesExtendedMasterSecret();
      assertThat(Fixtures.tls12()).usesExtendedMasterSecret();

      assertThatThrownBy(() -> assertThat(TLS10).usesExtendedMasterSecret())
          .hasMessageContaining("it carried:" + System.lineSeparator() + "  [renegotiation_info]");
      assertThatThrownBy(() -> assertThat(Fixtures.tls12(0xc02f,
              new RenegotiationInfoExtension(Bytes.empty()))).usesExtendedMasterSecret())
          .hasMessageContaining("no extended_master_secret");
    }

    @Test
    void hasStapledOcspResponseNeedsAResponse() {
      assertThat(TLS13.toBuilder().ocspResponses(List.of(Bytes.ofHex("30030a0100"))).build())
          .hasStapledOcspResponse();

      assertThatThrownBy(() -> assertThat(TLS13).hasStapledOcspResponse()).hasMessageContaining("but it stapled none");
    }

    @Test
    void hasHandshakeTimeAtMostIncludesTheLimit() {
      assertThat(TLS13).hasHandshakeTimeAtMost(Duration.ofMillis(40)).hasHandshakeTimeAtMost(Duration.ofSeconds(1));

      assertThatThrownBy(() -> assertThat(TLS13).hasHandshakeTimeAtMost(Duration.ofMillis(39)))
          .hasMessageContaining("  39 ms" + System.lineSeparator() + "but it took:" + System.lineSeparator()
              + "  40 ms");
      assertThatThrownBy(() -> assertThat(REJECTED).hasHandshakeTimeAtMost(Duration.ofSeconds(1)))
          .hasMessageContaining("but no handshake time was recorded");
    }
  }

  @Nested
  class Certificates {

    @Test
    void hasTrustedCertificateConsultsTheVerdict() {
      assertThat(TLS13).hasTrustedCertificate();

      TlsConnectionReport selfSigned = TLS13.toBuilder().verification(new Verification(false,
          List.of(new Verification.Problem(Verification.Kind.SELF_SIGNED, "CN=localhost is self-signed")),
          "JDK default trust store", "localhost")).build();
      assertThatThrownBy(() -> assertThat(selfSigned).hasTrustedCertificate())
          .hasMessageContaining(
              "but verification of the chain against JDK default trust store for host localhost found:"
                  + System.lineSeparator() + "  SELF_SIGNED: CN=localhost is self-signed");
      assertThatThrownBy(() -> assertThat(REJECTED).hasTrustedCertificate())
          .hasMessageContaining("but the chain was not verified:");
    }

    @Test
    void certificateNavigatesToTheLeafWithTheReportAsContext() {
      assertThat(TLS13).certificate().isValidFor("localhost").isTrusted();

      assertThatThrownBy(() -> assertThat(TLS13).certificate().isValidFor("example.com"))
          .hasMessageEndingWith("Connection: " + Fixtures.TLS13_SUMMARY);
    }

    @Test
    void certificateCarriesTheDescriptionAlong() {
      assertThatThrownBy(() -> assertThat(TLS13).as("gateway").certificate().isValidFor("example.com"))
          .hasMessageStartingWith("[gateway] ");
    }

    @Test
    void certificateFailsClearlyWhenThePeerSentNone() {
      assertThatThrownBy(() -> assertThat(REJECTED).certificate())
          .isInstanceOf(AssertionError.class)
          .hasMessage(message(
              "Expecting the peer to have sent a certificate",
              "but it sent none (rejected_by_peer: server sent fatal alert handshake_failure (40))",
              "Connection: " + Fixtures.REJECTED_SUMMARY));
    }

    @Test
    void certificateChainNavigatesToListAssertionsLeafFirst() {
      assertThat(TLS13).certificateChain().hasSize(2).containsExactly(Fixtures.leaf(), Fixtures.ca());
      assertThat(REJECTED).certificateChain().isEmpty();

      assertThatThrownBy(() -> assertThat(TLS13).certificateChain().last().isNotCertificateAuthority())
          .hasMessageContaining("not to be a certificate authority")
          .hasMessageEndingWith("Connection: " + Fixtures.TLS13_SUMMARY);
    }

    @Test
    void certificateCanUseAPinnedClock() {
      assertThat(TLS13).withClock(Fixtures.CLOCK).certificate().expiresAfter(Duration.ofDays(89));

      assertThatThrownBy(() -> assertThat(TLS13).withClock(Fixtures.CLOCK).certificate()
              .expiresAfter(Duration.ofDays(90)))
          .hasMessageContaining("  2026-04-01T00:00:00Z (in 90 days)");
    }
  }
}
