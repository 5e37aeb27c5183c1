package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceProtocolTest {

  @ParameterizedTest
  @CsvSource({
    "SMTP, 25, 465", "SUBMISSION, 587, 465", "FTP, 21, 990", "IMAP, 143, 993", "POP3, 110, 995", "NNTP, 119, 563",
    "LDAP, 389, 636", "XMPP, 5222, 5223", "POSTGRES, 5432, -1", "MYSQL, 3306, -1", "SIEVE, 4190, -1", "LMTP, 24, -1"
  })
  void knowsTheWellKnownPortsOfBothModes(ServiceProtocol protocol, int startTlsPort, int implicitPort) {
    assertThat(protocol.startTlsPort()).isEqualTo(OptionalInt.of(startTlsPort));
    assertThat(protocol.implicitTlsPort())
        .isEqualTo(implicitPort < 0 ? OptionalInt.empty() : OptionalInt.of(implicitPort));
    assertThat(protocol.defaultPort()).isEqualTo(OptionalInt.of(startTlsPort));
  }

  @Test
  void picksStartTlsOnTheClassicPortAndDirectTlsOnTheImplicitOne() {
    assertThat(ServiceProtocol.IMAP.modeFor(143)).isEqualTo(StartTls.IMAP);
    assertThat(ServiceProtocol.IMAP.modeFor(993)).isEqualTo(StartTls.NONE);
    assertThat(ServiceProtocol.IMAP.modeFor(10143)).isEqualTo(StartTls.IMAP);
    assertThat(ServiceProtocol.SUBMISSION.modeFor(465)).isEqualTo(StartTls.NONE);
    assertThat(ServiceProtocol.HTTPS.modeFor(8443)).isEqualTo(StartTls.NONE);
    assertThat(ServiceProtocol.HTTPS.defaultPort()).isEqualTo(OptionalInt.of(443));
  }

  @Test
  void isFoundByItsNameOrByItsDialectsName() {
    assertThat(ServiceProtocol.byName("xmpp-server")).contains(ServiceProtocol.XMPP_SERVER);
    assertThat(ServiceProtocol.byName("XMPP_SERVER")).contains(ServiceProtocol.XMPP_SERVER);
    assertThat(ServiceProtocol.byName("postgresql")).contains(ServiceProtocol.POSTGRES);
    assertThat(ServiceProtocol.byName("managesieve")).contains(ServiceProtocol.SIEVE);
    assertThat(ServiceProtocol.byName("gopher")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ServiceProtocol.class)
  void everyServiceWithAnUpgradeNamesADialectWhoseDefaultPortIsItsClassicPortOrSubmission(ServiceProtocol p) {
    if (p.startTls().isUpgrade()) {
      assertThat(p.startTlsPort()).isPresent();
      if (p != ServiceProtocol.SUBMISSION) {
        assertThat(p.startTls().defaultPort()).isEqualTo(p.startTlsPort());
      }
    } else {
      assertThat(p.startTlsPort()).isEmpty();
    }
  }
}
