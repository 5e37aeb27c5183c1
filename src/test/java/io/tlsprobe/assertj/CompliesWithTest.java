package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@code compliesWith(policy)} on server profiles, connection reports and client offers, hard and soft. */
class CompliesWithTest {
  private static final String NL = System.lineSeparator();

  private static String failure(ThrowingCallable assertion) {
    AssertionError error = catchThrowableOfType(assertion, AssertionError.class);
    assertThat(error).as("expected the assertion to fail").isNotNull();
    return error.getMessage();
  }

  @Test
  void passesForWhatThePolicyAllows() {
    assertThat(ServerProfiles.modern()).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE);
    assertThat(Fixtures.tls13()).compliesWith(TlsPolicy.MOZILLA_MODERN);
    assertThat(ClientOffers.modern()).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE);
  }

  @Test
  void listsEveryViolationOfALegacyServerInOneFailure() {
    // given the legacy profile: TLS 1.0 with RC4 and ECDHE-CBC, TLS 1.2 with 3DES, CBC and GCM
    List<Violation> expected = TlsPolicy.MOZILLA_INTERMEDIATE.evaluate(ServerProfiles.legacy());

    // when
    String message = failure(() -> assertThat(ServerProfiles.legacy()).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE));

    // then every violation is a line of the one message, with the policy's source and the profile
    assertThat(expected).hasSizeGreaterThan(3);
    assertThat(message).contains("Expecting the server to comply with Mozilla intermediate 6.0",
        "(Mozilla Server Side TLS 6.0, https://ssl-config.mozilla.org/guidelines/6.0.json)",
        "but found " + expected.size() + " violations:", "Server profile: " + ServerProfiles.LEGACY_LINE);
    expected.forEach(v -> assertThat(message).contains(NL + "  " + v + NL));
    assertThat(message).contains("  protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 accepted");
  }

  @Test
  void namesTheNegotiatedVersionAndSuiteOfATls10Connection() {
    String message = failure(() -> assertThat(Fixtures.tls10()).compliesWith(TlsPolicy.NIST_SP_800_52R2));

    assertThat(message).contains("Expecting the connection to comply with NIST SP 800-52r2",
        "(NIST SP 800-52 Rev. 2 August 2019, https://doi.org/10.6028/NIST.SP.800-52r2)",
        "  protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 negotiated",
        "Connection: " + Fixtures.TLS10_SUMMARY);
  }

  @Test
  void namesEachOfferedSuiteAndTheCompressionOutsideThePolicy() {
    String message = failure(() -> assertThat(ClientOffers.legacy()).compliesWith(TlsPolicy.BSI_TR_02102_2));

    assertThat(message).contains("Expecting the client's offer to comply with BSI TR-02102-2",
        "TLS_RSA_WITH_RC4_128_SHA offered", "TLS_RSA_WITH_3DES_EDE_CBC_SHA offered", "compression offered",
        "Client offer: " + ClientOffers.LEGACY_LINE)
        .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 offered", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  }

  @Test
  void collectsEveryPolicyFailureInSoftAssertions() {
    // given
    TlsSoftAssertions softly = new TlsSoftAssertions();

    // when
    softly.assertThat(ServerProfiles.legacy()).compliesWith(TlsPolicy.MOZILLA_MODERN);
    softly.assertThat(Fixtures.tls10()).compliesWith(TlsPolicy.MOZILLA_MODERN);
    softly.assertThat(ClientOffers.legacy()).compliesWith(TlsPolicy.MOZILLA_MODERN);
    softly.assertThat(ClientOffers.modern()).compliesWith(TlsPolicy.MOZILLA_INTERMEDIATE);

    // then three failures, one per subject that breaks the policy
    assertThat(softly.errorsCollected()).hasSize(3);
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("Expecting the server to comply");
    assertThat(softly.errorsCollected().get(2)).hasMessageContaining("Expecting the client's offer to comply");
  }

  @Test
  void failsOnANullSubject() {
    assertThat(failure(() -> assertThat((io.tlsprobe.report.ServerProfile) null)
        .compliesWith(TlsPolicy.MOZILLA_MODERN))).contains("Expecting actual not to be null");
  }
}
