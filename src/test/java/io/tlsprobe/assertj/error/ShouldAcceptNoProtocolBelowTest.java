package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ServerProfiles;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a server accepting a version older than allowed. */
class ShouldAcceptNoProtocolBelowTest {

  @Test
  void namesTheMinimumAndTheOlderAcceptedVersions() {
    String text = ShouldAcceptNoProtocolBelow.shouldAcceptNoProtocolBelow(ServerProfiles.legacy(),
            TlsProtocol.TLSv1_3, List.of(TlsProtocol.TLSv1, TlsProtocol.TLSv1_2))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept no protocol below:",
        "  TLSv1.3",
        "but it accepts:",
        "  TLSv1, TLSv1.2",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }
}
