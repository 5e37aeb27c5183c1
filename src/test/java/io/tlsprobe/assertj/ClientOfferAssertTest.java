package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.cert.CertificateScenario;
import io.tlsprobe.report.ClientOffer;
import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.wire.ClientHello;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@link ClientOfferAssert}: every assertion both ways, on offers a capture server recorded of a real JSSE client and
 * on hand-built offers for what the JDK will not send (TLS 1.0, RC4, DEFLATE).
 */
class ClientOfferAssertTest {

  /**
   * A JSSE client restricted to TLS 1.3 and TLS_AES_128_GCM_SHA256, sending SNI localhost explicitly (the JDK sends
   * none for a single-label name such as {@code localhost} on its own: see {@link #jdkDefault}).
   */
  private static TlsConnectionReport strict;
  /** A JSSE client with the JDK's default protocols and suites, via the name localhost (no SNI configured). */
  private static TlsConnectionReport jdkDefault;
  /** A JSSE client connecting to the IP literal 127.0.0.1: no SNI. */
  private static TlsConnectionReport byAddress;

  @BeforeAll
  static void captureRealClients() throws Exception {
    strict = ClientOffers.capture(CertificateScenario.VALID, "localhost", s -> {
      s.setEnabledProtocols(new String[] {"TLSv1.3"});
      s.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
      SSLParameters parameters = s.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName("localhost")));
      s.setSSLParameters(parameters);
    });
    jdkDefault = ClientOffers.capture(CertificateScenario.VALID, "localhost", s -> {});
    byAddress = ClientOffers.capture(CertificateScenario.VALID, "127.0.0.1", s -> {});
  }

  @Nested
  class RealClients {

    @Test
    void passesEveryOfferAssertionOnAStrictJsseClient() {
      assertThat(strict).wasAcceptedByClient()
          .clientOffer()
          .offersNoWeakCipherSuite()
          .offersNoProtocolBelow(TlsProtocol.TLSv1_2)
          .offersProtocol(TlsProtocol.TLSv1_3)
          .offersCipherSuite(CipherSuite.of(0x1301))
          .offersCipherSuite("TLS_AES_128_GCM_SHA256")
          .sentServerName("localhost")
          .sentServerName("LOCALHOST")
          .offersGroup("x25519")
          .offersNoCompression()
          .hasJa3Hash(strict.clientOffer().orElseThrow().ja3Hash().toUpperCase());
    }

    @Test
    void findsTheCbcSuitesTheJdkOffersByDefault() {
      // when the JDK's default client offer is checked for weak suites
      AssertionError error = catchThrowableOfType(
          () -> assertThat(jdkDefault).clientOffer().offersNoWeakCipherSuite(), AssertionError.class);

      // then the CBC suites are named with their reasons, and the connection closes the message
      assertThat(error).hasMessageContaining("Expecting the client to offer no weak or insecure cipher suite")
          .hasMessageContaining("_CBC_").hasMessageContaining(": WEAK (")
          .hasMessageContaining("CBC mode: Lucky13 and padding-oracle risks")
          .hasMessageContaining("Connection: " + jdkDefault.summary());
    }

    @Test
    void recordsThatTheJdkSendsNoServerNameForPlainLocalhost() {
      assertThat(jdkDefault).clientOffer().sentNoServerName();
    }

    @Test
    void seesNoServerNameFromAClientOfAnAddress() {
      assertThat(byAddress).clientOffer().sentNoServerName();
      assertThatThrownBy(() -> assertThat(byAddress).clientOffer().sentServerName("localhost"))
          .hasMessageContaining("but it sent:" + System.lineSeparator() + "  none");
      assertThatThrownBy(() -> assertThat(strict).clientOffer().sentNoServerName())
          .hasMessageContaining("  localhost");
    }

    @Test
    void failsOnAProtocolTheStrictClientDidNotOffer() {
      assertThatThrownBy(() -> assertThat(strict).clientOffer().offersProtocol(TlsProtocol.TLSv1_2))
          .hasMessageContaining("Expecting the client to offer protocol:" + System.lineSeparator() + "  TLSv1.2")
          .hasMessageContaining("[TLSv1.3]");
    }
  }

  @Nested
  class UrlConnection {

    /**
     * A finding: the JDK sends no SNI for a single-label host name, so the issue's {@code sentServerName("localhost")}
     * fails for HttpsURLConnection, and the failure says so.
     */
    @Test
    void recordsThatHttpsUrlConnectionSendsNoServerNameForLocalhost() throws Exception {
      // given an HttpsURLConnection fetching https://localhost:<port>/ with the JDK's default offer
      TlsConnectionReport report = ClientOffers.captureUrlConnection(CertificateScenario.VALID);

      // then it completed, offered TLS 1.2 at least, no compression, and no SNI
      assertThat(report).wasAcceptedByClient().usesProtocolAtLeast(TlsProtocol.TLSv1_2).hasNoCompression()
          .clientOffer().offersNoProtocolBelow(TlsProtocol.TLSv1_2).offersNoCompression().sentNoServerName();
      assertThatThrownBy(() -> assertThat(report).clientOffer().sentServerName("localhost"))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("but it sent:" + System.lineSeparator() + "  none");
    }

    @Test
    void provesThatHttpsUrlConnectionRejectsAnExpiredCertificate() throws Exception {
      assertThat(ClientOffers.captureUrlConnection(CertificateScenario.EXPIRED))
          .wasRejectedByClient("certificate_unknown");
    }
  }

  @Nested
  class HandBuiltOffers {

    @Test
    void listsEveryWeakSuiteButNotTheSignallingValue() {
      AssertionError error = catchThrowableOfType(
          () -> assertThat(ClientOffers.legacy()).offersNoWeakCipherSuite(), AssertionError.class);

      assertThat(error).hasMessageContaining("but it offered 2 of 4:")
          .hasMessageContaining("TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)")
          .hasMessageContaining("TLS_RSA_WITH_3DES_EDE_CBC_SHA: WEAK (")
          .hasMessageNotContaining("TLS_EMPTY_RENEGOTIATION_INFO_SCSV:")
          .hasMessageNotContaining("Connection:");
    }

    @Test
    void failsOnTls10AndOnAnUnknownVersion() {
      assertThatThrownBy(() -> assertThat(ClientOffers.legacy()).offersNoProtocolBelow(TlsProtocol.TLSv1_2))
          .hasMessageContaining("but it offered:" + System.lineSeparator() + "  TLSv1");
      ClientOffer unknown = ClientOffer.of(ClientHello.builder().legacyVersion(0x7f01).cipherSuites(0x1301).build());
      assertThatThrownBy(() -> assertThat(unknown).offersNoProtocolBelow(TlsProtocol.TLSv1_2))
          .hasMessageContaining("but it offered no version this library knows");
      assertThat(ClientOffers.modern()).offersNoProtocolBelow(TlsProtocol.TLSv1_2);
    }

    @Test
    void failsOnDeflate() {
      assertThatThrownBy(() -> assertThat(ClientOffers.legacy()).offersNoCompression())
          .hasMessageContaining("[DEFLATE, null]");
      assertThat(ClientOffers.modern()).offersNoCompression();
    }

    @Test
    void checksAlpnAndNamesTheMissingProtocols() {
      assertThat(ClientOffers.modern()).offersAlpn("http/1.1", "h2").offersAlpn("h2");
      assertThatThrownBy(() -> assertThat(ClientOffers.modern()).offersAlpn("h2", "h3"))
          .hasMessageContaining("missing:" + System.lineSeparator() + "  [h3]");
      assertThatThrownBy(() -> assertThat(ClientOffers.legacy()).offersAlpn("h2"))
          .hasMessageContaining("but it offered:" + System.lineSeparator() + "  none");
      assertThatIllegalArgumentException().isThrownBy(() -> assertThat(ClientOffers.modern()).offersAlpn());
    }

    @Test
    void checksGroupsAndSuitesByValueAndName() {
      assertThat(ClientOffers.modern()).offersGroup(NamedGroup.of(0x0017)).offersCipherSuite(CipherSuite.of(0xc02f));
      assertThatThrownBy(() -> assertThat(ClientOffers.modern()).offersGroup("secp384r1"))
          .hasMessageContaining("[x25519, secp256r1]");
      assertThatThrownBy(() -> assertThat(ClientOffers.legacy()).offersCipherSuite("TLS_AES_128_GCM_SHA256"))
          .hasMessageContaining("TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA");
      assertThatIllegalArgumentException().isThrownBy(() -> assertThat(ClientOffers.modern()).offersGroup("nope"));
    }

    @Test
    void handsBothJa3HashesToTheIdeAndQuotesTheJa3Text() {
      AssertionFailedError error = catchThrowableOfType(
          () -> assertThat(ClientOffers.legacy()).hasJa3Hash("00000000000000000000000000000000"),
          AssertionFailedError.class);

      assertThat(error.getActual().getValue()).isEqualTo("8212265357dc15f5f2707e6a8c742f64");
      assertThat(error.getExpected().getValue()).isEqualTo("00000000000000000000000000000000");
      assertThat(error).hasMessageContaining("JA3: 769,5-10-49199-255,0,,");
    }

    @Test
    void failsOnANullOffer() {
      assertThatThrownBy(() -> assertThat((ClientOffer) null).offersNoCompression())
          .hasMessageContaining("Expecting actual not to be null");
    }
  }
}
