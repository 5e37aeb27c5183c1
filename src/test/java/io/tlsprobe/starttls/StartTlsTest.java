package io.tlsprobe.starttls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StartTlsTest {

  @ParameterizedTest
  @EnumSource(StartTls.class)
  void isFoundByItsCliNameAndItsConstantNameInAnyCase(StartTls s) {
    assertThat(StartTls.byName(s.cliName())).contains(s);
    assertThat(StartTls.byName(s.name())).contains(s);
    assertThat(StartTls.byName(" " + s.cliName().toUpperCase() + " ")).contains(s);
  }

  @Test
  void acceptsTheAliasesOtherToolsUse() {
    assertThat(StartTls.byName("postgresql")).contains(StartTls.POSTGRES);
    assertThat(StartTls.byName("mariadb")).contains(StartTls.MYSQL);
    assertThat(StartTls.byName("managesieve")).contains(StartTls.SIEVE);
    assertThat(StartTls.byName("xmpp-client")).contains(StartTls.XMPP);
    assertThat(StartTls.byName("xmpp_server")).contains(StartTls.XMPP_SERVER);
    assertThat(StartTls.byName("irc")).isEmpty();
  }

  @Test
  void namesTheConnectionAsTheReportDoes() {
    assertThat(StartTls.NONE.connectionName()).isEqualTo("direct");
    assertThat(StartTls.XMPP_SERVER.connectionName()).isEqualTo("starttls:xmpp-server");
    assertThat(StartTls.NONE.isUpgrade()).isFalse();
    assertThat(StartTls.NONE.defaultPort()).isEmpty();
  }

  @Test
  void listsEveryDialectForUsageMessages() {
    assertThat(StartTls.names())
        .isEqualTo("smtp|lmtp|ftp|imap|pop3|nntp|ldap|xmpp|xmpp-server|postgres|mysql|sieve");
  }
}
