package io.tlsprobe.assertj;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.NamedGroup;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.report.ServerProfile;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link ServerProfileAssert}: every assertion both ways, on hand-built modern and legacy profiles. */
class ServerProfileAssertTest {

  private static final ServerProfile MODERN = ServerProfiles.modern();
  private static final ServerProfile LEGACY = ServerProfiles.legacy();

  private static String failure(ThrowingCallable assertion) {
    AssertionError error = catchThrowableOfType(assertion, AssertionError.class);
    assertThat(error).as("expected the assertion to fail").isNotNull();
    return error.getMessage();
  }

  @Test
  void passesEveryAssertionOnAModernProfile() {
    assertThat(MODERN)
        .isComplete()
        .acceptsProtocol(TlsProtocol.TLSv1_3)
        .acceptsProtocol(TlsProtocol.TLSv1_2)
        .acceptsNoProtocolBelow(TlsProtocol.TLSv1_2)
        .acceptsCipherSuite(CipherSuite.of(0x1301))
        .acceptsCipherSuite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
        .acceptsNoWeakCipherSuite()
        .acceptsOnlyCipherSuitesIn(CipherSuite.of(0x1301), CipherSuite.of(0x1302), CipherSuite.of(0xc02f),
            CipherSuite.of(0xc030), CipherSuite.of(0x1303))
        .enforcesServerCipherOrder()
        .enforcesServerCipherOrder(TlsProtocol.TLSv1_2)
        .acceptsGroup(NamedGroup.of(0x0017))
        .acceptsGroup("X25519");
  }

  @Nested
  class Failures {

    @Test
    void acceptsProtocolFailsForARefusedVersionListingTheAcceptedOnes() {
      assertThat(failure(() -> assertThat(MODERN).acceptsProtocol(TlsProtocol.TLSv1_1)))
          .contains("Expecting the server to accept protocol:", "TLSv1.1", "[TLSv1.2, TLSv1.3]",
              ServerProfiles.MODERN_LINE);
    }

    @Test
    void acceptsNoProtocolBelowNamesTheOlderAcceptedVersions() {
      assertThat(failure(() -> assertThat(LEGACY).acceptsNoProtocolBelow(TlsProtocol.TLSv1_2)))
          .contains("but it accepts:" + System.lineSeparator() + "  TLSv1" + System.lineSeparator());
    }

    @Test
    void acceptsNoProtocolBelowPassesAtTheOldestAcceptedVersion() {
      assertThat(LEGACY).acceptsNoProtocolBelow(TlsProtocol.TLSv1);
    }

    @Test
    void acceptsCipherSuiteFailsForASuiteNoVersionAccepts() {
      assertThat(failure(() -> assertThat(MODERN).acceptsCipherSuite("AES128-SHA")))
          .contains("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_AES_256_GCM_SHA384");
    }

    @Test
    void acceptsCipherSuiteRejectsAnUnknownName() {
      assertThatIllegalArgumentException().isThrownBy(() -> assertThat(MODERN).acceptsCipherSuite("NO_SUCH_SUITE"));
    }

    @Test
    void acceptsNoWeakCipherSuiteListsTheWeakSuitesPerVersion() {
      String message = failure(() -> assertThat(LEGACY).acceptsNoWeakCipherSuite());

      assertThat(message).contains("but it accepts 2 in TLSv1:", "TLS_RSA_WITH_RC4_128_SHA: INSECURE (",
          "but it accepts 2 in TLSv1.2:", "TLS_RSA_WITH_3DES_EDE_CBC_SHA: WEAK (", ServerProfiles.LEGACY_LINE)
          .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void acceptsNoWeakCipherSuiteUsesTheSameRuleAsTheClientOfferAssertion() {
      // every suite the legacy profile accepts, judged both ways, gives the same weak set
      assertThat(LEGACY.acceptedCipherSuites().stream().filter(AbstractClientOfferAssert::isWeak))
          .containsExactlyInAnyOrder(CipherSuite.of(0xc013), CipherSuite.of(0x000a), CipherSuite.of(0x0005));
    }

    @Test
    void acceptsOnlyCipherSuitesInNamesTheSuitesOutsideTheSetPerVersion() {
      String message = failure(
          () -> assertThat(MODERN).acceptsOnlyCipherSuitesIn(CipherSuite.of(0x1301), CipherSuite.of(0x1302)));

      assertThat(message).contains("but it also accepts, in TLSv1.2:",
          "[TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]")
          .doesNotContain("in TLSv1.3");
    }

    @Test
    void acceptsOnlyCipherSuitesInNeedsAtLeastOneSuite() {
      assertThatIllegalArgumentException().isThrownBy(() -> assertThat(MODERN).acceptsOnlyCipherSuitesIn());
    }

    @Test
    void enforcesServerCipherOrderNamesEachVersionInClientOrder() {
      assertThat(failure(() -> assertThat(LEGACY).enforcesServerCipherOrder()))
          .contains("  TLSv1: client order (2 suites)", "  TLSv1.2: client order (3 suites)");
    }

    @Test
    void enforcesServerCipherOrderForOneVersionFailsWhenItIsNotAccepted() {
      assertThat(failure(() -> assertThat(MODERN).enforcesServerCipherOrder(TlsProtocol.TLSv1_1)))
          .contains("  TLSv1.1: not accepted");
    }

    @Test
    void acceptsGroupListsTheGroupsFound() {
      assertThat(failure(() -> assertThat(LEGACY).acceptsGroup("x25519")))
          .contains("Expecting the server to accept group:", "[secp256r1]");
    }

    @Test
    void isCompleteQuotesWhyTheScanIsPartial() {
      assertThat(failure(() -> assertThat(LEGACY).isComplete()))
          .contains("but it is partial:", "server stopped answering after 12 connections");
    }

    @Test
    void everyAssertionFailsOnANullProfile() {
      assertThat(failure(() -> assertThat((ServerProfile) null).isComplete())).contains("Expecting actual not to be null");
    }
  }
}
