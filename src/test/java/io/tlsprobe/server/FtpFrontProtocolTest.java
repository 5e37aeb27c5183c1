package io.tlsprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsprobe.report.PlainTextPhase;
import io.tlsprobe.report.TlsConnectionReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FTP front's own answers, seen by a hand-driven client on a plain socket. */
class FtpFrontProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void refusesPbszAndProtBeforeAuthTls() throws Exception {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).build().start();
        Client client = new Client(server)) {
      assertThat(client.command("PBSZ 0")).startsWith("503 ");
      assertThat(client.command("PROT P")).startsWith("503 ");
      assertThat(client.command("AUTH KERBEROS_V4")).startsWith("504 ");
    }
  }

  @Test
  void connectsActiveDataConnectionsOnlyToLoopbackAddresses() throws Exception {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).build().start();
        Client client = new Client(server)) {
      client.command("USER alice");
      client.command("PASS secret");

      assertThat(client.command("PORT 192,0,2,1,4,1")).isEqualTo(
          "501 PORT refused: the capture server connects only to loopback addresses.");
      assertThat(client.command("EPRT |1|192.0.2.1|1025|")).startsWith("501 EPRT refused");
      assertThat(client.command("EPRT |1|localhost|1025|")).isEqualTo("501 Syntax error in EPRT arguments.");
      assertThat(client.command("RETR /hello.txt")).isEqualTo("425 Use PORT, EPRT, PASV or EPSV first.");
    }
  }

  @Test
  void announcesItsOwnLoopbackPortForPassiveDataConnections() throws Exception {
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).build().start();
        Client client = new Client(server)) {
      client.command("USER alice");
      client.command("PASS secret");

      assertThat(client.command("PASV")).matches("227 Entering Passive Mode \\(127,0,0,1,\\d+,\\d+\\)\\.");
      assertThat(client.command("EPSV")).matches("229 Entering Extended Passive Mode \\(\\|\\|\\|\\d+\\|\\)");
      assertThat(client.command("EPSV ALL")).isEqualTo("200 EPSV ALL ok.");
    }
  }

  @Test
  void leavesAuthTlsOutOfFeatWhenStripped() throws Exception {
    List<String> stripped;
    TlsConnectionReport report;
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello())
        .startTlsBehaviour(StartTlsBehaviour.NOT_ADVERTISED).build().start()) {
      try (Client client = new Client(server)) {
        stripped = client.reply("FEAT");
        client.command("QUIT");
      }
      report = server.awaitConnection(WAIT);
    }
    List<String> honest;
    try (TlsCaptureServer server = FtpFrontTest.ftp(FtpFrontTest.filesWithHello()).build().start();
        Client client = new Client(server)) {
      honest = client.reply("FEAT");
    }

    assertThat(honest).contains(" AUTH TLS", " PBSZ", " PROT").startsWith("211-Features:").endsWith("211 End");
    assertThat(stripped).doesNotContain(" AUTH TLS").contains(" PBSZ", " PROT");
    PlainTextPhase phase = report.plainTextPhase().orElseThrow();
    assertThat(phase.startTlsAdvertised()).contains(false);
    assertThat(phase.capabilitiesBefore()).containsExactly("PBSZ", "PROT", "EPSV", "EPRT", "PASV", "SIZE");
  }

  @Test
  void parsesPortAndEprtArgumentsWithoutLookingUpNames() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertThat(FtpConversation.parsePort("127,0,0,1,4,1")).isEqualTo(new InetSocketAddress(loopback, 1025));
    assertThat(FtpConversation.parseEprt("|1|127.0.0.1|1025|")).isEqualTo(new InetSocketAddress(loopback, 1025));
    assertThat(FtpConversation.parseEprt("!2!::1!2000!")).isEqualTo(
        new InetSocketAddress(InetAddress.getByName("::1"), 2000));
    assertThat(FtpConversation.parsePort("127,0,0,1,4")).isNull();
    assertThat(FtpConversation.parsePort("127,0,0,256,4,1")).isNull();
    assertThat(FtpConversation.parsePort("127,0,0,1,0,0")).isNull();
    assertThat(FtpConversation.parseEprt("|1|localhost|1025|")).isNull();
    assertThat(FtpConversation.parseEprt("|1|127.0.0.1|99999|")).isNull();
    assertThat(FtpConversation.parseEprt("|3|127.0.0.1|1025|")).isNull();
  }

  /** A line-at-a-time FTP client: reads the greeting, then one whole reply per command. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Client(TlsCaptureServer server) throws IOException {
      socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port());
      socket.setSoTimeout(5000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
      assertThat(read()).last().asString().startsWith("220 ");
    }

    /** The last line of the reply to {@code line}. */
    String command(String line) throws IOException {
      List<String> reply = reply(line);
      return reply.get(reply.size() - 1);
    }

    List<String> reply(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read();
    }

    private List<String> read() throws IOException {
      List<String> lines = new ArrayList<>();
      String first = in.readLine();
      lines.add(first);
      if (first.length() > 3 && first.charAt(3) == '-') {
        String next;
        do {
          next = in.readLine();
          lines.add(next);
        } while (!next.startsWith(first.substring(0, 3) + " "));
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
