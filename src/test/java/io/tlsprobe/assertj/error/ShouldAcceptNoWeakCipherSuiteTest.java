package io.tlsprobe.assertj.error;

import static io.tlsprobe.assertj.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import io.tlsprobe.CipherSuite;
import io.tlsprobe.TlsProtocol;
import io.tlsprobe.assertj.ServerProfiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

/** The message for a server accepting WEAK or INSECURE suites. */
class ShouldAcceptNoWeakCipherSuiteTest {

  @Test
  void listsTheOffendingSuitesPerVersionWithTheirClassAndReasons() {
    Map<TlsProtocol, List<CipherSuite>> weak = new LinkedHashMap<>();
    weak.put(TlsProtocol.TLSv1, List.of(CipherSuite.of(0x0005)));
    weak.put(TlsProtocol.TLSv1_2, List.of(CipherSuite.of(0x000a)));

    String text = ShouldAcceptNoWeakCipherSuite.shouldAcceptNoWeakCipherSuite(ServerProfiles.legacy(), weak)
        .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

    assertThat(text).isEqualTo("[Test] " + message(
        "Expecting the server to accept no weak or insecure cipher suite",
        "but it accepts 1 in TLSv1:",
        "  TLS_RSA_WITH_RC4_128_SHA: INSECURE (RC4 is prohibited by RFC 7465)",
        "but it accepts 1 in TLSv1.2:",
        "  TLS_RSA_WITH_3DES_EDE_CBC_SHA: WEAK (3DES has a 64-bit block: SWEET32 (CVE-2016-2183); no forward"
            + " secrecy: static RSA key exchange; CBC mode: Lucky13 and padding-oracle risks; SHA-1 MAC: deprecated"
            + " hash)",
        "Server profile: " + ServerProfiles.LEGACY_LINE));
  }
}
