package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ServerProfiles;
import io.tlsprobe.report.ProtocolSupport;
import io.tlsprobe.report.ServerProfile;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a server letting the client's order decide. */
class ShouldEnforceServerCipherOrderTest {

  @Test
  void namesEachVersionWithTheOrderItShows() {
    ServerProfile legacy = ServerProfiles.legacy();

    String text = ShouldEnforceServerCipherOrder.shouldEnforceServerCipherOrder(legacy, List.of(
            legacy.protocol(TlsProtocol.TLSv1).orElseThrow(), ProtocolSupport.refused(TlsProtocol.TLSv1_3)))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to enforce its own cipher suite order",
        "but in:",
        "  TLSv1: client order (2 suites)",
        "  TLSv1.3: not accepted",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }
}
