package io.tlsprobe.samples;

import static io.tlsprobe.assertj.TlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsprobe.report.TlsConnectionReport;
import io.tlsprobe.server.StartTlsBehaviour;
import io.tlsprobe.server.TlsCaptureServer;
import io.tlsprobe.starttls.ServiceProtocol;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Finding: with Angus Mail (Jakarta Mail), {@code mail.<protocol>.starttls.enable=true} alone does not protect your
 * password. A man in the middle who strips {@code STARTTLS} from the server's capabilities gets the login in clear:
 * the IMAP store sends {@code AUTHENTICATE PLAIN} and its credentials, then reads the mailbox, all unencrypted. For
 * POP3 it is worse: even a server that advertises {@code STLS} and then refuses it ({@code -ERR}) gets {@code USER}
 * and {@code PASS} in clear. Add {@code mail.<protocol>.starttls.required=true}: the client then gives up before
 * sending anything that matters.
 *
 * <p>Each test points the client at a capture server whose STARTTLS front plays the man in the middle ({@link
 * StartTlsBehaviour#NOT_ADVERTISED} strips the upgrade, {@link StartTlsBehaviour#REFUSED} refuses it), then asserts on
 * the plain-text transcript the server recorded. The tests that show the weakness pass because it is there: they
 * assert that the password crossed in clear.
 */
class AngusMailStartTlsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void starttlsEnableAloneSendsTheImapPasswordInClearWhenStartTlsIsStripped() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      Properties props = imap(server);
      props.put("mail.imap.starttls.enable", "true"); // "use TLS if the server offers it"

      int messages = countMessages(props, "imap");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls()
          .plainTextPhase().didNotAdvertiseStartTls().clientContinuedWithoutTls();
      // the weakness: the login crossed in clear (the assertion that should hold, failing on it)
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .hasMessageContaining("AUTHENTICATE PLAIN (a SASL authentication)");
      Assertions.assertThat(messages).isEqualTo(2); // and the mailbox was read in clear
    }
  }

  @Test
  void starttlsRequiredGivesUpBeforeLoggingInWhenStartTlsIsStripped() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.IMAP)
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      Properties props = imap(server);
      props.put("mail.imap.starttls.enable", "true");
      props.put("mail.imap.starttls.required", "true");

      assertThatThrownBy(() -> countMessages(props, "imap")).isInstanceOf(MessagingException.class)
          .hasMessageContaining("STARTTLS required");

      assertThat(server.awaitConnection(WAIT)).failedStartTls()
          .plainTextPhase().clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
    }
  }

  @Test
  void starttlsEnableAloneSendsThePop3PasswordInClearEvenWhenStlsIsRefused() throws Exception {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POP3)
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      Properties props = pop3(server);
      props.put("mail.pop3.starttls.enable", "true");

      countMessages(props, "pop3");

      TlsConnectionReport report = server.awaitConnection(WAIT);
      assertThat(report).failedStartTls().plainTextPhase().advertisedStartTls().clientContinuedWithoutTls();
      assertThatThrownBy(() -> assertThat(report).plainTextPhase().sentNoCredentialsBeforeTls())
          .hasMessageContaining("C: PASS *** (a password)");
    }
  }

  @Test
  void starttlsRequiredQuitsWhenStlsIsRefused() {
    try (TlsCaptureServer server = TlsCaptureServer.builder().protocol(ServiceProtocol.POP3)
        .startTlsBehaviour(StartTlsBehaviour.REFUSED).build().start()) {
      Properties props = pop3(server);
      props.put("mail.pop3.starttls.enable", "true");
      props.put("mail.pop3.starttls.required", "true");

      assertThatThrownBy(() -> countMessages(props, "pop3")).isInstanceOf(MessagingException.class);

      assertThat(server.awaitConnection(WAIT)).failedStartTls()
          .plainTextPhase().clientStoppedWithoutTls().sentNoCredentialsBeforeTls();
    }
  }

  /** The properties an application sets, trusting the capture server's test certificate authority. */
  private static Properties imap(TlsCaptureServer server) {
    Properties props = new Properties();
    props.put("mail.imap.host", "localhost");
    props.put("mail.imap.port", String.valueOf(server.port()));
    props.put("mail.imap.ssl.socketFactory", server.clientSslSocketFactory());
    props.put("mail.imap.timeout", "5000");
    return props;
  }

  private static Properties pop3(TlsCaptureServer server) {
    Properties props = new Properties();
    props.put("mail.pop3.host", "localhost");
    props.put("mail.pop3.port", String.valueOf(server.port()));
    props.put("mail.pop3.ssl.socketFactory", server.clientSslSocketFactory());
    props.put("mail.pop3.timeout", "5000");
    return props;
  }

  /** What the application does: log in, open INBOX, count the messages. */
  private static int countMessages(Properties props, String protocol) throws MessagingException {
    Store store = Session.getInstance(props).getStore(protocol);
    store.connect("alice", "secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.getMessageCount();
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }
}
