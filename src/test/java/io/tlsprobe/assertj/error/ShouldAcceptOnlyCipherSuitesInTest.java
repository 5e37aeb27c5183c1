package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ServerProfiles;
import java.util.List;
import java.util.Map;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a server accepting suites outside an allowed set. */
class ShouldAcceptOnlyCipherSuitesInTest {

  @Test
  void namesTheAllowedSetAndTheExtraSuitesPerVersion() {
    String text = ShouldAcceptOnlyCipherSuitesIn.shouldAcceptOnlyCipherSuitesIn(ServerProfiles.modern(),
            List.of(CipherSuite.of(0x1301), CipherSuite.of(0x1302)),
            Map.of(TlsProtocol.TLSv1_2, List.of(CipherSuite.of(0xc02f), CipherSuite.of(0xc030))))
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept only cipher suites in:",
        "  [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]",
        "but it also accepts, in TLSv1.2:",
        "  [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]",
        "Server profile: " + ServerProfiles.MODERN_LINE));
  }
}
