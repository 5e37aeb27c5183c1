package io.tlsprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.Outcome.TransportProblem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportFailuresTest {

  @Test
  void namesTheProblemBehindAnIoException() {
    assertThat(TransportFailures.classify(new ConnectException("Connection refused")))
        .isEqualTo(TransportProblem.REFUSED);
    assertThat(TransportFailures.classify(new NoRouteToHostException("No route to host")))
        .isEqualTo(TransportProblem.UNREACHABLE);
    assertThat(TransportFailures.classify(new SocketException("Connection reset")))
        .isEqualTo(TransportProblem.RESET);
    assertThat(TransportFailures.classify(new IOException("Broken pipe"))).isEqualTo(TransportProblem.CLOSED);
    assertThat(TransportFailures.classify(
        new Connection.DeadlineExceeded(Deadline.after(Duration.ofSeconds(1), "connect"))))
        .isEqualTo(TransportProblem.TIMEOUT);
  }

  @Test
  void showsPrintableBytesAsQuotedTextAndOthersAsHex() {
    assertThat(TransportFailures.render("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("\"SSH-2.0-OpenSSH_9.2\\r\\n\"");
    assertThat(TransportFailures.render(new byte[] {'a', 0x00})).isEqualTo("0x6100");
  }

  @Test
  void recognisesTheStartOfATlsRecord() {
    Transcript tls = new Transcript();
    tls.append(new byte[] {0x16, 0x03});
    Transcript ssh = new Transcript();
    ssh.append("SSH".getBytes(StandardCharsets.US_ASCII));
    Transcript wrongVersion = new Transcript();
    wrongVersion.append(new byte[] {0x16, 0x02});

    assertThat(EngineHandshake.looksLikeTls(tls)).isTrue();
    assertThat(EngineHandshake.looksLikeTls(ssh)).isFalse();
    assertThat(EngineHandshake.looksLikeTls(wrongVersion)).isFalse();
  }

  @Test
  void keepsATranscriptWithinItsLimit() {
    Transcript transcript = new Transcript();
    byte[] chunk = new byte[100_000];
    for (int i = 0; i < 4; i++) {
      transcript.append(chunk);
    }

    assertThat(transcript.length()).isEqualTo(Transcript.LIMIT);
    assertThat(transcript.total()).isEqualTo(400_000);
    assertThat(transcript.truncated()).isTrue();
  }
}
