package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ClientOffers;
import io.tlsprobe.assertj.Fixtures;
import io.tlsprobe.assertj.ServerProfiles;
import io.tlsprobe.policy.PolicySource;
import io.tlsprobe.policy.TlsPolicy;
import io.tlsprobe.policy.Violation;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a server, connection or client offer that breaks a policy. */
class ShouldComplyWithTest {
  private static final TlsPolicy TEAM = TlsPolicy.builder("team")
      .source(new PolicySource("ACME TLS standard", "2", "https://acme.test/tls"))
      .allowedProtocols(TlsProtocol.TLSv1_2, TlsProtocol.TLSv1_3)
      .build();

  @Test
  void listsEveryViolationAndWhatTheScanCouldNotCheckWithThePolicySourceAndTheProfile() {
    String text = ShouldComplyWith.shouldComplyWith(ServerProfiles.legacy(), TEAM,
            List.of(new Violation("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 accepted"),
                new Violation("group", "one of x25519", "secp256r1 accepted")),
            List.of("compression: unknown (not scanned)"))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to comply with team",
        "  (ACME TLS standard 2, https://acme.test/tls)",
        "but found 2 violations:",
        "  protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 accepted",
        "  group: expected one of x25519 but found secp256r1 accepted",
        "not checked (no definite finding):",
        "  compression: unknown (not scanned)",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }

  @Test
  void leavesOutTheNotCheckedHeadingWhenEveryRuleWasDecided() {
    String text = ShouldComplyWith.shouldComplyWith(ServerProfiles.modern(), TEAM,
            List.of(new Violation("protocol", "TLS 1.3", "TLS 1.2 accepted")), List.of())
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to comply with team",
        "  (ACME TLS standard 2, https://acme.test/tls)",
        "but found 1 violation:",
        "  protocol: expected TLS 1.3 but found TLS 1.2 accepted",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }

  @Test
  void closesAConnectionMessageWithTheConnection() {
    String text = ShouldComplyWith.shouldComplyWith(Fixtures.tls10(), TEAM,
            List.of(new Violation("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 negotiated")))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the connection to comply with team",
        "  (ACME TLS standard 2, https://acme.test/tls)",
        "but found 1 violation:",
        "  protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 negotiated",
        "Connection: " + Fixtures.TLS10_SUMMARY));
  }

  @Test
  void closesAnOfferMessageWithTheOffer() {
    String text = ShouldComplyWith.shouldComplyWith(ClientOffers.legacy(), null, TEAM,
            List.of(new Violation("protocol", "TLS 1.2, TLS 1.3", "TLS 1.0 offered")))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the client's offer to comply with team",
        "  (ACME TLS standard 2, https://acme.test/tls)",
        "but found 1 violation:",
        "  protocol: expected TLS 1.2, TLS 1.3 but found TLS 1.0 offered",
        "Client offer: " + ClientOffers.LEGACY_LINE));
  }
}
